import type { BrightnessPlan, NightCap, OperatingHours, PowerPlan } from '../schemas/power'
import type { Window } from '../schemas/schedule'
import {
  addDays,
  compareDates,
  instantOf,
  type LocalDate,
  localAt,
  parseTimeOfDay,
  weekdayOf,
} from '../time/zone'
import { CIVIL_TWILIGHT_ELEVATION, crossingsBetween, SUNRISE_ELEVATION, solarElevation } from './sun'

/**
 * A power plan read at an instant: pure functions of `now`, the same in the server (documents,
 * uptime, alerts), the player (which applies it by its own clock) and the console's preview.
 * Like the timeline, the answer says when it must be asked again, so the player sleeps until
 * then instead of ticking.
 */

/** Where the plan is read: the screen's time zone and its site's coordinates (null: unknown). */
export interface PowerPlace {
  timeZone: string
  location: { latitude: number; longitude: number } | null
}

export interface PowerState {
  on: boolean
  /** Percent of full output; 0 while off. */
  brightness: number
  /** The next instant the answer may differ; null: never (always on at one level). */
  nextChangeAt: number | null
}

/**
 * Through civil twilight the level moves a step at a time; a minute's step is below what anyone
 * notices on a panel (the sun moves ~0.25° a minute) and keeps the player idle between steps.
 */
export const TWILIGHT_STEP_MS = 60_000

/** How far ahead the next sun crossing is looked for; past it (polar day or night) ask again then. */
const SUN_LOOKAHEAD_MS = 2 * 86_400_000

type Interval = [number, number]

const minutesOf = (text: string) => parseTimeOfDay(text)

/** A daily window on one local day as instants; an end at or before the start ends the next day. */
function windowOn(zone: string, day: LocalDate, w: Window): Interval {
  const start = minutesOf(w.start)
  const end = minutesOf(w.end)
  return [instantOf(zone, day, start), instantOf(zone, end <= start ? addDays(day, 1) : day, end)]
}

/** Overlapping or touching intervals joined (Monday 18:00–24:00 and Tuesday 00:00–06:00 are one night). */
function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0])
  const merged: Interval[] = []
  for (const [a, b] of sorted) {
    const last = merged.at(-1)
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  return merged
}

/**
 * The on-intervals of weekly hours that meet [fromMs, untilMs), merged, clipped to the range.
 * "Always" is the whole range. Uptime and the offline alert read these: off-hours are no outage.
 */
export function operatingIntervals(
  hours: OperatingHours,
  timeZone: string,
  fromMs: number,
  untilMs: number,
): Interval[] {
  if (untilMs <= fromMs) return []
  if (hours.mode === 'always') return [[fromMs, untilMs]]
  const raw: Interval[] = []
  // A window starting the day before the range may reach into it.
  const last = localAt(timeZone, untilMs)
  for (let day = addDays(localAt(timeZone, fromMs), -1); ; day = addDays(day, 1)) {
    for (const w of hours.days[weekdayOf(day) - 1] ?? []) raw.push(windowOn(timeZone, day, w))
    if (compareDates(day, last) >= 0) break
  }
  return merge(raw)
    .map(([a, b]): Interval => [Math.max(a, fromMs), Math.min(b, untilMs)])
    .filter(([a, b]) => b > a)
}

/** A week and a day: the longest a weekly plan can stay in one state. */
const HOURS_LOOKAHEAD_MS = 8 * 86_400_000

/** On or off at `now`, and when that next changes (null: never within a week, or always on). */
function hoursAt(hours: OperatingHours, zone: string, now: number): { on: boolean; next: number | null } {
  if (hours.mode === 'always') return { on: true, next: null }
  // From a day back, so the interval holding `now` comes whole and its end is a real change.
  const intervals = operatingIntervals(hours, zone, now - 86_400_000, now + HOURS_LOOKAHEAD_MS)
  const current = intervals.find(([a, b]) => a <= now && now < b)
  if (current) return { on: true, next: current[1] < now + HOURS_LOOKAHEAD_MS ? current[1] : null }
  const upcoming = intervals.find(([a]) => a > now)
  return { on: false, next: upcoming ? upcoming[0] : null }
}

/** Step instants on the days around `now`: the level in force and the next step. */
function fixedAt(steps: { from: string; level: number }[], zone: string, now: number) {
  const today = localAt(zone, now)
  const instants: { at: number; level: number }[] = []
  for (const offset of [-1, 0, 1]) {
    const day = addDays(today, offset)
    for (const s of steps) instants.push({ at: instantOf(zone, day, minutesOf(s.from)), level: s.level })
  }
  instants.sort((a, b) => a.at - b.at)
  let level = instants[0]?.level ?? 100
  let next: number | null = null
  for (const i of instants) {
    if (i.at <= now) level = i.level
    else if (i.level !== level) {
      next = i.at
      break
    }
  }
  return { level, next }
}

/** Day level from sunrise to sunset, night level past civil twilight, a straight ramp between. */
function sunAt(
  plan: Extract<BrightnessPlan, { mode: 'sun' }>,
  place: PowerPlace,
  now: number,
): { level: number; next: number | null } {
  if (!place.location) return { level: plan.day, next: null }
  const { latitude, longitude } = place.location
  const elevation = solarElevation(latitude, longitude, now)
  const span = SUNRISE_ELEVATION - CIVIL_TWILIGHT_ELEVATION
  const share = Math.min(1, Math.max(0, (elevation - CIVIL_TWILIGHT_ELEVATION) / span))
  const level = Math.round(plan.night + (plan.day - plan.night) * share)
  const until = now + SUN_LOOKAHEAD_MS
  const crossing = [SUNRISE_ELEVATION, CIVIL_TWILIGHT_ELEVATION]
    .flatMap((e) => crossingsBetween(latitude, longitude, now + 1, until, e))
    .sort((a, b) => a - b)[0]
  const inRamp = share > 0 && share < 1
  const next = inRamp ? Math.min(now + TWILIGHT_STEP_MS, crossing ?? Infinity) : (crossing ?? until)
  return { level, next }
}

/** The cap's ceiling at `now` (100 outside its window) and its next edge. */
function capAt(cap: NightCap | null, zone: string, now: number): { ceiling: number; next: number | null } {
  if (!cap) return { ceiling: 100, next: null }
  const today = localAt(zone, now)
  const windows = [-1, 0, 1].map((o) => windowOn(zone, addDays(today, o), cap.window))
  const inside = windows.some(([a, b]) => a <= now && now < b)
  const edges = windows.flat().filter((at) => at > now)
  return { ceiling: inside ? cap.level : 100, next: edges.length > 0 ? Math.min(...edges) : null }
}

const earliest = (...xs: (number | null)[]): number | null => {
  const present = xs.filter((x): x is number => x !== null)
  return present.length > 0 ? Math.min(...present) : null
}

/** Whether the screen is on at `now`, how bright, and when to ask again. */
export function powerStateAt(plan: PowerPlan, place: PowerPlace, now: number): PowerState {
  const hours = hoursAt(plan.hours, place.timeZone, now)
  if (!hours.on) return { on: false, brightness: 0, nextChangeAt: hours.next }
  const b = plan.brightness
  const base = b.mode === 'fixed' ? fixedAt(b.steps, place.timeZone, now) : sunAt(b, place, now)
  const cap = capAt(b.cap, place.timeZone, now)
  return {
    on: true,
    brightness: Math.min(base.level, cap.ceiling),
    nextChangeAt: earliest(hours.next, base.next, cap.next),
  }
}

/**
 * When the current on-period began (ms), looking back at most `lookbackMs`; null while off.
 * The offline alert counts a dark screen's minutes from here, not from when it went dark
 * overnight.
 */
export function operatingSince(hours: OperatingHours, timeZone: string, now: number, lookbackMs: number) {
  const intervals = operatingIntervals(hours, timeZone, now - lookbackMs, now + 1)
  const current = intervals.find(([a, b]) => a <= now && now < b)
  return current ? current[0] : null
}

export interface PlanProblem {
  field: string
  message: string
}

/**
 * What JSON Schema cannot say about a plan: times that are not times of day, a window of zero
 * length or starting at 24:00, fixed steps out of order. Shared by the server (400) and the console.
 */
export function powerPlanProblems(plan: PowerPlan): PlanProblem[] {
  const problems: PlanProblem[] = []
  const windowProblems = (field: string, w: Window) => {
    try {
      if (minutesOf(w.start) === 1440) throw new RangeError('a window cannot start at 24:00; use 00:00')
      if (minutesOf(w.start) === minutesOf(w.end)) {
        throw new RangeError(
          `the window ${w.start}–${w.end} has zero length; use 00:00–24:00 for a whole day`,
        )
      }
    } catch (error) {
      problems.push({ field, message: (error as Error).message })
    }
  }
  if (plan.hours.mode === 'weekly') {
    plan.hours.days.forEach((windows, d) => {
      windows.forEach((w, i) => {
        windowProblems(`hours.days.${d}.${i}`, w)
      })
    })
  }
  const b = plan.brightness
  if (b.cap) windowProblems('brightness.cap.window', b.cap.window)
  if (b.mode === 'fixed') {
    let previous = -1
    b.steps.forEach((s, i) => {
      try {
        const m = minutesOf(s.from)
        if (m >= 1440) throw new RangeError('a step cannot start at 24:00; use 00:00')
        if (m <= previous) throw new RangeError(`steps must be in order of time; ${s.from} comes too late`)
        previous = m
      } catch (error) {
        problems.push({ field: `brightness.steps.${i}.from`, message: (error as Error).message })
      }
    })
  }
  return problems
}
