import { dateOfJulianDay, julianDayNumber } from '@playlists/calendar/astronomy'
import {
  CHINA_UTC_OFFSET_HOURS,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  solarToLunar,
  VIETNAM_UTC_OFFSET_HOURS,
} from '@playlists/calendar/lunar'
import type { LocalDate } from '@playlists/time/zone'
import { Solar } from 'lunar-javascript'
import { describe, expect, it } from 'vitest'

const VN = VIETNAM_UTC_OFFSET_HOURS
const CN = CHINA_UTC_OFFSET_HOURS
const iso = (d: LocalDate | null) =>
  d ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : null
const tet = (year: number, offset: number) =>
  iso(lunarToSolar({ year, month: 1, day: 1, leap: false }, offset))
const midAutumn = (year: number, offset: number) =>
  iso(lunarToSolar({ year, month: 8, day: 15, leap: false }, offset))

/**
 * Days on which lunar-javascript (China's calendar, from the 寿星 tables) is not the astronomy
 * of UTC+8: the new moon of 28 September 2057 falls 3 seconds before midnight in Beijing by
 * Meeus' formulas and just after by lunar-javascript's; ΔT alone is uncertain by a minute then,
 * and published Chinese tables disagree on that month. Before 1929 China counted days on Beijing's
 * local mean time (UTC+7:45:40) and lunar-javascript follows the historical tables there, so the
 * comparison starts in 1929.
 */
const ORACLE_FROM = { year: 1929, month: 1, day: 1 }
const ORACLE_TO = { year: 2100, month: 12, day: 31 }
const DISPUTED_2057 = [julianDayNumber(2057, 9, 28), julianDayNumber(2057, 10, 27)]

describe('lunar calendar', () => {
  it('matches China’s calendar (lunar-javascript, UTC+8) on every day from 1929 to 2100', () => {
    const wrong: string[] = []
    let checked = 0
    const last = julianDayNumber(ORACLE_TO.year, ORACLE_TO.month, ORACLE_TO.day)
    for (
      let jdn = julianDayNumber(ORACLE_FROM.year, ORACLE_FROM.month, ORACLE_FROM.day);
      jdn <= last;
      jdn++
    ) {
      if (jdn >= DISPUTED_2057[0]! && jdn <= DISPUTED_2057[1]!) continue
      const date = dateOfJulianDay(jdn)
      const ours = solarToLunar(date, CN)
      const oracle = Solar.fromYmd(date.year, date.month, date.day).getLunar()
      checked++
      const same =
        ours.year === oracle.getYear() &&
        ours.month === Math.abs(oracle.getMonth()) &&
        ours.leap === oracle.getMonth() < 0 &&
        ours.day === oracle.getDay()
      if (!same && wrong.length < 5) wrong.push(`${iso(date)}: ${JSON.stringify(ours)}`)
    }
    expect(wrong).toEqual([])
    expect(checked).toBeGreaterThan(62_000)
  })

  it('goes back from a lunar date to the same solar date, for both offsets, 1900–2100', () => {
    const last = julianDayNumber(2100, 12, 31)
    for (const offset of [VN, CN]) {
      // Every 7th day keeps the test quick and still lands on every day of the lunar month.
      for (let jdn = julianDayNumber(1900, 1, 1); jdn <= last; jdn += 7) {
        const date = dateOfJulianDay(jdn)
        const lunar = solarToLunar(date, offset)
        expect(iso(lunarToSolar(lunar, offset))).toBe(iso(date))
      }
    }
  })

  it('counts the days of the two calendars at UTC+7 and UTC+8: Tết 1985 and 2007 differ', () => {
    // Published Vietnamese dates: Tết Ất Sửu 21 January 1985, Tết Đinh Hợi 17 February 2007,
    // Tết Mậu Thân 29 January 1968 in the North (the year Hanoi moved to UTC+7; Saigon, on UTC+8,
    // kept 30 January).
    expect([tet(1985, VN), tet(1985, CN)]).toEqual(['1985-01-21', '1985-02-20'])
    expect([tet(2007, VN), tet(2007, CN)]).toEqual(['2007-02-17', '2007-02-18'])
    expect([tet(1968, VN), tet(1968, CN)]).toEqual(['1968-01-29', '1968-01-30'])
    // 1984–85: China inserts a leap 10th month in 1984, Vietnam a leap 2nd month in 1985, which
    // is why Tết 1985 is a month apart.
    expect([leapMonthOf(1984, VN), leapMonthOf(1984, CN)]).toEqual([null, 10])
    expect([leapMonthOf(1985, VN), leapMonthOf(1985, CN)]).toEqual([2, null])
  })

  it('lists every year of 1900–2100 whose Tết differs between Vietnam and China', () => {
    const differ: number[] = []
    for (let year = 1900; year <= 2100; year++) if (tet(year, VN) !== tet(year, CN)) differ.push(year)
    // Found by comparing the two variants; each is a new moon between 16:00 and 17:00 UT (or the
    // 1985 leap month), so Vietnam's Tết comes first.
    expect(differ).toEqual([1903, 1916, 1935, 1965, 1968, 1969, 1985, 2007, 2030, 2053])
    for (const year of differ) expect(tet(year, VN)! < tet(year, CN)!).toBe(true)
  })

  it('finds the leap months: 2020 the 4th, 2023 the 2nd, 2025 the 6th, none in 2024', () => {
    expect(leapMonthOf(2020)).toBe(4)
    expect(leapMonthOf(2023)).toBe(2)
    expect(leapMonthOf(2024)).toBeNull()
    expect(leapMonthOf(2025)).toBe(6)
    expect(leapMonthOf(2028)).toBe(5)
    // The leap month's days carry the flag and repeat the month's number.
    expect(solarToLunar({ year: 2020, month: 6, day: 1 })).toEqual({
      year: 2020,
      month: 4,
      day: 10,
      leap: true,
    })
    expect(solarToLunar({ year: 2023, month: 3, day: 22 })).toEqual({
      year: 2023,
      month: 2,
      day: 1,
      leap: true,
    })
    expect(lunarToSolar({ year: 2024, month: 4, day: 1, leap: true })).toBeNull()
    // 2033's leap month is the 11th (the "2033 problem" of simpler rules): the first month after the
    // 11th with no major term.
    expect(leapMonthOf(2033, CN)).toBe(11)
  })

  it('gives Tết and the Mid-Autumn festival for 2024–2030 in Vietnam', () => {
    const expected: Record<number, [string, string]> = {
      2024: ['2024-02-10', '2024-09-17'],
      2025: ['2025-01-29', '2025-10-06'],
      2026: ['2026-02-17', '2026-09-25'],
      2027: ['2027-02-06', '2027-09-15'],
      2028: ['2028-01-26', '2028-10-03'],
      2029: ['2029-02-13', '2029-09-22'],
      2030: ['2030-02-02', '2030-09-12'],
    }
    for (const [year, [t, m]] of Object.entries(expected)) {
      expect([tet(Number(year), VN), midAutumn(Number(year), VN)]).toEqual([t, m])
    }
  })

  it('refuses dates that do not exist: the 30th of a short month, month 13, day 0', () => {
    // The 12th month of Giáp Thìn (2024) has 29 days: Tết Ất Tỵ is 29 January 2025.
    expect(lunarMonthLength(2024, 12, false)).toBe(29)
    expect(lunarToSolar({ year: 2024, month: 12, day: 30, leap: false })).toBeNull()
    expect(iso(lunarToSolar({ year: 2024, month: 12, day: 29, leap: false }))).toBe('2025-01-28')
    expect(lunarToSolar({ year: 2024, month: 13, day: 1, leap: false })).toBeNull()
    expect(lunarToSolar({ year: 2024, month: 1, day: 0, leap: false })).toBeNull()
    expect(() => solarToLunar({ year: 2024, month: 1, day: 1 }, Number.NaN)).toThrow(RangeError)
  })
})
