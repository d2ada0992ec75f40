import { addDays, instantOf, localAt, offsetAt, parseLocalDateTime } from '@playlists/time/zone'

/**
 * Instants as a screen's wall clock reads them: the preview's pickers speak the screen's time zone,
 * whatever zone the official's PC is set to.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-12-05T08:00`, as an <input type="datetime-local"> shows it, in `zone`. */
export function localInputValue(atMs: number, zone: string): string {
  const l = localAt(zone, atMs)
  return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(Math.floor(l.minute / 60))}:${pad(l.minute % 60)}`
}

/** The instant a datetime-local value names in `zone`, or null when it names none. */
export function instantFromInput(value: string, zone: string): number | null {
  try {
    const { date, minute } = parseLocalDateTime(value.slice(0, 16))
    return instantOf(zone, date, minute)
  } catch {
    return null
  }
}

/** The local day holding `atMs`: [midnight, next midnight). */
export function dayAround(atMs: number, zone: string): { from: number; to: number } {
  const today = localAt(zone, atMs)
  return { from: instantOf(zone, today, 0), to: instantOf(zone, addDays(today, 1), 0) }
}

export type QuickPick = 'hour' | 'tonight' | 'tomorrow' | 'saturday'
export const QUICK_PICKS: readonly QuickPick[] = ['hour', 'tonight', 'tomorrow', 'saturday']

/** The first instant after `now` at local `minute` on a day that `fits`, within two weeks. */
function next(now: number, zone: string, minute: number, fits: (weekday: number) => boolean): number {
  const today = localAt(zone, now)
  for (let days = 0; days < 15; days++) {
    const date = addDays(today, days)
    const at = instantOf(zone, date, minute)
    if (at > now && fits(localAt(zone, at).weekday)) return at
  }
  return now
}

/** The instants the quick picks stand for, seen from `now`. */
export function quickPick(pick: QuickPick, now: number, zone: string): number {
  switch (pick) {
    case 'hour': {
      // The first whole hour of the screen's clock at least an hour away: a round instant. Whole
      // UTC hours are not whole local ones where the offset has minutes (UTC+5:30 read 10:30).
      const soon = now + HOUR
      const offset = offsetAt(zone, soon)
      return Math.ceil((soon + offset) / HOUR) * HOUR - offset
    }
    case 'tonight':
      return next(now, zone, 20 * 60, () => true)
    case 'tomorrow':
      return instantOf(zone, addDays(localAt(zone, now), 1), 8 * 60)
    case 'saturday':
      return next(now, zone, 8 * 60, (weekday) => weekday === 6)
  }
}

/** A whole minute: what the pickers and the scrubber move in. */
export const toMinute = (atMs: number): number => Math.floor(atMs / MINUTE) * MINUTE
