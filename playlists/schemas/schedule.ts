import Type, { type Static } from 'typebox'
import { PRIORITY_MAX, PRIORITY_MIN, WINDOW_MINUTES_MAX } from '../limits'
import { ID_PATTERN, Id, Name, Timestamp } from './common'
import { MAIN_ZONE } from './layout'
import { TaggedUnion } from './union'

/**
 * A schedule entry puts a playlist on a target during recurring local-time windows.
 *
 * The overlap rule (one rule decides every conflict, the same on server, player and preview):
 *   1. the higher `priority` wins;
 *   2. on equal priority, the more specific target wins: screen > sync group > site > all;
 *   3. then the entry created later wins;
 *   4. then the greater id (only to make the order total).
 * When no entry is active, the screen's default playlist plays.
 *
 * Times are wall-clock in the screen's time zone. A daily window [start, end) includes its
 * start and excludes its end; an end at or before the start means the window crosses midnight
 * and belongs to the weekday it starts on. `from` is inclusive, `until` exclusive.
 */

export const LocalDateTimeText = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$',
  description: 'Local date and time in the screen’s zone, e.g. 2026-12-01T06:00',
})
export const TimeOfDayText = Type.String({
  pattern: '^\\d{2}:\\d{2}$',
  description: 'Local time of day, 00:00–24:00',
})

export const TargetInput = TaggedUnion('type', [
  Type.Object({ type: Type.Literal('screen'), id: Id }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('group'), id: Id }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('site'), id: Id }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('all') }, { additionalProperties: false }),
])
export type Target = Static<typeof TargetInput>
export type TargetType = Target['type']

/** Rule 2 of the overlap rule, as a number the timeline compares. */
export const SPECIFICITY: Record<TargetType, number> = { all: 1, site: 2, group: 3, screen: 4 }

export const Window = Type.Object(
  { start: TimeOfDayText, end: TimeOfDayText },
  { additionalProperties: false, description: 'Daily window; end ≤ start crosses midnight' },
)
export type Window = Static<typeof Window>

export const CronRecurrence = Type.Object(
  {
    expression: Type.String({
      minLength: 9,
      maxLength: 120,
      description: 'minute hour day-of-month month day-of-week',
    }),
    durationMinutes: Type.Integer({ minimum: 1, maximum: WINDOW_MINUTES_MAX }),
  },
  { additionalProperties: false },
)
export type CronRecurrence = Static<typeof CronRecurrence>

/**
 * Days of the Vietnamese lunar calendar (âm lịch) on which daily windows open: Tết is month 1,
 * days 1–3; the Mid-Autumn festival month 8, day 15; the 1st and 15th of every month is month
 * null, days [1, 15]. The days are the screen's local days (like weekdays), named by the lunar
 * calendar of UTC+7, Vietnam's rule (playlists/calendar/lunar.ts), wherever the screen is: a
 * screen on the Chinese side keeps the Vietnamese festival dates its operators scheduled.
 */
export const LunarRecurrence = Type.Object(
  {
    month: Type.Union([Type.Integer({ minimum: 1, maximum: 12 }), Type.Null()], {
      description: 'Lunar month 1–12 (a leap month is not its month: it repeats it); null for every month',
    }),
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 30 }), {
      minItems: 1,
      maxItems: 30,
      uniqueItems: true,
      description: 'Lunar days 1–30; the 30th only in the months that have one',
    }),
  },
  { additionalProperties: false },
)
export type LunarRecurrence = Static<typeof LunarRecurrence>

/**
 * The layout zone the entry plays in. A screen whose layout has no such zone ignores the entry,
 * so one entry aimed at a site can fill the ticker strip of the screens that have one.
 */
const ZoneId = Type.String({
  pattern: ID_PATTERN,
  default: MAIN_ZONE,
  description: 'Layout zone; "main" by default',
})

const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: Monday 1 … Sunday 7' })
const Priority = Type.Integer({ minimum: PRIORITY_MIN, maximum: PRIORITY_MAX })

/** The recurrence and bounds, shared by the API entry and the document rule. */
const RuleFields = {
  from: Type.Union([LocalDateTimeText, Type.Null()]),
  until: Type.Union([LocalDateTimeText, Type.Null()]),
  /** Weekdays on which daily windows open; every day when absent. Not used with cron. */
  days: Type.Union([Type.Array(Weekday, { minItems: 1, maxItems: 7, uniqueItems: true }), Type.Null()]),
  window: Type.Union([Window, Type.Null()]),
  cron: Type.Union([CronRecurrence, Type.Null()]),
  /** Lunar days on which daily windows open, instead of weekdays. Not used with cron or days. */
  lunar: Type.Union([LunarRecurrence, Type.Null()]),
}

export const ScheduleInput = Type.Object(
  {
    id: Type.Optional(Id),
    name: Name,
    playlistId: Id,
    target: TargetInput,
    from: Type.Optional(RuleFields.from),
    until: Type.Optional(RuleFields.until),
    days: Type.Optional(RuleFields.days),
    window: Type.Optional(RuleFields.window),
    cron: Type.Optional(RuleFields.cron),
    lunar: Type.Optional(RuleFields.lunar),
    priority: Type.Optional(Priority),
    zoneId: Type.Optional(ZoneId),
  },
  { additionalProperties: false },
)
export type ScheduleInput = Static<typeof ScheduleInput>

export const Schedule = Type.Object({
  id: Id,
  name: Name,
  playlistId: Id,
  target: TargetInput,
  ...RuleFields,
  priority: Priority,
  zoneId: ZoneId,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Schedule = Static<typeof Schedule>

/** A schedule entry as a screen's document carries it: target resolved to its specificity. */
export const ScheduleRule = Type.Object({
  id: Id,
  playlistId: Id,
  priority: Type.Integer(),
  specificity: Type.Integer({ minimum: 1, maximum: 4 }),
  zoneId: Id,
  createdAt: Timestamp,
  ...RuleFields,
})
export type ScheduleRule = Static<typeof ScheduleRule>
