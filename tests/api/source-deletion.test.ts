import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createTestApp,
  injectAs,
  type Method,
  slide as slideItem,
  succeed,
  type TestApp,
} from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { datasetBody } from '../helpers/datasets'
import { feedBody, feedFixture } from '../helpers/feeds'
import { closeLoopbackServers, type LoopbackServer, listenLoopback } from '../helpers/loopback-server'

/**
 * Issue 19's sources may be deleted: a dataset or a feed source no playlist shows goes (audited,
 * its id never given again); one a playlist's draft or version still shows is refused with a 409
 * naming the playlists; the feeds job no longer touches a deleted source, even one deleted while
 * its fetch was under way.
 */
const NOW = Date.UTC(2026, 11, 5, 1, 0, 0)
let t: TestApp | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
  await closeLoopbackServers()
})

async function app(): Promise<TestApp> {
  t = await createTestApp({ clock: () => NOW, outbound: { allow: ['127.0.0.1'] } })
  return t
}

const call = (a: TestApp, method: Method, url: string, payload?: object) =>
  a.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) })

const datasetItem = { kind: 'dataset', durationMs: 10_000, datasetId: 'rates' }
const feedItem = { kind: 'feed', durationMs: 10_000, sourceId: 'portal' }
const slide = slideItem('welcome', 'Chào mừng')

const lastAudit = (a: TestApp, action: string) => a.app.repos.audit.query({ action, limit: 1 })[0]

describe('deleting a dataset', () => {
  it('deletes one no playlist shows, audits it with the dataset as it was, and never reuses its id', async () => {
    const a = await app()
    await succeed(a.app, 'POST', '/api/datasets', datasetBody('rates'), a.team.editor)
    const res = await injectAs(a.app, 'DELETE', '/api/datasets/rates', a.team.editor)
    expect(res.statusCode, res.body).toBe(204)
    expect((await call(a, 'GET', '/api/datasets/rates')).statusCode).toBe(404)
    expect((await succeed(a.app, 'GET', '/api/datasets')).map((d: { id: string }) => d.id)).not.toContain(
      'rates',
    )
    expect(lastAudit(a, 'dataset.delete')).toMatchObject({
      objectType: 'dataset',
      objectId: 'rates',
      outcome: 'ok',
      before: expect.objectContaining({ id: 'rates', name: datasetBody('rates').name }),
    })
    const again = await injectAs(a.app, 'POST', '/api/datasets', a.team.editor, datasetBody('rates'))
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({
      code: 'id.deleted',
      details: { code: 'id-of-deleted', kind: 'dataset', id: 'rates' },
    })
  })

  it('refuses while a playlist’s draft or one of its versions shows it, naming the playlists', async () => {
    const a = await app()
    await succeed(a.app, 'POST', '/api/datasets', datasetBody('rates'), a.team.editor)
    await approveAndPublish(a.app, 'dataset', 'rates', { author: a.team.editor })
    await succeed(a.app, 'POST', '/api/playlists', { id: 'board', name: 'Board', items: [datasetItem] })
    await succeed(a.app, 'POST', '/api/playlists', { id: 'lobby', name: 'Lobby', items: [datasetItem] })

    const inDrafts = await call(a, 'DELETE', '/api/datasets/rates')
    expect(inDrafts.statusCode).toBe(409)
    expect(inDrafts.json()).toMatchObject({
      code: 'dataset.in-use',
      details: { playlists: ['board', 'lobby'] },
      params: { id: 'rates', count: 2, playlists: 'board, lobby' },
    })

    // The board's approved version still shows it after its draft dropped it: a rollback could air it.
    await approveAndPublish(a.app, 'playlist', 'board')
    await succeed(a.app, 'PUT', '/api/playlists/board', { name: 'Board', items: [slide] })
    expect((await call(a, 'DELETE', '/api/playlists/lobby')).statusCode).toBe(204)
    const inVersion = await call(a, 'DELETE', '/api/datasets/rates')
    expect(inVersion.statusCode).toBe(409)
    expect(inVersion.json().details).toEqual({ playlists: ['board'] })
    expect((await succeed(a.app, 'GET', '/api/datasets/rates')).liveVersion).toBe(1)

    // Once the playlist itself is gone, nothing can air the dataset again.
    expect((await call(a, 'DELETE', '/api/playlists/board')).statusCode).toBe(204)
    expect((await call(a, 'DELETE', '/api/datasets/rates')).statusCode).toBe(204)
    // Only the deletion that happened is recorded as one; the refusals changed nothing.
    const entries = a.app.repos.audit.query({ action: 'dataset.delete', limit: 5 })
    expect(entries.map((e) => e.outcome)).toEqual(['ok'])
  })

  it('answers 404 for an unknown dataset and 403 to a viewer, deleting nothing', async () => {
    const a = await app()
    await succeed(a.app, 'POST', '/api/datasets', datasetBody('rates'), a.team.editor)
    const unknown = await call(a, 'DELETE', '/api/datasets/nowhere')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('dataset.not-found')
    const viewer = await injectAs(a.app, 'DELETE', '/api/datasets/rates', a.team.viewer)
    expect(viewer.statusCode).toBe(403)
    expect((await call(a, 'GET', '/api/datasets/rates')).statusCode).toBe(200)
    expect(lastAudit(a, 'access.denied')).toMatchObject({ objectType: 'dataset', objectId: 'rates' })
  })
})

/** A portal serving the fixture; `hold` keeps each answer until `release` is called. */
async function portal(hold = false) {
  const waiting: ServerResponse[] = []
  const server: LoopbackServer = await listenLoopback((res) => {
    if (hold) waiting.push(res)
    else res.end(feedFixture('portal-vi.rss.xml'))
  })
  const release = () => {
    for (const res of waiting.splice(0)) res.end(feedFixture('portal-vi.rss.xml'))
  }
  return { server, release }
}

const entryCount = (a: TestApp) => a.app.db.prepare('SELECT count(*) FROM feed_entries').pluck().get()

describe('deleting a feed source', () => {
  it('deletes one no playlist shows with its entries, audited, and the job no longer fetches it', async () => {
    const a = await app()
    const { server } = await portal()
    await succeed(a.app, 'POST', '/api/feeds', feedBody('portal', server.url('/rss')))
    await succeed(a.app, 'POST', '/api/feeds/portal/refresh')
    expect(entryCount(a)).toBeGreaterThan(0)
    const fetched = server.received.length

    expect((await call(a, 'DELETE', '/api/feeds/portal')).statusCode).toBe(204)
    expect((await call(a, 'GET', '/api/feeds/portal')).statusCode).toBe(404)
    expect(entryCount(a)).toBe(0)
    expect(lastAudit(a, 'feed.delete')).toMatchObject({
      objectId: 'portal',
      outcome: 'ok',
      before: expect.objectContaining({ id: 'portal', url: server.url('/rss') }),
    })
    await a.app.feeds.refreshDue(NOW + 24 * 3_600_000)
    expect(server.received).toHaveLength(fetched)
    const again = await call(a, 'POST', '/api/feeds', feedBody('portal', server.url('/rss')))
    expect(again.json()).toMatchObject({ code: 'id.deleted', details: { kind: 'feed' } })
  })

  it('keeps nothing of a fetch under way when the source is deleted meanwhile', async () => {
    const a = await app()
    const { server, release } = await portal(true)
    await succeed(a.app, 'POST', '/api/feeds', feedBody('portal', server.url('/rss')))
    const run = a.app.feeds.refreshDue(NOW)
    await expect.poll(() => server.received.length).toBe(1)
    expect((await call(a, 'DELETE', '/api/feeds/portal')).statusCode).toBe(204)
    release()
    await expect(run).resolves.toBeUndefined()
    expect(entryCount(a)).toBe(0)
    expect(a.app.db.prepare("SELECT count(*) FROM feeds WHERE id = 'portal'").pluck().get()).toBe(0)
  })

  it('refuses while a playlist shows it, and answers 404 and 403 as it should', async () => {
    const a = await app()
    const { server } = await portal()
    await succeed(a.app, 'POST', '/api/feeds', feedBody('portal', server.url('/rss')))
    await succeed(a.app, 'POST', '/api/playlists', { id: 'news', name: 'News', items: [slide, feedItem] })
    const used = await call(a, 'DELETE', '/api/feeds/portal')
    expect(used.statusCode).toBe(409)
    expect(used.json()).toMatchObject({
      code: 'feed.in-use',
      details: { playlists: ['news'] },
      params: { id: 'portal', count: 1 },
    })
    // Registering and deleting sources is an admin's, as the address the server fetches is.
    expect((await injectAs(a.app, 'DELETE', '/api/feeds/portal', a.team.editor)).statusCode).toBe(403)
    expect((await call(a, 'DELETE', '/api/feeds/nowhere')).json().code).toBe('feed.not-found')

    await succeed(a.app, 'PUT', '/api/playlists/news', { name: 'News', items: [slide] })
    expect((await call(a, 'DELETE', '/api/feeds/portal')).statusCode).toBe(204)
  })
})
