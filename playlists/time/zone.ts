/**
 * Wall-clock time in an IANA zone, computed with Intl only (it runs the same in Node and in
 * Chromium), never with the process's own zone: `new Date(y, m, d)` and `getHours()` are banned
 * here because they depend on the machine the code happens to run on.
 *
 * Local times that do not exist or exist twice (DST changes) follow one rule, the same as
 * Temporal's "compatible" disambiguation:
 * - in a gap (clocks jump forward), a local time is shifted forward by the gap's length
 *   (02:30 on a 02:00→03:00 night is 03:30);
 * - in an overlap (clocks go back), the earlier of the two instants is taken.
 */

/**
 * The zone of every gate in Lạng Sơn province (Vietnam keeps one zone, without DST): what a site
 * is created with when none is given, and what the console shows for a screen whose site it has
 * not read yet. One constant, so the server, the console and the player cannot drift apart.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh'

export interface LocalDate {
  year: number
  month: number // 1–12
  day: number // 1–31
}

export interface LocalDateTime extends LocalDate {
  /** Minutes since local midnight, 0–1439. */
  minute: number
  /** ISO weekday: Monday 1 … Sunday 7. */
  weekday: number
}

const MINUTE = 60_000
const DAY = 86_400_000

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(zone, f)
  }
  return f
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

/** The zone's offset from UTC at `instant`, in ms (UTC+7 → 25 200 000). */
export function offsetAt(zone: string, instant: number): number {
  const whole = Math.floor(instant / 1000) * 1000
  const parts = formatter(zone).formatToParts(whole)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - whole
}

/** The local date, time of day and weekday at `instant` in `zone`. */
export function localAt(zone: string, instant: number): LocalDateTime {
  const local = new Date(instant + offsetAt(zone, instant))
  const weekday = local.getUTCDay()
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
    weekday: weekday === 0 ? 7 : weekday,
  }
}

/** The instant of local `date` at `minute` (may be 1440 = next midnight) in `zone`. */
export function instantOf(zone: string, date: LocalDate, minute: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minute * MINUTE
  // At most one offset change happens within a day of any instant in real zones, so the
  // offsets a day before and a day after are the only candidates.
  const before = offsetAt(zone, wall - DAY)
  const after = offsetAt(zone, wall + DAY)
  const early = wall - before
  const late = wall - after
  const earlyValid = offsetAt(zone, early) === before
  const lateValid = offsetAt(zone, late) === after
  if (earlyValid && lateValid) return Math.min(early, late) // overlap: the earlier instant
  if (earlyValid) return early
  if (lateValid) return late
  // Gap: read the wall time with the offset in force before the jump, which lands after it.
  return early
}

export function weekdayOf(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
  return d === 0 ? 7 : d
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** Days from `a` to `b` (b − a), ignoring time zones: calendar arithmetic only. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY)
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}

/** `2026-12-01` → LocalDate; throws on a malformed or impossible date. */
export function parseLocalDate(text: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) throw new RangeError(`"${text}" is not a date like 2026-12-01`)
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  const back = addDays(date, 0)
  if (compareDates(back, date) !== 0) throw new RangeError(`"${text}" is not a real calendar date`)
  return date
}

/** `06:30` → 390; `24:00` is allowed as the end of a day. */
export function parseTimeOfDay(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text)
  if (!m) throw new RangeError(`"${text}" is not a time like 06:30`)
  const hours = Number(m[1])
  const minutes = Number(m[2])
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`"${text}" is not a time of day between 00:00 and 24:00`)
  }
  return hours * 60 + minutes
}

/** `2026-12-01T06:00` → date and minute of day. */
export function parseLocalDateTime(text: string): { date: LocalDate; minute: number } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(text)
  if (!m) throw new RangeError(`"${text}" is not a local date and time like 2026-12-01T06:00`)
  return { date: parseLocalDate(m[1]!), minute: parseTimeOfDay(m[2]!) }
}

/**
 * Local midnight of each day, cached per zone: a week's timeline with a thousand entries asks
 * for the same few days thousands of times, and Intl is the slow part.
 */
const dayStarts = new Map<string, Map<number, number>>()
const DAY_CACHE_MAX = 20_000

function dayKey(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY
}

export function midnightOf(zone: string, date: LocalDate): number {
  let zoneCache = dayStarts.get(zone)
  if (!zoneCache) {
    zoneCache = new Map()
    dayStarts.set(zone, zoneCache)
  }
  const key = dayKey(date)
  let start = zoneCache.get(key)
  if (start === undefined) {
    if (zoneCache.size > DAY_CACHE_MAX) zoneCache.clear()
    start = instantOf(zone, date, 0)
    zoneCache.set(key, start)
  }
  return start
}

/**
 * `instantOf` for hot loops: when the day has no offset change (the next midnight is exactly
 * 24 h later) a local minute is midnight plus that many minutes; otherwise the careful path.
 */
export function fastInstantOf(zone: string, date: LocalDate, minute: number): number {
  const start = midnightOf(zone, date)
  if (minute === 0) return start
  const next = midnightOf(zone, addDays(date, 1))
  if (minute === 1440) return next
  if (next - start === DAY) return start + minute * MINUTE
  return instantOf(zone, date, minute)
}
