import { operatingIntervals, operatingSince, powerPlanProblems, powerStateAt } from '@playlists/power/plan'
import { crossings, SUNRISE_ELEVATION } from '@playlists/power/sun'
import { ALWAYS_ON, type PowerPlan } from '@playlists/schemas/power'
import { describe, expect, it } from 'vitest'
import { weeklyHours } from '../helpers/power'

const ZONE = 'Asia/Ho_Chi_Minh'
const LANG_SON = { timeZone: ZONE, location: { latitude: 21.85, longitude: 106.76 } }
/** A local UTC+7 time as an instant. 2026-12-07 is a Monday. */
const at = (local: string) => Date.parse(`${local}:00+07:00`)
const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16)

const closed = () => [] as { start: string; end: string }[]
/** Gate hours: weekdays 06:00–22:00, Saturday a night shift 20:00–02:00, Sunday closed. */
const gateHours = weeklyHours(
  [{ start: '06:00', end: '22:00' }],
  [{ start: '20:00', end: '02:00' }],
  closed(),
)
const fixed = (hours: PowerPlan['hours']): PowerPlan => ({
  hours,
  brightness: {
    mode: 'fixed',
    steps: [
      { from: '06:00', level: 80 },
      { from: '18:00', level: 40 },
    ],
    cap: null,
  },
})

describe('operating hours', () => {
  it('keeps an always-on plan on at full brightness with nothing to wait for', () => {
    expect(powerStateAt(ALWAYS_ON, LANG_SON, at('2026-12-07T03:00'))).toEqual({
      on: true,
      brightness: 100,
      nextChangeAt: null,
    })
  })

  it('is off before opening and says when it opens, in UTC+7', () => {
    const state = powerStateAt(fixed(gateHours), LANG_SON, at('2026-12-07T05:30'))
    expect(state).toMatchObject({ on: false, brightness: 0 })
    expect(iso(state.nextChangeAt)).toBe('2026-12-07T06:00')
  })

  it('switches off at 22:00 local and back on at 06:00 the next day', () => {
    const evening = powerStateAt(fixed(gateHours), LANG_SON, at('2026-12-07T21:59'))
    expect(evening.on).toBe(true)
    expect(iso(evening.nextChangeAt)).toBe('2026-12-07T22:00')
    const night = powerStateAt(fixed(gateHours), LANG_SON, at('2026-12-07T22:00'))
    expect(night.on).toBe(false)
    expect(iso(night.nextChangeAt)).toBe('2026-12-08T06:00')
  })

  it('keeps a window crossing midnight on into the next day, which is closed itself', () => {
    // Saturday 20:00–02:00 reaches into Sunday, whose own list is empty.
    expect(powerStateAt(fixed(gateHours), LANG_SON, at('2026-12-13T01:30')).on).toBe(true)
    const after = powerStateAt(fixed(gateHours), LANG_SON, at('2026-12-13T02:00'))
    expect(after.on).toBe(false)
    // Closed all Sunday: the next opening is Monday morning.
    expect(iso(after.nextChangeAt)).toBe('2026-12-14T06:00')
  })

  it('joins touching windows across midnight into one night (no change at 00:00)', () => {
    const night = { start: '18:00', end: '24:00' }
    const early = { start: '00:00', end: '06:00' }
    const hours: PowerPlan['hours'] = {
      mode: 'weekly',
      days: [[night], [early, night], [early], closed(), closed(), closed(), closed()],
    }
    const state = powerStateAt(fixed(hours), LANG_SON, at('2026-12-07T23:00'))
    expect(state.on).toBe(true)
    // Midnight is no change: the next one is the night's end (and the 06:00 step) on Tuesday.
    expect(iso(state.nextChangeAt)).toBe('2026-12-08T06:00')
    expect(
      operatingIntervals(hours, ZONE, at('2026-12-07T00:00'), at('2026-12-10T00:00')).map((i) => i.map(iso)),
    ).toEqual([
      ['2026-12-07T18:00', '2026-12-08T06:00'],
      ['2026-12-08T18:00', '2026-12-09T06:00'],
    ])
  })

  it('reads the same plan in a zone with DST by its wall clock', () => {
    // Berlin springs forward on 2026-03-29 (02:00 → 03:00): 06:00 is still 06:00 local (UTC+2).
    const berlin = { timeZone: 'Europe/Berlin', location: null }
    const opening = powerStateAt(fixed(gateHours), berlin, Date.parse('2026-03-30T03:59:00Z'))
    expect(opening.on).toBe(false)
    expect(opening.nextChangeAt).toBe(Date.parse('2026-03-30T04:00:00Z'))
  })

  it('tells when the current on-period began, and null while off', () => {
    expect(iso(operatingSince(gateHours, ZONE, at('2026-12-07T09:00'), 86_400_000))).toBe('2026-12-07T06:00')
    expect(operatingSince(gateHours, ZONE, at('2026-12-07T23:00'), 86_400_000)).toBeNull()
  })
})

describe('brightness', () => {
  it('follows fixed steps and wraps the last one past midnight', () => {
    const plan = fixed({ mode: 'always' })
    expect(powerStateAt(plan, LANG_SON, at('2026-12-07T07:00')).brightness).toBe(80)
    const evening = powerStateAt(plan, LANG_SON, at('2026-12-07T19:00'))
    expect(evening.brightness).toBe(40)
    expect(iso(evening.nextChangeAt)).toBe('2026-12-08T06:00')
    expect(powerStateAt(plan, LANG_SON, at('2026-12-08T03:00')).brightness).toBe(40)
  })

  it('holds a night cap between its times, whatever the level', () => {
    const plan: PowerPlan = {
      hours: { mode: 'always' },
      brightness: {
        mode: 'fixed',
        steps: [{ from: '00:00', level: 90 }],
        cap: { window: { start: '23:00', end: '05:00' }, level: 25 },
      },
    }
    expect(powerStateAt(plan, LANG_SON, at('2026-12-07T22:00')).brightness).toBe(90)
    const late = powerStateAt(plan, LANG_SON, at('2026-12-08T01:00'))
    expect(late.brightness).toBe(25)
    expect(iso(late.nextChangeAt)).toBe('2026-12-08T05:00')
  })

  const sun: PowerPlan = {
    hours: { mode: 'always' },
    brightness: { mode: 'sun', day: 100, night: 20, cap: null },
  }

  it('follows the sun: day level after sunrise, night level in the dark, a ramp through civil twilight', () => {
    expect(powerStateAt(sun, LANG_SON, at('2026-12-07T12:00')).brightness).toBe(100)
    expect(powerStateAt(sun, LANG_SON, at('2026-12-07T23:00')).brightness).toBe(20)
    const { set } = crossings(21.85, 106.76, Date.parse('2026-12-07T00:00:00Z'), SUNRISE_ELEVATION)
    // Ten minutes after sunset the sun is ~2.3° lower: part way down the ramp.
    const dusk = powerStateAt(sun, LANG_SON, set! + 10 * 60_000)
    expect(dusk.brightness).toBeGreaterThan(20)
    expect(dusk.brightness).toBeLessThan(100)
    expect(dusk.nextChangeAt).toBe(set! + 11 * 60_000)
    // At noon the next change is the evening's sunset, where the ramp starts.
    expect(powerStateAt(sun, LANG_SON, at('2026-12-07T12:00')).nextChangeAt).toBe(set)
  })

  it('holds the day level where the site has no coordinates', () => {
    expect(powerStateAt(sun, { timeZone: ZONE, location: null }, at('2026-12-07T23:00')).brightness).toBe(100)
  })

  it('stays between the levels through a polar night and at day level under the midnight sun', () => {
    const tromso = { timeZone: 'Europe/Oslo', location: { latitude: 69.65, longitude: 18.96 } }
    // Noon on the winter solstice: the sun is ~3° below the horizon, never above it.
    const noon = powerStateAt(sun, tromso, Date.parse('2026-12-21T10:45:00Z'))
    expect(noon.brightness).toBeGreaterThan(20)
    expect(noon.brightness).toBeLessThan(100)
    const midnight = powerStateAt(sun, tromso, Date.parse('2026-06-21T23:00:00Z'))
    expect(midnight.brightness).toBe(100)
    // No crossing within two days: it asks again then instead of never.
    expect(midnight.nextChangeAt).toBe(Date.parse('2026-06-21T23:00:00Z') + 2 * 86_400_000)
  })
})

describe('plan problems', () => {
  it('refuses zero-length windows, a start at 24:00 and steps out of order', () => {
    const plan: PowerPlan = {
      hours: {
        mode: 'weekly',
        days: [[{ start: '08:00', end: '08:00' }], [{ start: '24:00', end: '02:00' }], [], [], [], [], []],
      },
      brightness: {
        mode: 'fixed',
        steps: [
          { from: '18:00', level: 40 },
          { from: '06:00', level: 80 },
        ],
        cap: null,
      },
    }
    expect(powerPlanProblems(plan).map((p) => p.field)).toEqual([
      'hours.days.0.0',
      'hours.days.1.0',
      'brightness.steps.1.from',
    ])
    expect(powerPlanProblems(ALWAYS_ON)).toEqual([])
  })
})
