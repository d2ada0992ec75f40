import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'

/**
 * Prometheus metrics (issue 8, item 1): behind a token or a network allow-list, and saying
 * what the province's IT staff need to know: which screens are dark, what was published and
 * pushed, how the API and the database are doing, and the process's memory and event-loop lag.
 */

let t: TestApp
beforeEach(async () => {
  t = await createTestApp({ metricsAllow: ['10.0.0.0/8'] })
  await seedMinimal(t.app, 'screen-a', 'pl-a')
})
afterEach(() => t.close())

const scrape = async (headers: Record<string, string> = t.team.viewer.headers) => {
  const res = await t.anonymous({ method: 'GET', url: '/metrics', headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.body
}

/** The value of one series, e.g. value(text, 'gatecast_screens{site="gate",state="online"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('/metrics', () => {
  it('needs a token, or an address on the allow-list', async () => {
    expect((await t.anonymous({ method: 'GET', url: '/metrics' })).statusCode).toBe(401)
    const fromAllowed = await t.anonymous({ method: 'GET', url: '/metrics', remoteAddress: '10.20.30.40' })
    expect(fromAllowed.statusCode).toBe(200)
    expect(fromAllowed.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    const fromElsewhere = await t.anonymous({ method: 'GET', url: '/metrics', remoteAddress: '192.168.1.9' })
    expect(fromElsewhere.statusCode).toBe(401)
    // A wrong token is refused even from an allowed address.
    const forged = await t.anonymous({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.20.30.40',
      headers: { authorization: `Bearer gct_${'C'.repeat(43)}` },
    })
    expect(forged.statusCode).toBe(401)
  })

  it('counts screens per site and state, with both states always present', async () => {
    const text = await scrape()
    expect(value(text, 'gatecast_screens{site="gate",state="offline"}')).toBe(1)
    expect(value(text, 'gatecast_screens{site="gate",state="online"}')).toBe(0)
    t.app.screenStatus.connected('screen-a')
    const after = await scrape()
    expect(value(after, 'gatecast_screens{site="gate",state="online"}')).toBe(1)
    expect(value(after, 'gatecast_screens{site="gate",state="offline"}')).toBe(0)
  })

  it('counts documents published, and API requests by route pattern and status', async () => {
    const before = value(await scrape(), 'gatecast_documents_published_total') ?? 0
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/screens/screen-a',
      payload: { siteId: 'gate', name: 'Renamed', width: 1920, height: 960, defaultPlaylistId: 'pl-a' },
    })
    expect(res.statusCode, res.body).toBe(200)
    await t.app.inject({ method: 'GET', url: '/api/screens/screen-a' })
    await t.app.inject({ method: 'GET', url: '/api/screens/nope' })
    const text = await scrape()
    expect(value(text, 'gatecast_documents_published_total')).toBe(before + 1)
    expect(value(text, 'gatecast_documents_pushed_total')).toBe(0) // no player connected
    expect(
      value(
        text,
        'gatecast_http_request_duration_seconds_count{method="GET",route="/api/screens/:id",status_code="200"}',
      ),
    ).toBe(1)
    expect(
      value(
        text,
        'gatecast_http_request_duration_seconds_count{method="GET",route="/api/screens/:id",status_code="404"}',
      ),
    ).toBe(1)
    // A whole histogram: cumulative buckets up to +Inf, which counts every answer, and a sum.
    const series = 'method="GET",route="/api/screens/:id",status_code="200"'
    const buckets = [
      ...text.matchAll(
        new RegExp(
          `^gatecast_http_request_duration_seconds_bucket\\{${series},le="([^"]+)"\\} (\\S+)$`,
          'gm',
        ),
      ),
    ]
    expect(buckets.map((b) => b[1])).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '10',
      '+Inf',
    ])
    const counts = buckets.map((b) => Number(b[2]))
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
    expect(counts.at(-1)).toBe(1)
    expect(value(text, `gatecast_http_request_duration_seconds_sum{${series}}`)).toBeGreaterThan(0)
  })

  it('reports the database and WAL sizes, socket connections, memory and event-loop lag', async () => {
    const text = await scrape()
    // Until a checkpoint, most of a young database lives in its WAL.
    const database = value(text, 'gatecast_sqlite_bytes{file="database"}') ?? 0
    const wal = value(text, 'gatecast_sqlite_bytes{file="wal"}') ?? 0
    expect(database).toBeGreaterThanOrEqual(4096)
    expect(database + wal).toBeGreaterThan(50_000)
    expect(value(text, 'gatecast_socket_connections{namespace="/player"}')).toBe(0)
    expect(value(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000)
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m)
  })
})
