import { HEARTBEAT_INTERVAL_MS } from '@playlists/events'
import { operatingIntervals } from '@playlists/power/plan'
import type { Incident } from '@playlists/schemas/alerts'
import type { UptimeReport } from '@playlists/schemas/reports'
import { parseLocalDate } from '@playlists/time/zone'
import { uptimeByDay } from '@server/reports/uptime'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { heartbeat } from '../helpers/heartbeat'
import { weeklyHours } from '../helpers/power'

/**
 * Off-hours are no outage (issue 20 part 3): a screen dark while its gate is closed lowers
 * neither its uptime nor raises the offline alert; one still dark at opening time is an outage
 * from the opening on.
 */

const HOUR = 3_600_000
const HCM = 'Asia/Ho_Chi_Minh'
/** Wall time in Lạng Sơn (UTC+7) as an instant; 2026-12-01 is a Tuesday. */
const local = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 7, minute)
const daily = [{ start: '06:00', end: '22:00' }]
/** Open 06:00–22:00 every day but Sunday. */
const GATE_HOURS = weeklyHours(daily, daily, [])

let clock = 0
let t: TestApp | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

/** A player connected from `from` to `to`, heard from until a heartbeat before `to`. */
function online(app: TestApp['app'], screenId: string, from: number, to: number, disconnect = true) {
  clock = from
  app.screenStatus.connected(screenId)
  // Sparse reports (no sweep runs here): only when the player was last heard from counts.
  for (let at = from + HOUR; at < to - HEARTBEAT_INTERVAL_MS; at += HOUR) {
    clock = at
    app.screenStatus.heartbeat(screenId, heartbeat(null))
  }
  clock = to - HEARTBEAT_INTERVAL_MS
  app.screenStatus.heartbeat(screenId, heartbeat(null))
  clock = to
  if (disconnect) app.screenStatus.disconnected(screenId)
}

async function gate(): Promise<TestApp['app']> {
  clock = local(1, 0) - HOUR
  t = await createTestApp({ clock: () => clock })
  const { app } = t
  const ok = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await app.inject({ method, url, payload })
    expect(res.statusCode, res.body).toBeLessThan(300)
  }
  await ok('POST', '/api/sites', { id: 'gate', name: { vi: 'Cửa khẩu', zh: '口岸', en: 'Gate' } })
  for (const id of ['closing', 'always'])
    await ok('POST', '/api/screens', { id, siteId: 'gate', name: id, width: 1920, height: 960 })
  await ok('PUT', '/api/sites/gate/power-plan', {
    hours: GATE_HOURS,
    brightness: { mode: 'fixed', steps: [{ from: '00:00', level: 100 }], cap: null },
  })
  // One screen keeps the old way: on day and night, its own plan.
  await ok('PUT', '/api/screens/always/power-plan', {
    plan: {
      hours: { mode: 'always' },
      brightness: { mode: 'fixed', steps: [{ from: '00:00', level: 100 }], cap: null },
    },
  })
  return app
}

describe('uptime and operating hours', () => {
  it('counts neither uptime nor outage outside operating hours (pure)', () => {
    const from = parseLocalDate('2026-12-01')
    const to = parseLocalDate('2026-12-06') // Sunday: closed all day
    const days = uptimeByDay({
      transitions: [
        { atMs: local(1, 6), online: true, lastSeenMs: null },
        { atMs: local(1, 22), online: false, lastSeenMs: local(1, 22) },
        { atMs: local(2, 6), online: true, lastSeenMs: null },
        { atMs: local(2, 20), online: false, lastSeenMs: local(2, 20) },
      ],
      timeZone: HCM,
      from,
      to,
      nowMs: local(2, 23),
      observedFromMs: local(1, 0),
      operating: operatingIntervals(GATE_HOURS, HCM, local(1, 0), local(7, 0)),
    })
    expect(days.map((d) => [d.day, d.onlineMs / HOUR, d.observedMs / HOUR])).toEqual([
      ['2026-12-01', 16, 16],
      // Dark two hours before closing: that is an outage; the night after is not.
      ['2026-12-02', 14, 16],
    ])
  })

  it('reports a screen switched off every night at 100 % through the API, and a day it was not back as down', async () => {
    const app = await gate()
    online(app, 'closing', local(1, 6), local(1, 22))
    online(app, 'always', local(1, 6), local(1, 22))
    online(app, 'closing', local(2, 6), local(2, 22))
    online(app, 'always', local(2, 6), local(2, 22))
    // Wednesday: it came back at 08:00, two hours late.
    online(app, 'closing', local(3, 8), local(3, 22))
    clock = local(4, 0)
    const res = await app.inject({ method: 'GET', url: '/api/reports/uptime?from=2026-12-01&to=2026-12-03' })
    expect(res.statusCode, res.body).toBe(200)
    const r = res.json() as UptimeReport
    const days = (id: string) =>
      r.screens
        .find((s) => s.screenId === id)
        ?.days.map((d) => [d.onlineSeconds / 3600, d.observedSeconds / 3600])
    expect(days('closing')).toEqual([
      [16, 16],
      [16, 16],
      [14, 16],
    ])
    // The screen that is meant to be on all night was down all night (recording began at 06:00
    // on the first day: that day is observed from then).
    expect(days('always')).toEqual([
      [16, 18],
      [16, 24],
      [0, 24],
    ])
  })
})

describe('the offline alert and operating hours', () => {
  const offlineIncidents = (app: TestApp['app']): Incident[] =>
    app.alerts.evaluate(clock).opened.filter((i) => i.kind === 'offline')

  it('raises nothing for a screen dark overnight, and counts a late opening from the opening', async () => {
    const app = await gate()
    online(app, 'closing', local(1, 6), local(1, 22, 5))
    online(app, 'always', local(1, 6), local(1, 22, 5))
    // 03:00: the always-on screen is out; the closing one is off-hours.
    clock = local(2, 3)
    expect(offlineIncidents(app).map((i) => i.screenId)).toEqual(['always'])
    // 06:10: the gate opened ten minutes ago and the screen is still dark: not yet 15 minutes.
    clock = local(2, 6, 10)
    expect(offlineIncidents(app)).toEqual([])
    clock = local(2, 6, 15)
    expect(offlineIncidents(app).map((i) => i.screenId)).toEqual(['closing'])
  })

  it('raises nothing all Sunday when the gate is closed all day', async () => {
    const app = await gate()
    online(app, 'closing', local(5, 6), local(5, 22))
    clock = local(6, 18)
    expect(offlineIncidents(app)).toEqual([])
    clock = local(7, 6, 20)
    expect(offlineIncidents(app).map((i) => i.screenId)).toEqual(['closing'])
  })
})
