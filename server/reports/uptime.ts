import { HEARTBEAT_INTERVAL_MS } from '@playlists/events'
import { addDays, compareDates, type LocalDate, midnightOf } from '@playlists/time/zone'

/**
 * Uptime from a screen's recorded online/offline changes: a pure function of the changes, the
 * screen's time zone, the period and `now` (no clock, no database), so that midnight, time zones,
 * open intervals and server restarts can be tested to the millisecond.
 *
 * What counts as online — the honest reading of what the server knows:
 *  - from an online change to the next offline change;
 *  - but never past the moment the player was last heard from plus one heartbeat interval (when
 *    its next report was due). This matters after a server stop: the reset at the next start
 *    records "offline" at the start, yet the server knew nothing from the moment it stopped, so
 *    the time it was down counts as unknown, and unknown counts as offline. The same rule ends a
 *    screen that fell silent when it went silent, not three heartbeats later when the sweep
 *    noticed;
 *  - a screen still online counts up to `now`.
 * Only the observed part of each day counts at all: after recording began, after the screen
 * was created, before `now`, and inside the screen's operating hours (a screen dark at 3 a.m.
 * because its gate is closed is not an outage, nor is it uptime). Days with no observed part are
 * left out rather than called 0 %.
 */

/** A player reporting every interval was alive until its next report was due. */
export const LAST_SEEN_GRACE_MS = HEARTBEAT_INTERVAL_MS

export interface Transition {
  atMs: number
  online: boolean
  /** Offline changes: when the player was last heard from before it (null if never). */
  lastSeenMs: number | null
}

export interface UptimeDayMs {
  day: string
  onlineMs: number
  observedMs: number
}

/** [start, end) intervals online, in order, from changes in order of time (ties in order recorded). */
export function onlineIntervals(
  transitions: readonly Transition[],
  nowMs: number,
  graceMs = LAST_SEEN_GRACE_MS,
): [number, number][] {
  const intervals: [number, number][] = []
  let openedAt: number | null = null
  for (const t of transitions) {
    if (t.online) {
      // Online again while online (a change the server missed): the earlier start stands.
      openedAt ??= t.atMs
      continue
    }
    if (openedAt === null) continue
    const heardUntil = t.lastSeenMs === null ? t.atMs : Math.min(t.atMs, t.lastSeenMs + graceMs)
    const end = Math.max(openedAt, heardUntil)
    if (end > openedAt) intervals.push([openedAt, end])
    openedAt = null
  }
  if (openedAt !== null && nowMs > openedAt) intervals.push([openedAt, nowMs])
  return intervals
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
export const dayText = (d: LocalDate) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`

export interface UptimeInput {
  /** Every change from the last one before the period's first midnight on, in order. */
  transitions: readonly Transition[]
  timeZone: string
  /** First and last local day of the period, inclusive. */
  from: LocalDate
  to: LocalDate
  nowMs: number
  /** The start of what is known: the later of "recording began" and "the screen was created". */
  observedFromMs: number
  graceMs?: number
  /** Operating hours as on-intervals in order (playlists/power/plan.ts); absent: always on. */
  operating?: readonly (readonly [number, number])[]
}

/** The parts of sorted, disjoint `a` that lie inside sorted, disjoint `b`. */
export function intersect(
  a: readonly (readonly [number, number])[],
  b: readonly (readonly [number, number])[],
): [number, number][] {
  const out: [number, number][] = []
  let j = 0
  for (const [a0, a1] of a) {
    while (j < b.length && (b[j]?.[1] ?? 0) <= a0) j++
    for (let k = j; k < b.length; k++) {
      const [b0, b1] = b[k] ?? [0, 0]
      if (b0 >= a1) break
      const from = Math.max(a0, b0)
      const to = Math.min(a1, b1)
      if (to > from) out.push([from, to])
    }
  }
  return out
}

const length = (intervals: readonly (readonly [number, number])[]) =>
  intervals.reduce((sum, [a, b]) => sum + (b - a), 0)

/** Online and observed ms of each local day of the period that has an observed part. */
export function uptimeByDay(input: UptimeInput): UptimeDayMs[] {
  const online = onlineIntervals(input.transitions, input.nowMs, input.graceMs)
  const intervals = input.operating ? intersect(online, input.operating) : online
  const days: UptimeDayMs[] = []
  let next = 0 // intervals ending before the current day are never looked at again
  for (let date = input.from; compareDates(date, input.to) <= 0; date = addDays(date, 1)) {
    const following = addDays(date, 1)
    const start = Math.max(midnightOf(input.timeZone, date), input.observedFromMs)
    const end = Math.min(midnightOf(input.timeZone, following), input.nowMs)
    if (end <= start) continue
    while (next < intervals.length && (intervals[next]?.[1] ?? 0) <= start) next++
    let onlineMs = 0
    for (let i = next; i < intervals.length; i++) {
      const [a, b] = intervals[i] ?? [0, 0]
      if (a >= end) break
      onlineMs += Math.min(b, end) - Math.max(a, start)
    }
    const observedMs = input.operating ? length(intersect([[start, end]], input.operating)) : end - start
    if (observedMs === 0) continue
    days.push({ day: dayText(date), onlineMs, observedMs })
  }
  return days
}
