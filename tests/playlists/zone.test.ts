import { instantOf, localAt, offsetAt, parseLocalDate, parseTimeOfDay } from '@playlists/time/zone'
import { describe, expect, it } from 'vitest'

const iso = (ms: number) => new Date(ms).toISOString()

describe('time zones', () => {
  it('reads Vietnam as UTC+7 all year (no DST)', () => {
    expect(offsetAt('Asia/Ho_Chi_Minh', Date.UTC(2026, 0, 1))).toBe(7 * 3_600_000)
    expect(offsetAt('Asia/Ho_Chi_Minh', Date.UTC(2026, 6, 1))).toBe(7 * 3_600_000)
    expect(iso(instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 12, day: 1 }, 6 * 60))).toBe(
      '2026-11-30T23:00:00.000Z',
    )
  })

  it('gives local date, minute and ISO weekday', () => {
    // 2026-12-01 is a Tuesday.
    expect(localAt('Asia/Ho_Chi_Minh', Date.UTC(2026, 10, 30, 23, 30))).toEqual({
      year: 2026,
      month: 12,
      day: 1,
      minute: 6 * 60 + 30,
      weekday: 2,
    })
  })

  it('shifts a local time in the spring-forward gap forward by the gap (Berlin, 29 March 2026)', () => {
    // 02:30 does not exist; it reads as 03:30 CEST = 01:30 UTC.
    expect(iso(instantOf('Europe/Berlin', { year: 2026, month: 3, day: 29 }, 150))).toBe(
      '2026-03-29T01:30:00.000Z',
    )
    expect(iso(instantOf('Europe/Berlin', { year: 2026, month: 3, day: 29 }, 180))).toBe(
      '2026-03-29T01:00:00.000Z',
    )
  })

  it('takes the earlier instant of a repeated local time (Berlin, 25 October 2026)', () => {
    // 02:30 happens twice; the first is CEST (UTC+2).
    expect(iso(instantOf('Europe/Berlin', { year: 2026, month: 10, day: 25 }, 150))).toBe(
      '2026-10-25T00:30:00.000Z',
    )
  })

  it('parses dates and times strictly', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow(/not a real calendar date/)
    expect(() => parseTimeOfDay('25:00')).toThrow()
    expect(() => parseTimeOfDay('24:30')).toThrow()
    expect(parseTimeOfDay('24:00')).toBe(1440)
  })
})
