import { language } from '@console/i18n/i18n'
import {
  axisTicks,
  DAY_TICKS_DAYS_MAX,
  niceStep,
  slotsOf,
  timeTicks,
} from '@console/pages/reports/chart-axes'
import { eachDay } from '@console/pages/reports/period'
import { afterEach, describe, expect, it } from 'vitest'

/** The reports' chart axes: round figures up the side, and which days or months are named below. */

afterEach(() => {
  language.value = 'vi'
})

describe('value axis', () => {
  it('steps by 1, 2 or 5 times a power of ten, never below the raw step', () => {
    const cases: [number, number][] = [
      [0.03, 0.05],
      [0.1, 0.1],
      [0.3, 0.5],
      [1, 1],
      [1.5, 2],
      [2.01, 5],
      [3, 5],
      [7, 10],
      [25, 50],
      [999, 1000],
      [1_000_000, 1_000_000],
    ]
    for (const [raw, step] of cases) expect(niceStep(raw), String(raw)).toBeCloseTo(step, 10)
  })

  it('steps by 1 when there is nothing to scale', () => {
    for (const raw of [0, -5, Number.NaN]) expect(niceStep(raw)).toBe(1)
  })

  it('runs from 0 to a round value at or above the highest bar', () => {
    expect(axisTicks(100)).toEqual([0, 50, 100])
    expect(axisTicks(101)).toEqual([0, 50, 100, 150])
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8])
    expect(axisTicks(1)).toEqual([0, 0.5, 1])
    expect(axisTicks(12_345)).toEqual([0, 5000, 10_000, 15_000])
  })

  it('still draws one step for an empty chart', () => {
    expect(axisTicks(0)).toEqual([0, 1])
  })

  it('keeps about four steps for fractions of an hour', () => {
    const ticks = axisTicks(0.4)
    expect(ticks).toHaveLength(5)
    expect(ticks.at(-1)).toBeCloseTo(0.4, 10)
  })
})

describe('time axis', () => {
  it('has a slot per day or per month the period touches', () => {
    expect(slotsOf({ from: '2028-02-27', to: '2028-03-01' }, 'day')).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ])
    expect(slotsOf({ from: '2026-11-15', to: '2027-02-01' }, 'month')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ])
  })

  it('names every month, in the reader language', () => {
    const slots = ['2026-12', '2027-01']
    expect(timeTicks(slots, 'month')).toEqual([
      { slot: 0, text: 'Tháng 12' },
      { slot: 1, text: 'Tháng 1' },
    ])
    language.value = 'zh'
    expect(timeTicks(slots, 'month').map((t) => t.text)).toEqual(['12月', '1月'])
    language.value = 'en'
    expect(timeTicks(slots, 'month').map((t) => t.text)).toEqual(['Dec', 'Jan'])
  })

  it('names every day of a week and about twelve days of a month', () => {
    language.value = 'en'
    const week = eachDay({ from: '2026-12-28', to: '2027-01-03' })
    expect(timeTicks(week, 'day').map((t) => t.text)).toEqual([
      '28 Dec',
      '29 Dec',
      '30 Dec',
      '31 Dec',
      '1 Jan',
      '2 Jan',
      '3 Jan',
    ])
    const month = eachDay({ from: '2026-12-01', to: '2026-12-31' })
    expect(timeTicks(month, 'day').map((t) => t.slot)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30])
  })

  it('names a single day, and nothing for no day', () => {
    language.value = 'vi'
    expect(timeTicks(['2028-02-29'], 'day')).toEqual([{ slot: 0, text: '29 thg 2' }])
    expect(timeTicks([], 'day')).toEqual([])
    expect(timeTicks([], 'month')).toEqual([])
  })

  it('names the first of each month instead of days on a long per-day chart', () => {
    language.value = 'zh'
    const atLimit = eachDay({ from: '2026-11-01', to: '2027-01-01' })
    expect(atLimit).toHaveLength(DAY_TICKS_DAYS_MAX)
    expect(timeTicks(atLimit, 'day').every((t) => /日$/.test(t.text))).toBe(true)
    const past = eachDay({ from: '2026-10-31', to: '2027-01-01' })
    expect(timeTicks(past, 'day')).toEqual([
      { slot: 1, text: '11月' },
      { slot: 31, text: '12月' },
      { slot: 62, text: '1月' },
    ])
    const leapYear = eachDay({ from: '2028-01-01', to: '2028-12-31' })
    const ticks = timeTicks(leapYear, 'day')
    expect(ticks).toHaveLength(12)
    // 1 March comes a day later in a leap year: after 31 + 29 days.
    expect(ticks[2]).toEqual({ slot: 60, text: '3月' })
  })
})
