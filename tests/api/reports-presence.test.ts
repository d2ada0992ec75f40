import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HEARTBEAT_INTERVAL_MS, type Heartbeat } from '@playlists/events'
import type { PlaysReport, UptimeReport } from '@playlists/schemas/reports'
import { buildApp } from '@server/app'
import { DATABASE_FILE } from '@server/plugins/db'
import { LAST_SEEN_GRACE_MS } from '@server/reports/uptime'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createRestartableApp,
  createTestApp,
  firstAdminHeaders,
  onPostgres,
  succeed,
  type TestApp,
} from '../helpers/app'

/**
 * Uptime as the server records it: the screen-status service's changes (connect, heartbeats,
 * disconnect, the silent sweep, the reset after a restart) become rows of screen_uptime, and
 * the report turns them into time online per screen and local day — across midnight, through a
 * server restart — as JSON and CSV. Also: an upgraded database gets its plays' daily totals.
 */

const HOUR = 3_600_000
/** Wall time in Lạng Sơn (UTC+7) as an instant. */
const local = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 7, minute)

let clock = 0
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

const report = (version: number | null = null): Heartbeat => ({
  version,
  zones: [],
  uptimeMs: 1_000,
  memory: null,
  resolution: { width: 1920, height: 960, pixelRatio: 1 },
  errors: [],
  clockOffsetMs: 0,
})

type Status = TestApp['app']['screenStatus']

/**
 * A player connected from `from` to `to`, its last report one heartbeat interval before `to`, as
 * a real player's. No sweep runs here, so the reports in between are sparser than a real
 * player's (every ten minutes): only when the player was last heard from counts.
 */
function online(status: Status, screenId: string, from: number, to: number, disconnect = true) {
  clock = from
  status.connected(screenId)
  for (let at = from + 10 * 60_000; at < to - HEARTBEAT_INTERVAL_MS; at += 10 * 60_000) {
    clock = at
    status.heartbeat(screenId, report())
  }
  clock = to - HEARTBEAT_INTERVAL_MS
  status.heartbeat(screenId, report())
  clock = to
  if (disconnect) status.disconnected(screenId)
}

async function uptime(app: TestApp['app'], query: string): Promise<UptimeReport> {
  return succeed(app, 'GET', `/api/reports/uptime?${query}`)
}

const hoursOf = (r: UptimeReport, screenId: string) =>
  r.screens
    .find((s) => s.screenId === screenId)
    ?.days.map((d) => [d.day, d.onlineSeconds / 3600, d.observedSeconds / 3600])

describe('uptime recorded from the screen-status service', () => {
  it('splits a screen online across midnight between its two local days', async () => {
    clock = local(1, 0) - HOUR
    const t = await createTestApp({ seed: true, clock: () => clock })
    closers.push(t.close)
    online(t.app.screenStatus, 'chi-ma-led', local(1, 0), local(1, 6))
    online(t.app.screenStatus, 'tan-thanh-led', local(1, 22), local(2, 2))
    clock = local(3, 12)

    const r = await uptime(t.app, 'from=2026-12-01&to=2026-12-03')
    expect(hoursOf(r, 'tan-thanh-led')).toEqual([
      ['2026-12-01', 2, 24],
      ['2026-12-02', 2, 24],
      ['2026-12-03', 0, 12],
    ])
    expect(hoursOf(r, 'chi-ma-led')).toEqual([
      ['2026-12-01', 6, 24],
      ['2026-12-02', 0, 24],
      ['2026-12-03', 0, 12],
    ])
    // Never connected: 0 %, observed like the others.
    expect(hoursOf(r, 'huu-nghi-wall')?.map((d) => d[1])).toEqual([0, 0, 0])
    expect(r.recordedSince).toBe(new Date(local(1, 0)).toISOString())
    expect(r.screens.map((s) => s.screenId)).toEqual([
      'chi-ma-led',
      'huu-nghi-kiosk-1',
      'huu-nghi-kiosk-2',
      'huu-nghi-wall',
      'tan-thanh-led',
    ])
    expect(r.totals).toEqual({ onlineSeconds: 10 * 3600, observedSeconds: 5 * 60 * 3600 })
    expect(r.names.sites['chi-ma']?.zh).toBe('支麻口岸')

    // One site, one page of one screen: totals stay those of the filter.
    const page = await uptime(t.app, 'from=2026-12-01&to=2026-12-03&siteId=huu-nghi&page=2&pageSize=1')
    expect(page.screens.map((s) => s.screenId)).toEqual(['huu-nghi-kiosk-2'])
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 1, totals: { onlineSeconds: 0 } })
  })

  it('counts a screen still online up to now', async () => {
    clock = local(1, 0) - HOUR
    const t = await createTestApp({ seed: true, clock: () => clock })
    closers.push(t.close)
    online(t.app.screenStatus, 'chi-ma-led', local(1, 20), local(2, 9, 30), false)
    const r = await uptime(t.app, 'from=2026-12-01&to=2026-12-31&screenId=chi-ma-led')
    expect(hoursOf(r, 'chi-ma-led')).toEqual([
      ['2026-12-01', 4, 4],
      ['2026-12-02', 9.5, 9.5],
    ])
  })

  it('ends a silent screen when its next report was due', async () => {
    clock = local(1, 0) - HOUR
    const t = await createTestApp({ seed: true, clock: () => clock })
    closers.push(t.close)
    online(t.app.screenStatus, 'chi-ma-led', local(1, 8), local(1, 9), false)
    // The page froze: no report after 09:00 minus one interval; the sweep notices at 09:05.
    clock = local(1, 9, 5)
    expect(t.app.screenStatus.sweep(clock)).toContain('chi-ma-led')
    clock = local(1, 12)
    const day = (await uptime(t.app, 'from=2026-12-01&to=2026-12-01&screenId=chi-ma-led')).screens[0]?.days[0]
    expect(day?.onlineSeconds).toBe((HOUR - HEARTBEAT_INTERVAL_MS + LAST_SEEN_GRACE_MS) / 1000)
  })

  it('treats the time the server was down as offline, from when the player was last heard', async () => {
    clock = local(1, 0) - HOUR
    const r = await createRestartableApp({ seed: true, clock: () => clock })
    closers.push(r.close)
    online(r.app.screenStatus, 'tan-thanh-led', local(1, 8), local(1, 9), false)
    const lastHeard = local(1, 9) - HEARTBEAT_INTERVAL_MS
    // The server stops at 09:00 with the screen online, and starts again at 11:00.
    await r.stop()
    clock = local(1, 11)
    await r.start()
    expect(
      r.app.db.prepare('SELECT at_ms, online, last_seen_ms FROM screen_uptime ORDER BY id').all(),
    ).toEqual([
      { at_ms: local(1, 8), online: 1, last_seen_ms: null },
      { at_ms: local(1, 11), online: 0, last_seen_ms: lastHeard },
    ])
    // The player reconnects at 11:00:30 and stays until 12:00.
    online(r.app.screenStatus, 'tan-thanh-led', local(1, 11) + 30_000, local(1, 12))
    clock = local(2, 0)
    const day = (await uptime(r.app, 'from=2026-12-01&to=2026-12-01&screenId=tan-thanh-led')).screens[0]
      ?.days[0]
    expect(day?.onlineSeconds).toBe((lastHeard + LAST_SEEN_GRACE_MS - local(1, 8) + HOUR - 30_000) / 1000)

    const csv = await r.app.inject({
      method: 'GET',
      url: '/api/reports/uptime.csv?from=2026-12-01&to=2026-12-01&siteId=tan-thanh&lang=en',
    })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="gatecast-uptime-2026-12-01-2026-12-01.csv"',
    )
    // Recording began at 08:00 (the first change this server saw): the day is observed from then.
    expect(day?.observedSeconds).toBe(16 * 3600)
    const online1 = (day?.onlineSeconds ?? 0).toString()
    const percent = ((100 * (day?.onlineSeconds ?? 0)) / (16 * 3600)).toFixed(2)
    expect(csv.body).toBe(
      '\uFEFFDay,Screen ID,Screen,Site ID,Site,Seconds online,Seconds observed,Uptime (%)\r\n' +
        `2026-12-01,tan-thanh-led,Tân Thanh outdoor LED,tan-thanh,Tân Thanh Border Gate,${online1},57600,${percent}\r\n`,
    )
    // In Vietnamese the percentage has a decimal comma, and fields are separated by semicolons.
    const vi = await r.app.inject({
      method: 'GET',
      url: '/api/reports/uptime.csv?from=2026-12-01&to=2026-12-01&siteId=tan-thanh&lang=vi',
    })
    expect(vi.body.split('\r\n')[1]).toBe(
      `2026-12-01;tan-thanh-led;LED ngoài trời Tân Thanh;tan-thanh;Cửa khẩu Tân Thanh;${online1};57600;${percent.replace('.', ',')}`,
    )
  })

  it('refuses a bad period, an unknown screen or site, and strangers', async () => {
    clock = local(1, 0)
    const t = await createTestApp({ seed: true, clock: () => clock })
    closers.push(t.close)
    const status = async (url: string, headers = t.team.viewer.headers) =>
      (await t.app.inject({ method: 'GET', url, headers })).statusCode
    expect(await status('/api/reports/uptime?from=2026-12-01&to=2026-12-31')).toBe(200)
    expect(await status('/api/reports/uptime?from=2026-12-01&to=2026-11-30')).toBe(400)
    expect(await status('/api/reports/uptime?from=2025-12-01&to=2026-12-02')).toBe(400)
    expect(await status('/api/reports/uptime?from=2026-13-01&to=2026-12-31')).toBe(400)
    expect(await status('/api/reports/uptime?from=2026-12-01&to=2026-12-31&pageSize=101')).toBe(400)
    expect(await status('/api/reports/uptime?from=2026-12-01&to=2026-12-31&by=day')).toBe(400)
    expect(await status('/api/reports/uptime.csv?from=2026-12-01&to=2026-12-31&lang=de')).toBe(400)
    expect(await status('/api/reports/uptime?from=2026-12-01&to=2026-12-31&screenId=nowhere')).toBe(404)
    expect(await status('/api/reports/uptime.csv?from=2026-12-01&to=2026-12-31&siteId=nowhere')).toBe(404)
    expect(
      (await t.anonymous({ method: 'GET', url: '/api/reports/uptime?from=2026-12-01&to=2026-12-31' }))
        .statusCode,
    ).toBe(401)
  })
})

// A SQLite file of version 7 upgraded by SQLite's migrations: PostgreSQL starts at its baseline
// (SQLite's version 27), so there is no such database there to upgrade.
describe.skipIf(onPostgres())('upgrading a version-7 database', () => {
  it('totals the plays it already held', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-reports-'))
    closers.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    copyFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'gatecast-v7.sqlite'),
      join(dataDir, DATABASE_FILE),
    )
    const app = await buildApp({ dataDir, clock: () => Date.UTC(2026, 10, 20, 2) })
    closers.unshift(() => app.close())
    const res = await app.inject({
      method: 'GET',
      url: '/api/reports/plays?from=2026-11-20&to=2026-11-20&by=item',
      headers: firstAdminHeaders(app),
    })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as PlaysReport
    expect(body.rows.map((r) => [r.key, r.plays, r.seconds])).toEqual([
      ['welcome/welcome-gate', 1, 8],
      ['welcome/welcome-greeting', 1, 8],
    ])
    expect(body.names.items['welcome/welcome-greeting']?.text?.vi).toBe(
      'Chào mừng quý khách đến với Lạng Sơn',
    )
  })
})
