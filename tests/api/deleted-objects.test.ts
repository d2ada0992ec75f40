import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createRestartableApp,
  createTestApp,
  type Method,
  screenBody,
  siteBody,
  slide,
  succeed,
  type TestApp,
} from '../helpers/app'
import { approveAndPublish, sendEmergency } from '../helpers/approval'
import { makePng, multipart } from '../helpers/files'

/**
 * Issue 16 item 5, a deleted object stays deleted: its id is never given to a new one, so its
 * versions, approvals and records never come back to life under someone else; and a live
 * version referring to something gone still compiles.
 */
let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/playlists', { id: 'main', name: 'Main', items: [slide('m1', 'Main')] })
  await approveAndPublish(t.app, 'playlist', 'main')
  await succeed(t.app, 'POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'main' }))
})
afterEach(() => t.close())

const call = (method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) })

/** Uploads a small PNG; returns the medium's id. */
async function uploadImage(filename: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/media',
    ...multipart([{ filename, data: makePng(16, 16) }]),
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

const message = (title: string) => ({
  text: { vi: { title, body: '' }, zh: { title: '通知', body: '' }, en: { title, body: '' } },
  targets: { screens: ['led'] },
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
})

describe('a deleted object stays deleted', () => {
  it('refuses a deleted playlist’s id to a new playlist, so its approved version never airs again', async () => {
    const mediaId = await uploadImage('notice.png')
    await succeed(t.app, 'POST', '/api/playlists', {
      id: 'notice',
      name: 'Notice',
      items: [{ kind: 'image', durationMs: 5000, mediaId }],
    })
    await approveAndPublish(t.app, 'playlist', 'notice')
    // Unused: it may go, and then so may its medium (nothing can put that version on air again).
    expect((await call('DELETE', '/api/playlists/notice')).statusCode).toBe(204)
    expect((await call('DELETE', `/api/media/${mediaId}`)).statusCode).toBe(204)

    const again = await call('POST', '/api/playlists', { id: 'notice', name: 'New', items: [] })
    expect(again.statusCode, again.body).toBe(409)
    expect(again.json().message).toMatch(/"notice" is the id of a playlist deleted at .*never reused/)
    expect(again.json().details).toEqual({
      code: 'id-of-deleted',
      kind: 'playlist',
      id: 'notice',
      deletedAt: expect.any(String),
    })
    // Its history stays readable under its id, and nothing of it can go on air.
    const history = await call('GET', '/api/playlists/notice/versions')
    expect(history.json()).toEqual([expect.objectContaining({ number: 1, state: 'approved', live: false })])
    const publish = await t.app.inject({
      method: 'POST',
      url: '/api/playlists/notice/publish',
      headers: t.team.approver.headers,
      payload: { version: 1 },
    })
    expect(publish.statusCode).toBe(404)

    // The screen still compiles, and an emergency reaches it.
    const sent = await sendEmergency(t.app, message('Đóng cửa'))
    const document = (await call('GET', '/api/screens/led/document')).json()
    expect(document.overrides.map((o: { id: string }) => o.id)).toEqual([sent.id])
  })

  const schedule = (id: string) => ({
    id,
    name: 'Evening',
    playlistId: 'main',
    target: { type: 'site', id: 'gate' },
    window: { start: '18:00', end: '22:00' },
  })
  const layout = (id: string) => ({
    id,
    name: 'Whole',
    zones: [{ id: 'main', name: 'Main', x: 0, y: 0, width: 1, height: 1, playlistId: null }],
  })
  const KINDS: [string, string, (id: string) => object][] = [
    ['playlist', '/api/playlists', (id) => ({ id, name: 'P', items: [] })],
    ['schedule', '/api/schedules', schedule],
    ['layout', '/api/layouts', layout],
    ['screen', '/api/screens', (id) => screenBody(id, 'gate')],
    ['site', '/api/sites', siteBody],
  ]

  it.each(KINDS)('refuses a deleted %s’s id, and only to its own kind', async (kind, path, body) => {
    await succeed(t.app, 'POST', path, body('gone'))
    expect((await call('DELETE', `${path}/gone`)).statusCode).toBe(204)
    const again = await call('POST', path, body('gone'))
    expect(again.statusCode, again.body).toBe(409)
    expect(again.json().details).toMatchObject({ code: 'id-of-deleted', kind, id: 'gone' })
    // Another kind may use the id: versions, documents and records are keyed by kind and id.
    const [, otherPath, other] = KINDS.find(([k]) => k !== kind && k !== 'site')!
    expect((await call('POST', otherPath, other('gone'))).statusCode).toBe(201)
  })

  it('refuses the ids of a deleted site’s sync groups', async () => {
    await succeed(t.app, 'POST', '/api/sites', siteBody('far'))
    await succeed(t.app, 'POST', '/api/sync-groups', { id: 'pair', siteId: 'far', name: 'Pair' })
    expect((await call('DELETE', '/api/sites/far')).statusCode).toBe(204)
    const again = await call('POST', '/api/sync-groups', { id: 'pair', siteId: 'gate', name: 'Pair' })
    expect(again.statusCode, again.body).toBe(409)
    expect(again.json().details).toMatchObject({ code: 'id-of-deleted', kind: 'group', id: 'pair' })
  })

  it('is enforced by the database itself, whatever code path writes', async () => {
    expect((await call('DELETE', '/api/playlists/main')).statusCode).toBe(409) // still on a screen
    await succeed(t.app, 'POST', '/api/playlists', { id: 'spare', name: 'Spare', items: [] })
    expect((await call('DELETE', '/api/playlists/spare')).statusCode).toBe(204)
    const insert = t.app.db.prepare(
      "INSERT INTO playlists (id, name, created_at, updated_at) VALUES ('spare', 'Again', '', '')",
    )
    expect(() => insert.run()).toThrow(/belonged to a deleted playlist: ids are never reused/)
  })
})

describe('a compile never fails on a stale reference', () => {
  it('leaves out an item whose medium is gone, and says so', async () => {
    const mediaId = await uploadImage('gate.png')
    const image = { id: 'i1', kind: 'image', durationMs: 5000, mediaId }
    await succeed(t.app, 'PUT', '/api/playlists/main', { name: 'Main', items: [image, slide('m1', 'Main')] })
    await approveAndPublish(t.app, 'playlist', 'main')
    const items = async () => {
      const document = (await call('GET', '/api/screens/led/document')).json()
      return {
        items: document.playlists.main.items.map((i: { id: string }) => i.id),
        assets: document.assets,
      }
    }
    expect(await items()).toEqual({
      items: ['i1', 'm1'],
      assets: [expect.objectContaining({ bytes: expect.any(Number) })],
    })

    // The version on air still shows the medium; only a hand-edited database loses it.
    await succeed(t.app, 'PUT', '/api/playlists/main', { name: 'Main', items: [slide('m1', 'Main')] })
    t.app.db.prepare('DELETE FROM media WHERE id = ?').run(mediaId)
    const renamed = await call(
      'PUT',
      '/api/screens/led',
      screenBody('led', 'gate', { name: 'Renamed', defaultPlaylistId: 'main' }),
    )
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(await items()).toEqual({ items: ['m1'], assets: [] })
    const stale = (await t.app.metrics.compileProblems.get()).values.find((v) => v.labels.kind === 'stale')
    expect(stale?.value).toBe(1)
  })
})

describe('the sample content', () => {
  it('does not come back at the next start once its sites were deleted', async () => {
    const r = await createRestartableApp({ seed: true })
    try {
      const ids = async (path: string) =>
        ((await r.app.inject({ method: 'GET', url: path })).json() as { id: string }[]).map((o) => o.id)
      for (const id of await ids('/api/screens'))
        expect((await r.app.inject({ method: 'DELETE', url: `/api/screens/${id}` })).statusCode).toBe(204)
      for (const id of await ids('/api/sites'))
        expect((await r.app.inject({ method: 'DELETE', url: `/api/sites/${id}` })).statusCode).toBe(204)
      await r.stop()
      await r.start()
      expect(await ids('/api/sites')).toEqual([])
    } finally {
      await r.close()
    }
  })
})
