import {
  dayAround,
  instantFromInput,
  localInputValue,
  QUICK_PICKS,
  quickPick,
  toMinute,
} from '@console/pages/preview/local-time'
import { describe, expect, it } from 'vitest'

/**
 * The preview's pickers read and write instants as the screen's wall clock does: the gates'
 * Asia/Ho_Chi_Minh (UTC+7 all year), Europe/Berlin (clock changes) and Asia/Kolkata (UTC+5:30,
 * where a whole UTC hour is not a whole local one).
 */

const HCM = 'Asia/Ho_Chi_Minh'
const BERLIN = 'Europe/Berlin'
const KOLKATA = 'Asia/Kolkata'
const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('preview local time', () => {
  it('writes an instant as the screen clock reads it, whatever the official PC zone', () => {
    const at = Date.UTC(2026, 11, 31, 17, 5, 42)
    expect(localInputValue(at, HCM)).toBe('2027-01-01T00:05')
    expect(localInputValue(at, BERLIN)).toBe('2026-12-31T18:05')
    expect(localInputValue(Date.UTC(2028, 1, 28, 17), HCM)).toBe('2028-02-29T00:00')
  })

  it('reads a picker value back as the instant it names in the screen zone', () => {
    expect(instantFromInput('2027-01-01T00:05', HCM)).toBe(Date.UTC(2026, 11, 31, 17, 5))
    // Seconds a browser may add are ignored.
    expect(instantFromInput('2027-01-01T00:05:30', HCM)).toBe(Date.UTC(2026, 11, 31, 17, 5))
    for (const at of [Date.UTC(2026, 0, 1), Date.UTC(2028, 1, 29, 12, 34)])
      expect(instantFromInput(localInputValue(at, BERLIN), BERLIN)).toBe(toMinute(at))
  })

  it('reads an empty or impossible value as none', () => {
    for (const value of ['', '2027-02-29T08:00', '2026-12-01T25:00', '2026-12-01', 'now'])
      expect(instantFromInput(value, HCM), value).toBeNull()
  })

  it('finds the local day around an instant, 23 hours long when Berlin springs forward', () => {
    expect(dayAround(Date.UTC(2026, 11, 4, 20), HCM)).toEqual({
      from: Date.UTC(2026, 11, 4, 17),
      to: Date.UTC(2026, 11, 5, 17),
    })
    const spring = dayAround(Date.UTC(2026, 2, 29, 12), BERLIN)
    expect(spring.to - spring.from).toBe(23 * HOUR)
  })

  it('rounds down to a whole minute', () => {
    expect(toMinute(Date.UTC(2026, 0, 1, 8, 30, 59, 999))).toBe(Date.UTC(2026, 0, 1, 8, 30))
    expect(toMinute(Date.UTC(2026, 0, 1, 8, 30))).toBe(Date.UTC(2026, 0, 1, 8, 30))
  })

  describe('quick picks', () => {
    // Saturday 5 December 2026, 10:20 at the gate.
    const now = Date.UTC(2026, 11, 5, 3, 20)

    it('offers an hour ahead, tonight, tomorrow morning and Saturday morning', () => {
      expect(QUICK_PICKS).toEqual(['hour', 'tonight', 'tomorrow', 'saturday'])
      const local = (pick: (typeof QUICK_PICKS)[number]) => localInputValue(quickPick(pick, now, HCM), HCM)
      expect(local('hour')).toBe('2026-12-05T12:00')
      expect(local('tonight')).toBe('2026-12-05T20:00')
      expect(local('tomorrow')).toBe('2026-12-06T08:00')
      // Saturday morning has passed: the next one.
      expect(local('saturday')).toBe('2026-12-12T08:00')
    })

    it('takes an hour ahead to a whole hour of the screen clock, not of UTC', () => {
      const at = quickPick('hour', Date.UTC(2026, 11, 5, 3, 20), KOLKATA)
      expect(localInputValue(at, KOLKATA)).toBe('2026-12-05T10:00')
      expect(at - Date.UTC(2026, 11, 5, 3, 20)).toBeGreaterThanOrEqual(HOUR)
    })

    it('lands exactly an hour ahead from a whole hour', () => {
      expect(quickPick('hour', Date.UTC(2026, 11, 5, 3), HCM)).toBe(Date.UTC(2026, 11, 5, 4))
    })

    it('takes tonight from tomorrow once 20:00 has passed, over a year end', () => {
      const late = Date.UTC(2026, 11, 31, 14) // 21:00 on 31 December at the gate
      expect(localInputValue(quickPick('tonight', late, HCM), HCM)).toBe('2027-01-01T20:00')
      expect(localInputValue(quickPick('tomorrow', late, HCM), HCM)).toBe('2027-01-01T08:00')
    })

    it('takes this Saturday morning when it is still ahead, across a month end', () => {
      const thursday = Date.UTC(2027, 1, 25, 3) // Thursday 25 February 2027
      expect(localInputValue(quickPick('saturday', thursday, HCM), HCM)).toBe('2027-02-27T08:00')
      const friday = Date.UTC(2028, 1, 25, 3) // Friday 25 February 2028, a leap year
      expect(localInputValue(quickPick('saturday', friday, BERLIN), BERLIN)).toBe('2028-02-26T08:00')
      const saturdayNight = Date.UTC(2028, 1, 26, 20)
      expect(localInputValue(quickPick('saturday', saturdayNight, BERLIN), BERLIN)).toBe('2028-03-04T08:00')
    })
  })
})
