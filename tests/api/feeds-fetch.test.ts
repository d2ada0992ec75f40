import type { FeedEntry, FeedSource } from '@playlists/schemas/feed'
import { FEED_BYTES_MAX } from '@server/feeds/parse'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, succeed, type TestApp } from '../helpers/app'
import { feedBody, feedFixture } from '../helpers/feeds'
import { closeLoopbackServers, type LoopbackServer, listenLoopback } from '../helpers/loopback-server'
import { makeJpeg } from '../helpers/media'

/**
 * Fetching feeds from a loopback server serving the fixtures: conditional requests, the timeout,
 * the size limit, a failing source keeping its entries and raising its alert after its delay
 * (on the app's clock, moved by the test), and entry images kept as media.
 */

const T0 = Date.UTC(2026, 11, 5, 1, 0, 0)
const MINUTE = 60_000
const FETCH_TIMEOUT_MS = 400
let clockMs = T0
let t: TestApp | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
  await closeLoopbackServers()
})

async function app(): Promise<TestApp> {
  clockMs = T0
  t = await createTestApp({
    clock: () => clockMs,
    // The loopback is private: only an admin's allow-list lets the server reach it.
    outbound: { allow: ['127.0.0.1'] },
    feeds: { timeoutMs: FETCH_TIMEOUT_MS },
  })
  return t
}

/** Registers source `id` on `server` and fetches it once through the API. */
async function registered(a: TestApp, server: LoopbackServer, over = {}): Promise<FeedSource> {
  await succeed(a.app, 'POST', '/api/feeds', feedBody('portal', server.url('/rss'), over))
  return succeed(a.app, 'POST', '/api/feeds/portal/refresh')
}

const entries = async (a: TestApp): Promise<FeedEntry[]> => succeed(a.app, 'GET', '/api/feeds/portal/entries')

describe('feed fetching: conditional requests', () => {
  it('sends the ETag back and keeps its entries on a 304', async () => {
    const a = await app()
    const server = await listenLoopback((res, req) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.statusCode = 304
        return res.end()
      }
      res.setHeader('etag', '"v1"')
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8')
      res.end(feedFixture('portal-vi.rss.xml'))
    })
    const first = await registered(a, server)
    expect(first).toMatchObject({ lastOutcome: 'ok', entryCount: 3, lastError: null })
    expect(server.received[0]!.headers['if-none-match']).toBeUndefined()

    clockMs += 20 * MINUTE
    const second: FeedSource = await succeed(a.app, 'POST', '/api/feeds/portal/refresh')
    expect(server.received[1]!.headers['if-none-match']).toBe('"v1"')
    expect(second).toMatchObject({ lastOutcome: 'not-modified', entryCount: 3 })
    expect(second.lastFetchAt).toBe(new Date(clockMs).toISOString())
    expect((await entries(a)).map((e) => e.title)[0]).toBe(
      'Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày',
    )
  })

  it('sends Last-Modified back as If-Modified-Since, and not to another address', async () => {
    const a = await app()
    const stamp = 'Sat, 05 Dec 2026 00:00:00 GMT'
    const server = await listenLoopback((res, req) => {
      if (req.headers['if-modified-since'] === stamp) {
        res.statusCode = 304
        return res.end()
      }
      res.setHeader('last-modified', stamp)
      res.end(feedFixture(req.url === '/atom' ? 'portal-zh.atom.xml' : 'portal-vi.rss.xml'))
    })
    await registered(a, server)
    await succeed(a.app, 'POST', '/api/feeds/portal/refresh')
    expect(server.received[1]!.headers['if-modified-since']).toBe(stamp)
    // The validators belong to the address that gave them.
    await succeed(a.app, 'PUT', '/api/feeds/portal', {
      ...feedBody('portal', server.url('/atom')),
      id: undefined,
    })
    const moved: FeedSource = await succeed(a.app, 'POST', '/api/feeds/portal/refresh')
    expect(server.received[2]!.headers['if-modified-since']).toBeUndefined()
    expect(moved.lastOutcome).toBe('ok')
  })
})

describe('feed fetching: bounds', () => {
  it('gives up on a source that does not answer within the timeout, keeping what it had', async () => {
    const a = await app()
    let hang = false
    const server = await listenLoopback((res) => {
      if (!hang) res.end(feedFixture('portal-vi.rss.xml'))
      // Otherwise never answered: the server must stop waiting by itself.
    })
    await registered(a, server)
    hang = true
    const started = Date.now()
    const failed: FeedSource = await succeed(a.app, 'POST', '/api/feeds/portal/refresh')
    expect(Date.now() - started).toBeLessThan(FETCH_TIMEOUT_MS + 5_000)
    expect(failed).toMatchObject({ lastOutcome: 'failed', entryCount: 3, lastError: { code: 'timeout' } })
    expect(failed.lastSuccessAt).not.toBeNull()
  })

  it('refuses a feed over the size limit without reading it all', async () => {
    const a = await app()
    const server = await listenLoopback((res) => {
      const head = Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>')
      res.end(Buffer.concat([head, Buffer.alloc(FEED_BYTES_MAX, 0x20), Buffer.from('</channel></rss>')]))
    })
    const source = await registered(a, server)
    expect(source).toMatchObject({ lastOutcome: 'failed', entryCount: 0, lastError: { code: 'too-large' } })
  })

  it('refuses a feed with a DTD, and says so in the source state', async () => {
    const a = await app()
    const server = await listenLoopback((res) => res.end(feedFixture('xxe.rss.xml')))
    const source = await registered(a, server)
    expect(source.lastError).toMatchObject({ code: 'dtd' })
    expect(source.entryCount).toBe(0)
  })

  it('refuses at registration an address the outbound rules forbid, naming the setting', async () => {
    const a = await app()
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/feeds',
      payload: feedBody('metadata', 'http://169.254.169.254/latest/meta-data'),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      code: 'feed.url-refused',
      details: { field: 'url', setting: 'OUTBOUND_ALLOW' },
    })
  })
})

describe('a failing source', () => {
  it('keeps its last entries and raises its alert once it has failed for the set time', async () => {
    const a = await app()
    let status = 200
    const server = await listenLoopback((res) => {
      res.statusCode = status
      res.end(status === 200 ? feedFixture('portal-vi.rss.xml') : 'down for maintenance')
    })
    await registered(a, server, { alertAfterMinutes: 30, intervalMinutes: 15 })
    status = 503

    // Through the job table, as node-cron runs it.
    clockMs += 15 * MINUTE
    await a.app.jobs.run('feeds-fetch', clockMs).pending
    let source: FeedSource = await succeed(a.app, 'GET', '/api/feeds/portal')
    expect(source).toMatchObject({ lastOutcome: 'failed', entryCount: 3, alertedAt: null })
    expect(source.lastError).toMatchObject({ code: 'status', message: expect.stringMatching(/HTTP 503/) })
    expect(source.failingSince).toBe(new Date(clockMs).toISOString())
    const failingSince = source.failingSince

    // 29 minutes into the failure (fetched again, failing again): not yet.
    clockMs += 29 * MINUTE
    await a.app.feeds.refreshDue(clockMs)
    expect((await succeed(a.app, 'GET', '/api/feeds/portal')).alertedAt).toBeNull()

    // Past the delay, between two fetches: the job's sweep raises it, once.
    clockMs += 1 * MINUTE
    await a.app.feeds.refreshDue(clockMs)
    source = await succeed(a.app, 'GET', '/api/feeds/portal')
    expect(source.alertedAt).toBe(new Date(clockMs).toISOString())
    expect(source.failingSince).toBe(failingSince)
    expect(source.entryCount).toBe(3)
    const requests = server.received.length

    // The source answers again, fetched at its interval: the failure and its alert are over.
    status = 200
    clockMs += 13 * MINUTE
    await a.app.feeds.refreshDue(clockMs)
    expect(server.received).toHaveLength(requests)
    clockMs += 1 * MINUTE
    await a.app.feeds.refreshDue(clockMs)
    expect(server.received).toHaveLength(requests + 1)
    source = await succeed(a.app, 'GET', '/api/feeds/portal')
    expect(source).toMatchObject({ lastOutcome: 'ok', failingSince: null, alertedAt: null, lastError: null })
  })
})

describe('entry images', () => {
  it('keeps an entry image as media, sniffed like an upload; a fake image is left out', async () => {
    const a = await app()
    const jpeg = await makeJpeg(64, 48)
    const server = await listenLoopback((res, req) => {
      if (req.url === '/anh/xe-hang.jpg') return res.end(jpeg)
      if (req.url === '/anh/bao.png') return res.end('<html>not an image</html>')
      const rss = feedFixture('portal-vi.rss.xml')
        .toString('utf8')
        .replaceAll('https://langson.example.gov.vn/anh/', server.url('/anh/'))
      res.end(rss)
    })
    await registered(a, server)
    const kept = await entries(a)
    const withImage = kept.find((e) => e.guid === 'ls-2026-12-05-0001')!
    expect(withImage.mediaId).not.toBeNull()
    const medium = await succeed(a.app, 'GET', `/api/media/${withImage.mediaId}`)
    expect(medium).toMatchObject({ kind: 'image', width: 64, height: 48 })
    expect(kept.find((e) => e.guid.endsWith('bao-so-9'))!.mediaId).toBeNull()
  })
})
