import Type, { type Static } from 'typebox'
import { Timestamp } from './common'

/**
 * What GET /api/screens/:id/timeline answers: what a screen will show over a range, zone by zone,
 * item by item or segment by segment, with the schedule entries that compete for each zone.
 * Computed with the player's own timeline code (playlists/timeline.ts).
 */

const DAY_MS = 86_400_000

/**
 * Item by item, three days: a weekend and the Monday after, checked before they air. Three days
 * of 10-second slides are some 26,000 entries per zone, read a page at a time; a 14-day range
 * was 20 MB computed in 1.7 s on the event loop (issue 16). Longer ranges are read by segment.
 */
export const TIMELINE_ITEM_RANGE_MAX_MS = 3 * DAY_MS
/** By segment (what plays, not each item), a calendar quarter: a campaign planned ahead. */
export const TIMELINE_SEGMENT_RANGE_MAX_MS = 92 * DAY_MS
/**
 * Entries and conflicts per answer, all zones together (a conflict counts once plus once per
 * entry it beat): about 2 MB of JSON at most, computed in a worker in a tenth of a second. The
 * answer stops there and says where (`next`); a week of the console's schedule page is one answer
 * for most screens.
 */
export const TIMELINE_PAGE_ENTRIES_MAX = 10_000

export const TimelineGranularity = Type.Union([Type.Literal('item'), Type.Literal('segment')])
export type TimelineGranularity = Static<typeof TimelineGranularity>

export const TimelineQuery = Type.Object({
  from: Timestamp,
  to: Timestamp,
  granularity: Type.Optional(TimelineGranularity),
})
export type TimelineQuery = Static<typeof TimelineQuery>

export const TimelineEntryAnswer = Type.Object({
  start: Timestamp,
  end: Type.String(),
  playlistId: Type.Union([Type.String(), Type.Null()]),
  itemId: Type.Union([Type.String(), Type.Null()]),
  index: Type.Union([Type.Integer(), Type.Null()]),
  ruleId: Type.Union([Type.String(), Type.Null()]),
  overrideId: Type.Union([Type.String(), Type.Null()]),
})
export type TimelineEntryAnswer = Static<typeof TimelineEntryAnswer>

export const Contender = Type.Object({
  ruleId: Type.String(),
  priority: Type.Integer(),
  target: Type.Union([
    Type.Literal('all'),
    Type.Literal('site'),
    Type.Literal('group'),
    Type.Literal('screen'),
  ]),
})
export type Contender = Static<typeof Contender>

/** Entries competing for the zone over a stretch: who plays, and why each other one does not. */
export const Conflict = Type.Object({
  start: Timestamp,
  end: Type.String(),
  winner: Contender,
  losers: Type.Array(
    Type.Object({
      ...Contender.properties,
      /** The step of the overlap rule that decided: higher priority, more specific target, created later, id. */
      reason: Type.Union([
        Type.Literal('priority'),
        Type.Literal('specificity'),
        Type.Literal('newer'),
        Type.Literal('id'),
      ]),
    }),
  ),
})
export type Conflict = Static<typeof Conflict>

export const ZoneTimeline = Type.Object({
  id: Type.String(),
  name: Type.String(),
  x: Type.Number(),
  y: Type.Number(),
  width: Type.Number(),
  height: Type.Number(),
  entries: Type.Array(TimelineEntryAnswer),
  /** Where two or more schedule entries want the zone (emergency messages aside). */
  conflicts: Type.Array(Conflict),
})
export type ZoneTimeline = Static<typeof ZoneTimeline>

export const TimelineAnswer = Type.Object({
  screenId: Type.String(),
  timeZone: Type.String(),
  version: Type.Integer(),
  granularity: TimelineGranularity,
  layoutId: Type.Union([Type.String(), Type.Null()]),
  /** One timeline per zone of the screen's layout, main first. */
  zones: Type.Array(ZoneTimeline),
  /**
   * Null when the answer reaches `to`. Otherwise every zone's entries and conflicts stop at this
   * instant (TIMELINE_PAGE_ENTRIES_MAX), one going on past it cut there: ask again with it as
   * `from` for the rest.
   */
  next: Type.Union([Timestamp, Type.Null()]),
})
export type TimelineAnswer = Static<typeof TimelineAnswer>
