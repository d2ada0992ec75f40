import { language } from '@console/i18n/i18n'
import {
  dayAt,
  dayMs,
  daysIn,
  eachDay,
  eachMonth,
  FIRST_YEAR,
  formatDay,
  formatDayShort,
  formatMonth,
  formatMonthName,
  isValidPeriod,
  yearPeriod,
} from '@console/pages/reports/period'
import { REPORT_DAYS_MAX } from '@playlists/schemas/reports'
import { afterEach, describe, expect, it } from 'vitest'

/**
 * Report periods are calendar days, both ends included, as the reports API takes them; they are
 * counted and written in UTC so that the reader's own time zone never moves a day.
 */

const savedTz = process.env.TZ
afterEach(() => {
  language.value = 'vi'
  process.env.TZ = savedTz
})

describe('report periods', () => {
  it('covers a whole year, 365 days or 366 in a leap year', () => {
    expect(yearPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(daysIn(yearPeriod(2026))).toBe(365)
    expect(daysIn(yearPeriod(2028))).toBe(366)
    expect(isValidPeriod(yearPeriod(2028))).toBe(true)
    expect(FIRST_YEAR).toBe(2025)
  })

  it('counts both ends: one day is a period of one', () => {
    expect(daysIn({ from: '2028-02-29', to: '2028-02-29' })).toBe(1)
    expect(isValidPeriod({ from: '2028-02-29', to: '2028-02-29' })).toBe(true)
  })

  it('takes at most REPORT_DAYS_MAX days, in order', () => {
    const longest = {
      from: '2026-01-01',
      to: dayAt(dayMs('2026-01-01') + (REPORT_DAYS_MAX - 1) * 86_400_000),
    }
    expect(longest.to).toBe('2027-01-01')
    expect(daysIn(longest)).toBe(REPORT_DAYS_MAX)
    expect(isValidPeriod(longest)).toBe(true)
    expect(isValidPeriod({ from: '2026-01-01', to: '2027-01-02' })).toBe(false)
    expect(isValidPeriod({ from: '2026-12-02', to: '2026-12-01' })).toBe(false)
  })

  it('refuses malformed dates rather than guessing', () => {
    for (const bad of ['', '2026-1-01', '01/12/2026', '2026-12-01T00:00', 'today']) {
      expect(Number.isNaN(dayMs(bad)), bad).toBe(true)
      expect(isValidPeriod({ from: bad, to: '2026-12-31' }), bad).toBe(false)
      expect(isValidPeriod({ from: '2026-01-01', to: bad }), bad).toBe(false)
    }
  })

  it('lists every day in order across a month end, a year end and a leap day', () => {
    expect(eachDay({ from: '2026-12-30', to: '2027-01-02' })).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ])
    expect(eachDay({ from: '2028-02-28', to: '2028-03-01' })).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ])
    expect(eachDay({ from: '2027-02-28', to: '2027-03-01' })).toEqual(['2027-02-28', '2027-03-01'])
    expect(eachDay({ from: '2026-05-05', to: '2026-05-05' })).toEqual(['2026-05-05'])
    expect(eachDay({ from: '2026-05-06', to: '2026-05-05' })).toEqual([])
    expect(eachDay(yearPeriod(2028))).toHaveLength(366)
  })

  it('lists every month a period touches, across a year end', () => {
    expect(eachMonth({ from: '2026-11-30', to: '2027-02-01' })).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ])
    expect(eachMonth({ from: '2026-03-05', to: '2026-03-20' })).toEqual(['2026-03'])
    expect(eachMonth(yearPeriod(2026))).toHaveLength(12)
    // The longest period (a year and a day) touches thirteen months.
    expect(eachMonth({ from: '2026-01-31', to: '2027-01-31' })).toHaveLength(13)
  })

  it('keeps the same days whatever the reader clock zone is', () => {
    const period = { from: '2026-12-31', to: '2027-01-01' }
    const read = () => [eachDay(period), daysIn(period), formatDay('2026-12-31')]
    const here = read()
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh']) {
      process.env.TZ = tz
      expect(read(), tz).toEqual(here)
    }
  })

  it('writes days and months in the reader language', () => {
    const seen = { vi: [] as string[], zh: [] as string[], en: [] as string[] }
    for (const lang of ['vi', 'zh', 'en'] as const) {
      language.value = lang
      seen[lang] = [
        formatDay('2028-02-29'),
        formatDayShort('2026-12-01'),
        formatMonth('2026-03'),
        formatMonth('2026-12', 'long'),
        formatMonthName('2026-03'),
      ]
    }
    expect(seen.vi).toEqual(['29 thg 2, 2028', '1 thg 12', 'thg 3 2026', 'tháng 12 năm 2026', 'Tháng 3'])
    expect(seen.zh).toEqual(['2028年2月29日', '12月1日', '2026年3月', '2026年12月', '3月'])
    expect(seen.en).toEqual(['29 Feb 2028', '1 Dec', 'Mar 2026', 'December 2026', 'Mar'])
  })
})
