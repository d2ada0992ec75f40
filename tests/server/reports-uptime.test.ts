import { parseLocalDate } from '@playlists/time/zone'
import {
  LAST_SEEN_GRACE_MS,
  onlineIntervals,
  type Transition,
  type UptimeInput,
  uptimeByDay,
} from '@server/reports/uptime'
import { describe, expect, it } from 'vitest'

/**
 * Uptime from recorded online/offline changes, as a pure function: midnight in the screen's own
 * zone (Asia/Ho_Chi_Minh, UTC+7 all year; Europe/Berlin, whose days are 23 and 25 hours long
 * twice a year; America/Los_Angeles, behind UTC), intervals still open, a server that stopped
 * while a screen was online, and no data at all.
 */

const HOUR = 3_600_000
const MIN = 60_000
const HCM = 'Asia/Ho_Chi_Minh'
/** Local wall time in Hồ Chí Minh City (UTC+7) as an instant. */
const hcm = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 7, minute)

const on = (atMs: number): Transition => ({ atMs, online: true, lastSeenMs: null })
const off = (atMs: number, lastSeenMs: number | null = atMs): Transition => ({
  atMs,
  online: false,
  lastSeenMs,
})

const input = (over: Partial<UptimeInput> & Pick<UptimeInput, 'transitions'>): UptimeInput => ({
  timeZone: HCM,
  from: parseLocalDate('2026-12-01'),
  to: parseLocalDate('2026-12-03'),
  nowMs: hcm(10, 0),
  observedFromMs: hcm(1, 0) - 30 * 24 * HOUR,
  ...over,
})

const hours = (days: { day: string; onlineMs: number; observedMs: number }[]) =>
  days.map((d) => ({ day: d.day, online: d.onlineMs / HOUR, observed: d.observedMs / HOUR }))

describe('uptime per local day', () => {
  it('splits a screen online across midnight between the two local days', () => {
    const days = uptimeByDay(input({ transitions: [on(hcm(1, 22)), off(hcm(2, 2))] }))
    expect(hours(days)).toEqual([
      { day: '2026-12-01', online: 2, observed: 24 },
      { day: '2026-12-02', online: 2, observed: 24 },
      { day: '2026-12-03', online: 0, observed: 24 },
    ])
  })

  it("cuts days at the screen's midnight, not at UTC's", () => {
    // 06:00 to 08:00 local is 23:00 to 01:00 UTC: one local day, two UTC days.
    const days = uptimeByDay(input({ transitions: [on(hcm(2, 6)), off(hcm(2, 8))] }))
    expect(hours(days).map((d) => d.online)).toEqual([0, 2, 0])
  })

  it('counts a screen still online up to now, and leaves out the days not yet begun', () => {
    const days = uptimeByDay(input({ transitions: [on(hcm(2, 10))], nowMs: hcm(2, 15, 30) }))
    expect(hours(days)).toEqual([
      { day: '2026-12-01', online: 0, observed: 24 },
      { day: '2026-12-02', online: 5.5, observed: 15.5 },
    ])
  })

  it('carries the state the period opens in from the last change before it', () => {
    const days = uptimeByDay(input({ transitions: [on(hcm(1, 0) - 40 * 24 * HOUR)] }))
    expect(hours(days).map((d) => d.online)).toEqual([24, 24, 24])
  })

  it('reports nothing it did not observe: no data at all is no days, not 0 %', () => {
    expect(uptimeByDay(input({ transitions: [], observedFromMs: hcm(20, 0) }))).toEqual([])
    // Observed but never online: 0 % is a finding.
    expect(hours(uptimeByDay(input({ transitions: [] }))).map((d) => d.online)).toEqual([0, 0, 0])
  })

  it('starts observing when the screen was created (or recording began), mid-day', () => {
    const days = uptimeByDay(input({ transitions: [on(hcm(2, 14))], observedFromMs: hcm(2, 12) }))
    expect(hours(days)).toEqual([
      { day: '2026-12-02', online: 10, observed: 12 },
      { day: '2026-12-03', online: 24, observed: 24 },
    ])
  })

  it('adds up several spells online in one day', () => {
    const days = uptimeByDay(
      input({
        transitions: [on(hcm(1, 1)), off(hcm(1, 2)), on(hcm(1, 3)), off(hcm(1, 4, 30)), on(hcm(1, 23))],
        to: parseLocalDate('2026-12-01'),
      }),
    )
    expect(hours(days)).toEqual([{ day: '2026-12-01', online: 3.5, observed: 24 }])
  })

  it('ends a spell when the player was last heard from when the server stopped meanwhile', () => {
    // Online at 08:00, last heartbeat 09:00; the server stopped, restarted at 11:00 and reset
    // the screen offline then. From 09:00 plus one heartbeat interval nobody knows: offline.
    const days = uptimeByDay(
      input({ transitions: [on(hcm(1, 8)), off(hcm(1, 11), hcm(1, 9))], to: parseLocalDate('2026-12-01') }),
    )
    expect(days[0]?.onlineMs).toBe(HOUR + LAST_SEEN_GRACE_MS)
  })

  it('ends a silent screen when its next report was due, not when the sweep noticed', () => {
    const intervals = onlineIntervals([on(hcm(1, 8)), off(hcm(1, 9, 1), hcm(1, 9))], hcm(5, 0))
    expect(intervals).toEqual([[hcm(1, 8), hcm(1, 9) + LAST_SEEN_GRACE_MS]])
  })

  it('takes a disconnection at its time when the player was heard from just before', () => {
    const at = hcm(1, 9)
    expect(onlineIntervals([on(hcm(1, 8)), off(at, at - 2_000)], hcm(5, 0))).toEqual([[hcm(1, 8), at]])
    // Never heard from at all (no last-seen): the change's own time.
    expect(onlineIntervals([on(hcm(1, 8)), off(at, null)], hcm(5, 0))).toEqual([[hcm(1, 8), at]])
  })

  it('ignores a repeated change and never makes a negative spell', () => {
    expect(
      onlineIntervals(
        [off(hcm(1, 1)), on(hcm(1, 2)), on(hcm(1, 3)), off(hcm(1, 4)), off(hcm(1, 5)), on(hcm(1, 6))],
        hcm(1, 7),
      ),
    ).toEqual([
      [hcm(1, 2), hcm(1, 4)],
      [hcm(1, 6), hcm(1, 7)],
    ])
    // Last heard from before it came online (a stale last-seen): an empty spell, not a negative one.
    expect(onlineIntervals([on(hcm(1, 8)), off(hcm(1, 10), hcm(1, 6))], hcm(2, 0))).toEqual([])
    // Online "now" exactly: nothing yet.
    expect(onlineIntervals([on(hcm(1, 8))], hcm(1, 8))).toEqual([])
  })

  it('measures 23- and 25-hour days where clocks change (Europe/Berlin)', () => {
    const berlin = (month: number, day: number, hour: number, offset: number) =>
      Date.UTC(2026, month - 1, day, hour - offset)
    const spring = uptimeByDay({
      transitions: [on(berlin(3, 28, 12, 1)), off(berlin(3, 30, 12, 2))],
      timeZone: 'Europe/Berlin',
      from: parseLocalDate('2026-03-29'),
      to: parseLocalDate('2026-03-29'),
      nowMs: berlin(6, 1, 0, 2),
      observedFromMs: 0,
    })
    expect(hours(spring)).toEqual([{ day: '2026-03-29', online: 23, observed: 23 }])
    const autumn = uptimeByDay({
      // Online from 01:00 local (CEST) to 05:00 local (CET): 5 hours by the clock on the wall.
      transitions: [on(berlin(10, 25, 1, 2)), off(berlin(10, 25, 5, 1))],
      timeZone: 'Europe/Berlin',
      from: parseLocalDate('2026-10-25'),
      to: parseLocalDate('2026-10-25'),
      nowMs: berlin(12, 1, 0, 1),
      observedFromMs: 0,
    })
    expect(hours(autumn)).toEqual([{ day: '2026-10-25', online: 5, observed: 25 }])
  })

  it('works behind UTC too (America/Los_Angeles): an evening spell stays on its local day', () => {
    // 20:00–23:30 Pacific Standard Time on 1 December is 04:00–07:30 UTC on 2 December.
    const pst = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour + 8, minute)
    const days = uptimeByDay({
      transitions: [on(pst(1, 20)), off(pst(1, 23, 30))],
      timeZone: 'America/Los_Angeles',
      from: parseLocalDate('2026-12-01'),
      to: parseLocalDate('2026-12-02'),
      nowMs: pst(2, 6),
      observedFromMs: 0,
    })
    expect(hours(days)).toEqual([
      { day: '2026-12-01', online: 3.5, observed: 24 },
      { day: '2026-12-02', online: 0, observed: 6 },
    ])
  })

  it('is exact to the millisecond over a long period', () => {
    const transitions: Transition[] = []
    // A screen online 17 min 13.5 s in every hour for 20 days.
    for (let h = 0; h < 20 * 24; h++) {
      const start = hcm(1, 0) + h * HOUR
      transitions.push(on(start), off(start + 17 * MIN + 13_500))
    }
    const days = uptimeByDay(input({ transitions, to: parseLocalDate('2026-12-20'), nowMs: hcm(25, 0) }))
    expect(days).toHaveLength(20)
    for (const d of days) expect(d.onlineMs).toBe(24 * (17 * MIN + 13_500))
  })
})
