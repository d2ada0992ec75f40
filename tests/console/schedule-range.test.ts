import {
  dateText,
  parseDateText,
  percentOf,
  rangeOf,
  shiftRange,
  ticksOf,
} from '@console/pages/schedule/range'
import { describe, expect, it } from 'vitest'

/**
 * The stretch of time the schedule page draws, found in the screens' own zone: Asia/Ho_Chi_Minh
 * (UTC+7 all year, the gates' zone) and Europe/Berlin, whose clock changes make a day 23 or 25
 * hours long.
 */

const HCM = 'Asia/Ho_Chi_Minh'
const BERLIN = 'Europe/Berlin'
const HOUR = 3_600_000
const day = (year: number, month: number, d: number) => ({ year, month, day: d })

describe('schedule range', () => {
  it('writes and reads the day the page address carries', () => {
    expect(dateText(day(2026, 3, 7))).toBe('2026-03-07')
    expect(parseDateText('2028-02-29')).toEqual(day(2028, 2, 29))
    expect(parseDateText(dateText(day(2027, 12, 31)))).toEqual(day(2027, 12, 31))
  })

  it('reads a missing, malformed or impossible day as none', () => {
    for (const text of [null, '', '2026-3-7', 'tomorrow', '2026-02-29', '2026-13-01', '2026-04-31'])
      expect(parseDateText(text), String(text)).toBeNull()
  })

  it('takes today in the screens zone when no day is given, not the UTC date', () => {
    // 20:00 UTC on 4 December is already 03:00 on the 5th at the gate.
    const now = Date.UTC(2026, 11, 4, 20)
    const range = rangeOf('day', null, HCM, now)
    expect(range.start).toEqual(day(2026, 12, 5))
    expect(range.from).toBe(Date.UTC(2026, 11, 4, 17))
    expect(range.to - range.from).toBe(24 * HOUR)
    // The same instant is still the 4th in Berlin.
    expect(rangeOf('day', null, BERLIN, now).start).toEqual(day(2026, 12, 4))
  })

  it('starts a week on Monday, across a month end and a year end', () => {
    const now = Date.UTC(2026, 0, 1)
    // Saturday 5 December 2026 → Monday 30 November.
    const dec = rangeOf('week', day(2026, 12, 5), HCM, now)
    expect(dec.start).toEqual(day(2026, 11, 30))
    expect(dec.from).toBe(Date.UTC(2026, 10, 29, 17))
    expect(dec.to).toBe(Date.UTC(2026, 11, 6, 17))
    // Friday 1 January 2027 → Monday 28 December 2026, to Monday 4 January.
    const newYear = rangeOf('week', day(2027, 1, 1), HCM, now)
    expect(newYear.start).toEqual(day(2026, 12, 28))
    expect(newYear.to).toBe(Date.UTC(2027, 0, 3, 17))
    // A Monday is its own week's start; a Sunday belongs to the week before.
    expect(rangeOf('week', day(2026, 11, 30), HCM, now).start).toEqual(day(2026, 11, 30))
    expect(rangeOf('week', day(2026, 12, 6), HCM, now).start).toEqual(day(2026, 11, 30))
  })

  it('draws a leap day as a day of its own', () => {
    const range = rangeOf('day', day(2028, 2, 29), HCM, 0)
    expect(range.from).toBe(Date.UTC(2028, 1, 28, 17))
    expect(range.to).toBe(Date.UTC(2028, 1, 29, 17))
    expect(shiftRange(range, 1)).toEqual(day(2028, 3, 1))
    expect(shiftRange(range, -1)).toEqual(day(2028, 2, 28))
  })

  it('steps by a day or a week, forwards and back, over year ends', () => {
    const d = rangeOf('day', day(2027, 1, 1), HCM, 0)
    expect(shiftRange(d, -1)).toEqual(day(2026, 12, 31))
    expect(shiftRange(d, 0)).toEqual(day(2027, 1, 1))
    const w = rangeOf('week', day(2026, 12, 30), HCM, 0)
    expect(shiftRange(w, 1)).toEqual(day(2027, 1, 4))
    expect(shiftRange(w, -52)).toEqual(day(2025, 12, 29))
  })

  it('makes a day with a clock change 23 or 25 hours long where the zone has one', () => {
    const spring = rangeOf('day', day(2026, 3, 29), BERLIN, 0)
    expect(spring.to - spring.from).toBe(23 * HOUR)
    const autumn = rangeOf('day', day(2026, 10, 25), BERLIN, 0)
    expect(autumn.to - autumn.from).toBe(25 * HOUR)
    const week = rangeOf('week', day(2026, 3, 29), BERLIN, 0)
    expect(week.to - week.from).toBe(7 * 24 * HOUR - HOUR)
    // The gate's zone never changes its clocks: the same days are 24 hours there.
    expect(rangeOf('day', day(2026, 3, 29), HCM, 0)).toMatchObject({ to: Date.UTC(2026, 2, 29, 17) })
  })

  describe('grid lines', () => {
    it('draws every hour of a day and labels midnight and every third hour', () => {
      const ticks = ticksOf(rangeOf('day', day(2026, 12, 5), HCM, 0))
      expect(ticks).toHaveLength(24)
      expect(ticks[0]).toEqual({ at: Date.UTC(2026, 11, 4, 17), major: true })
      expect(ticks.filter((t) => t.major).map((t) => (t.at - ticks[0]!.at) / HOUR)).toEqual([
        0, 3, 6, 9, 12, 15, 18, 21,
      ])
      for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.at - ticks[i - 1]!.at).toBe(HOUR)
    })

    it('draws every six hours of a week and labels each midnight', () => {
      const range = rangeOf('week', day(2026, 12, 31), HCM, 0)
      const ticks = ticksOf(range)
      expect(ticks).toHaveLength(28)
      expect(ticks.filter((t) => t.major).map((t) => t.at)).toEqual(
        Array.from({ length: 7 }, (_, d) => range.from + d * 24 * HOUR),
      )
    })

    it('draws an hour skipped by a clock change once, still labelled at 03:00', () => {
      const range = rangeOf('day', day(2026, 3, 29), BERLIN, 0)
      const ticks = ticksOf(range)
      expect(ticks).toHaveLength(23)
      expect(new Set(ticks.map((t) => t.at)).size).toBe(23)
      // 03:00 CEST is 01:00 UTC, the instant 02:00 would have been.
      expect(ticks.find((t) => t.at === Date.UTC(2026, 2, 29, 1))).toEqual({
        at: Date.UTC(2026, 2, 29, 1),
        major: true,
      })
    })

    it('draws a repeated hour once on the day the clocks go back', () => {
      const range = rangeOf('day', day(2026, 10, 25), BERLIN, 0)
      const ticks = ticksOf(range)
      expect(ticks).toHaveLength(24)
      expect(ticks.every((t) => t.at >= range.from && t.at < range.to)).toBe(true)
    })
  })

  it('places an instant across the range as a share from 0 to 100, clamped', () => {
    const range = rangeOf('day', day(2026, 12, 5), HCM, 0)
    expect(percentOf(range, range.from)).toBe(0)
    expect(percentOf(range, range.to)).toBe(100)
    expect(percentOf(range, range.from + 6 * HOUR)).toBe(25)
    expect(percentOf(range, range.from - HOUR)).toBe(0)
    expect(percentOf(range, range.to + 30 * 24 * HOUR)).toBe(100)
  })
})
