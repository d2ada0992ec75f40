import type { LocalDate } from '../time/zone'
import { dateOfJulianDay, julianDayNumber, lunationNear, newMoonJd, sunLongitude } from './astronomy'

/**
 * The lunisolar calendar of Vietnam (âm lịch) and China (农历), from the astronomy alone.
 *
 * The two follow the same rules (China's since 1645, Vietnam's since 1967) and differ only in the
 * meridian the days are counted on: UTC+7 in Vietnam (since 1968), UTC+8 in China. A new moon or
 * a major solar term between 16:00 and 17:00 UT falls on one day in Hanoi and the next in
 * Beijing, which moves a month's first day, and sometimes the leap month or Tết by a whole month
 * (Tết 1985: 21 January in Vietnam, 20 February in China). Hence every function takes the offset.
 *
 * The rules, each on local days:
 *  - a month starts on the day of a new moon;
 *  - the month holding the winter solstice (the sun at 270°) is the 11th;
 *  - when 13 months lie between two 11th months, the first of them (after the 11th) that holds no
 *    major solar term (the sun at a multiple of 30°) is a leap month, numbered as the one before;
 *  - the lunar year (Tết) starts with the 1st month.
 */

/** The Vietnamese rule: days counted at UTC+7. */
export const VIETNAM_UTC_OFFSET_HOURS = 7
/** China's calendar: days counted at UTC+8 (Beijing time). */
export const CHINA_UTC_OFFSET_HOURS = 8

/** The years for which the formulas' precision has been checked (tests/playlists/lunar-calendar.test.ts). */
export const LUNAR_YEAR_MIN = 1900
export const LUNAR_YEAR_MAX = 2100

export interface LunarDate {
  /** The lunar year, by the solar year in which its 1st month starts. */
  year: number
  /** 1–12. */
  month: number
  /** 1–30. */
  day: number
  /** A leap month repeats the number of the month before it. */
  leap: boolean
}

/** The months of one "suì": from the 11th month before a solar year's end to the next 11th month. */
interface Sui {
  /** Julian day numbers of each month's first day, and one past the last month's end. */
  starts: number[]
  numbers: number[]
  leap: boolean[]
  /** The lunar year each month belongs to. */
  years: number[]
}

function newMoonDay(k: number, offset: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + offset / 24)
}

/** Which 30° sector (0–11) the sun is in at the start of a local day. */
function sectorAtDayStart(day: number, offset: number): number {
  return Math.floor(sunLongitude(day - 0.5 - offset / 24) / 30)
}

/** The lunation that starts the 11th month holding the winter solstice of solar year `year`. */
function month11Lunation(year: number, offset: number): number {
  const dec31 = julianDayNumber(year, 12, 31)
  let k = lunationNear(dec31)
  while (newMoonDay(k, offset) > dec31) k--
  while (newMoonDay(k + 1, offset) <= dec31) k++
  // The last new moon of the year: the solstice (about 21 December) is in its month unless the
  // sun had already passed 270° when it began (sectors 9–11 run from 270° to 360°).
  return sectorAtDayStart(newMoonDay(k, offset), offset) >= 9 ? k - 1 : k
}

const suiCache = new Map<string, Sui>()

/** The months from the 11th month of solar year `year - 1` to (not including) that of `year`. */
function suiEndingIn(year: number, offset: number): Sui {
  const key = `${offset}:${year}`
  const cached = suiCache.get(key)
  if (cached) return cached
  const first = month11Lunation(year - 1, offset)
  const count = month11Lunation(year, offset) - first
  const starts: number[] = []
  for (let i = 0; i <= count; i++) starts.push(newMoonDay(first + i, offset))
  let leapIndex = -1
  if (count === 13) {
    // The 11th month holds the solstice; the first later month with no major term is leap.
    for (let i = 1; i < count && leapIndex < 0; i++) {
      if (sectorAtDayStart(starts[i]!, offset) === sectorAtDayStart(starts[i + 1]!, offset)) leapIndex = i
    }
    // Astronomy guarantees one such month in a 13-month suì; should the formulas fail to find
    // one, the last month is taken rather than numbering 13 months as 12.
    if (leapIndex < 0) leapIndex = count - 1
  }
  const numbers: number[] = []
  const leap: boolean[] = []
  const years: number[] = []
  let beforeTet = true
  for (let i = 0; i < count; i++) {
    const ordinal = leapIndex >= 0 && i >= leapIndex ? i - 1 : i
    const number = ((ordinal + 10) % 12) + 1
    if (number === 1) beforeTet = false
    numbers.push(number)
    leap.push(i === leapIndex)
    years.push(beforeTet ? year - 1 : year)
  }
  const sui = { starts, numbers, leap, years }
  suiCache.set(key, sui)
  return sui
}

function checkOffset(offset: number): void {
  if (!Number.isFinite(offset) || offset < -12 || offset > 14) throw new RangeError(`UTC offset ${offset} h`)
}

/** The lunar date of a solar (Gregorian) date, with days counted at UTC+`offset` hours. */
export function solarToLunar(date: LocalDate, offset: number = VIETNAM_UTC_OFFSET_HOURS): LunarDate {
  checkOffset(offset)
  const day = julianDayNumber(date.year, date.month, date.day)
  let sui = suiEndingIn(date.year + 1, offset)
  if (day < sui.starts[0]!) sui = suiEndingIn(date.year, offset)
  let i = sui.starts.length - 2
  while (i > 0 && sui.starts[i]! > day) i--
  return { year: sui.years[i]!, month: sui.numbers[i]!, day: day - sui.starts[i]! + 1, leap: sui.leap[i]! }
}

/** Where a lunar month sits: its suì and index, or null when the year has no such (leap) month. */
function findMonth(
  year: number,
  month: number,
  leap: boolean,
  offset: number,
): { sui: Sui; i: number } | null {
  // Months 11 and 12 of lunar year Y fall in the suì that ends in solar year Y + 1.
  const sui = suiEndingIn(month >= 11 ? year + 1 : year, offset)
  for (let i = 0; i < sui.numbers.length; i++) {
    if (sui.numbers[i] === month && sui.leap[i] === leap && sui.years[i] === year) return { sui, i }
  }
  return null
}

/** The number of days (29 or 30) of a lunar month, or null when that year has no such month. */
export function lunarMonthLength(
  year: number,
  month: number,
  leap: boolean,
  offset: number = VIETNAM_UTC_OFFSET_HOURS,
): number | null {
  checkOffset(offset)
  const found = findMonth(year, month, leap, offset)
  return found ? found.sui.starts[found.i + 1]! - found.sui.starts[found.i]! : null
}

/** The leap month of a lunar year (1–12), or null when it has none. */
export function leapMonthOf(year: number, offset: number = VIETNAM_UTC_OFFSET_HOURS): number | null {
  checkOffset(offset)
  for (const endYear of [year, year + 1]) {
    const sui = suiEndingIn(endYear, offset)
    const i = sui.leap.indexOf(true)
    if (i >= 0 && sui.years[i] === year) return sui.numbers[i]!
  }
  return null
}

/**
 * The solar date of a lunar date, or null when there is none: a leap month the year does not
 * have, or the 30th of a 29-day month.
 */
export function lunarToSolar(lunar: LunarDate, offset: number = VIETNAM_UTC_OFFSET_HOURS): LocalDate | null {
  checkOffset(offset)
  if (lunar.day < 1 || lunar.day > 30 || lunar.month < 1 || lunar.month > 12) return null
  const found = findMonth(lunar.year, lunar.month, lunar.leap, offset)
  if (!found) return null
  const start = found.sui.starts[found.i]!
  if (lunar.day > found.sui.starts[found.i + 1]! - start) return null
  return dateOfJulianDay(start + lunar.day - 1)
}
