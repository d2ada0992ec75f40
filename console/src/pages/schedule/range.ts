import { addDays, instantOf, type LocalDate, localAt, parseLocalDate, weekdayOf } from '@playlists/time/zone'

/**
 * The stretch of time the schedule page draws: one local day or one local week (Monday to Monday)
 * in the time zone of the screens shown, so midnight is where the gate's clocks say it is, and a
 * day with a clock change is 23 or 25 hours long.
 */

export type RangeKind = 'day' | 'week'
export const RANGE_KINDS: readonly RangeKind[] = ['day', 'week']

export interface TimeRange {
  kind: RangeKind
  zone: string
  /** The first local day. */
  start: LocalDate
  from: number
  to: number
}

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-12-01`: the page's address carries the day this way. */
export const dateText = (d: LocalDate): string => `${d.year}-${pad(d.month)}-${pad(d.day)}`

export function parseDateText(text: string | null): LocalDate | null {
  if (!text) return null
  try {
    return parseLocalDate(text)
  } catch {
    return null
  }
}

export function rangeOf(kind: RangeKind, day: LocalDate | null, zone: string, now: number): TimeRange {
  const today = localAt(zone, now)
  let start: LocalDate = day ?? { year: today.year, month: today.month, day: today.day }
  if (kind === 'week') start = addDays(start, 1 - weekdayOf(start))
  const days = kind === 'day' ? 1 : 7
  return {
    kind,
    zone,
    start,
    from: instantOf(zone, start, 0),
    to: instantOf(zone, addDays(start, days), 0),
  }
}

/** The first day of the range `steps` ranges later (negative: earlier). */
export const shiftRange = (range: TimeRange, steps: number): LocalDate =>
  addDays(range.start, steps * (range.kind === 'day' ? 1 : 7))

export interface Tick {
  at: number
  /** Midnight (a new day) or, in a day view, every third hour: labelled. */
  major: boolean
}

/** Grid lines: every hour of a day, every six hours of a week; instants found in the zone. */
export function ticksOf(range: TimeRange): Tick[] {
  const ticks: Tick[] = []
  const days = range.kind === 'day' ? 1 : 7
  const stepHours = range.kind === 'day' ? 1 : 6
  for (let d = 0; d < days; d++) {
    const date = addDays(range.start, d)
    for (let h = 0; h < 24; h += stepHours) {
      const at = instantOf(range.zone, date, h * 60)
      const tick = { at, major: range.kind === 'day' ? h % 3 === 0 : h === 0 }
      // A local hour skipped by a clock change lands on the next one: draw it once, as the hour
      // the clock then shows (02:00 skipped in Berlin is 03:00, labelled like any third hour).
      if (ticks.length > 0 && ticks[ticks.length - 1]!.at === at) ticks[ticks.length - 1] = tick
      else ticks.push(tick)
    }
  }
  return ticks
}

/** Where an instant sits across the range, 0–100 (clamped). */
export const percentOf = (range: TimeRange, at: number): number =>
  Math.min(100, Math.max(0, ((at - range.from) / (range.to - range.from)) * 100))
