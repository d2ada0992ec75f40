import { solarToLunar, VIETNAM_UTC_OFFSET_HOURS } from '../calendar/lunar'
import type { ScheduleRule } from '../schemas/schedule'
import {
  addDays,
  compareDates,
  fastInstantOf,
  instantOf,
  type LocalDate,
  localAt,
  midnightOf,
  parseLocalDateTime,
  parseTimeOfDay,
  weekdayOf,
} from '../time/zone'
import { type Cron, CronError, cronMatchesDay, parseCron } from './cron'

/** One stretch of time during which a rule wants its playlist on screen. */
export interface Occurrence {
  rule: CompiledRule
  startMs: number
  endMs: number
}

/** A rule with its texts parsed once, for a given zone. */
export interface CompiledRule {
  rule: ScheduleRule
  fromMs: number
  untilMs: number
  days: ReadonlySet<number> | null
  window: { start: number; end: number } | null
  cron: Cron | null
  cronDurationMs: number
  lunar: { month: number | null; days: ReadonlySet<number> } | null
}

const MINUTE = 60_000
const DAY = 86_400_000

export function compileRule(rule: ScheduleRule, zone: string): CompiledRule {
  const bound = (text: string | null, fallback: number) => {
    if (!text) return fallback
    const { date, minute } = parseLocalDateTime(text)
    return fastInstantOf(zone, date, minute)
  }
  return {
    rule,
    fromMs: bound(rule.from, Number.NEGATIVE_INFINITY),
    untilMs: bound(rule.until, Number.POSITIVE_INFINITY),
    days: rule.days ? new Set(rule.days) : null,
    window: rule.window
      ? { start: parseTimeOfDay(rule.window.start), end: parseTimeOfDay(rule.window.end) }
      : null,
    cron: rule.cron ? storedCron(rule.cron.expression) : null,
    cronDurationMs: (rule.cron?.durationMinutes ?? 0) * MINUTE,
    // A document compiled before lunar rules existed has no field at all.
    lunar: rule.lunar ? { month: rule.lunar.month, days: new Set(rule.lunar.days) } : null,
  }
}

/**
 * Whether a local day is one of a lunar rule's days. The day is the screen's own local day; its
 * lunar name is Vietnam's (UTC+7) wherever the screen stands, so that "Tết" means the same days on
 * both sides of the border (see `LunarRecurrence`). A rule for a given month skips that month's
 * leap repeat, as festivals are kept in the regular month; a rule for every month includes it.
 */
function lunarDayMatches(lunar: NonNullable<CompiledRule['lunar']>, date: LocalDate): boolean {
  const l = solarToLunar(date, VIETNAM_UTC_OFFSET_HOURS)
  if (lunar.month !== null && (l.leap || l.month !== lunar.month)) return false
  return lunar.days.has(l.day)
}

/**
 * A stored rule's cron. Rules are checked when they are written, but one approved under an older,
 * looser reading (`5/20`, `1-2-3`) must not stop every screen's timeline: it never fires, and the
 * screen falls through to the next rule or its default playlist, as for any rule not in force.
 */
function storedCron(expression: string): Cron {
  try {
    return parseCron(expression)
  } catch (error) {
    if (!(error instanceof CronError)) throw error
    return { ...parseCron('0 0 1 1 *'), months: new Set() }
  }
}

/** One local day of a zone, measured once per sweep and shared by every rule. */
export interface ZoneDay {
  date: LocalDate
  month: number
  day: number
  weekday: number
  startMs: number
  /** No offset change during the day: a local minute is start + minutes. */
  uniform: boolean
}

/**
 * The local days that can hold an occurrence overlapping [fromMs, toMs): from the day before
 * (a window may cross midnight into the range) to the day after the last.
 */
export function zoneDays(zone: string, fromMs: number, toMs: number): ZoneDay[] {
  const days: ZoneDay[] = []
  let date: LocalDate = addDays(localAt(zone, fromMs), -1)
  const last = addDays(localAt(zone, toMs), 1)
  let start = midnightOf(zone, date)
  for (let guard = 0; guard < 10_000 && compareDates(date, last) <= 0; guard++) {
    const next = addDays(date, 1)
    const nextStart = midnightOf(zone, next)
    days.push({
      date,
      month: date.month,
      day: date.day,
      weekday: weekdayOf(date),
      startMs: start,
      uniform: nextStart - start === DAY,
    })
    date = next
    start = nextStart
  }
  return days
}

function instantIn(zone: string, day: ZoneDay, minute: number): number {
  return day.uniform || minute === 0 ? day.startMs + minute * MINUTE : instantOf(zone, day.date, minute)
}

/**
 * The rule's occurrences that overlap [fromMs, toMs), clipped to the rule's own from/until.
 * Daily windows belong to the local day they open on; cron windows open at each firing.
 * `days` must come from `zoneDays(zone, fromMs, toMs)`.
 */
export function occurrences(
  c: CompiledRule,
  zone: string,
  days: readonly ZoneDay[],
  fromMs: number,
  toMs: number,
): Occurrence[] {
  const lo = Math.max(fromMs, c.fromMs)
  const hi = Math.min(toMs, c.untilMs)
  if (lo >= hi) return []
  const out: Occurrence[] = []
  const push = (start: number, end: number) => {
    const s = Math.max(start, c.fromMs)
    const e = Math.min(end, c.untilMs)
    if (e > s && e > fromMs && s < toMs) out.push({ rule: c, startMs: s, endMs: e })
  }
  // The last day is only there so that a window crossing midnight can find its end.
  for (let i = 0; i < days.length - 1; i++) {
    const day = days[i]!
    if (day.startMs >= hi) break
    if (days[i + 1]!.startMs + DAY < lo) continue
    if (c.cron) {
      if (!cronMatchesDay(c.cron, day.month, day.day, day.weekday)) continue
      for (const hour of c.cron.hours) {
        for (const minute of c.cron.minutes) {
          const start = instantIn(zone, day, hour * 60 + minute)
          push(start, start + c.cronDurationMs)
        }
      }
    } else if ((!c.days || c.days.has(day.weekday)) && (!c.lunar || lunarDayMatches(c.lunar, day.date))) {
      const startMinute = c.window?.start ?? 0
      const endMinute = c.window?.end ?? 1440
      const start = instantIn(zone, day, startMinute)
      const end =
        endMinute > startMinute ? instantIn(zone, day, endMinute) : instantIn(zone, days[i + 1]!, endMinute)
      push(start, end)
    }
  }
  return out
}
