import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, openSameDatabase, screenBody, siteBody, slide, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
  await t.app.inject({ method: 'POST', url: '/api/sites', payload: siteBody() })
})
afterEach(() => t.close())

const publish = (id: string) => approveAndPublish(t.app, 'playlist', id)
const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) })

describe('playlists API: create → update → publish', () => {
  it('keeps screens on the published revision until the draft is published again', async () => {
    const created = await inject('POST', '/api/playlists', {
      id: 'loop',
      name: 'Loop',
      items: [slide('s1', 'One')],
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      id: 'loop',
      draftRevision: 1,
      publishedRevision: null,
      hasUnpublishedChanges: true,
    })

    expect(
      (await inject('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'loop' })))
        .statusCode,
    ).toBe(201)
    // Nothing published yet: the screen has a document with no playable playlist.
    const before = (await inject('GET', '/api/screens/led/document')).json()
    expect(before.layout.zones[0].defaultPlaylistId).toBeNull()

    const published = await publish('loop')
    expect(published.screens).toEqual([expect.objectContaining({ screenId: 'led', version: 2 })])
    expect((await inject('GET', '/api/playlists/loop')).json()).toMatchObject({
      publishedRevision: 1,
      hasUnpublishedChanges: false,
    })

    const updated = await inject('PUT', '/api/playlists/loop', {
      name: 'Loop',
      items: [slide('s1', 'One, edited'), slide('s2', 'Two', 7000)],
    })
    expect(updated.statusCode).toBe(200)
    expect(updated.json()).toMatchObject({
      draftRevision: 2,
      publishedRevision: 1,
      hasUnpublishedChanges: true,
    })
    const stillOld = (await inject('GET', '/api/screens/led/document')).json()
    expect(stillOld.version).toBe(2)
    expect(stillOld.playlists.loop.items).toHaveLength(1)

    const republished = await publish('loop')
    expect(republished.screens).toEqual([expect.objectContaining({ screenId: 'led', version: 3 })])
    const doc = (await inject('GET', '/api/screens/led/document')).json()
    expect(doc).toMatchObject({ version: 3, screen: { width: 1920, height: 960 } })
    expect(doc.layout.zones).toEqual([expect.objectContaining({ id: 'main', defaultPlaylistId: 'loop' })])
    expect(doc.playlists.loop.items.map((i: { id: string }) => i.id)).toEqual(['s1', 's2'])
    expect(doc.playlists.loop.items[0].text.vi.title).toBe('One, edited (vi)')
    expect(doc.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('does not make a new version when publishing unchanged content', async () => {
    await inject('POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [slide('s1', 'One')] })
    await inject('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'loop' }))
    await publish('loop')
    const again = await publish('loop')
    expect(again.screens).toEqual([])
  })

  it('publishes to every screen showing the playlist and to no other', async () => {
    await inject('POST', '/api/playlists', { id: 'p1', name: 'P1', items: [slide('s1', 'One')] })
    await inject('POST', '/api/playlists', { id: 'p2', name: 'P2', items: [slide('s2', 'Two')] })
    await inject('POST', '/api/screens', screenBody('a', 'gate', { defaultPlaylistId: 'p1' }))
    await inject('POST', '/api/screens', screenBody('b', 'gate', { defaultPlaylistId: 'p1' }))
    await inject('POST', '/api/screens', screenBody('c', 'gate', { defaultPlaylistId: 'p2' }))
    const result = await publish('p1')
    expect(result.screens.map((s: { screenId: string }) => s.screenId).sort()).toEqual(['a', 'b'])
  })

  it('lists the assets of every item in the document manifest', async () => {
    const { makePng, multipart } = await import('../helpers/files')
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/media',
      ...multipart([{ filename: 'gate.png', data: makePng(64, 32) }]),
    })
    const media = upload.json()
    await inject('POST', '/api/playlists', {
      id: 'loop',
      name: 'Loop',
      items: [{ kind: 'image', mediaId: media.id, durationMs: 5000, fit: 'cover' }, slide('s1', 'One')],
    })
    await inject('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'loop' }))
    await publish('loop')
    const doc = (await inject('GET', '/api/screens/led/document')).json()
    expect(doc.assets).toEqual([
      { url: media.url, sha256: media.sha256, bytes: media.bytes, contentType: 'image/png' },
    ])
    expect(doc.playlists.loop.items[0]).toMatchObject({
      kind: 'image',
      fit: 'cover',
      media: { url: media.url, width: 64 },
    })
    const file = await t.app.inject({ method: 'GET', url: media.url })
    expect(file.statusCode).toBe(200)
    expect(file.headers['cache-control']).toContain('immutable')
  })
})

describe('playlists API: bad input gets a 4xx a person can act on, and changes nothing', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a missing name', { items: [] }, /needs the field "name"/],
    [
      'a duration below the minimum',
      { name: 'x', items: [slide('s', 'x', 10)] },
      /items\[0\]\.durationMs must be at least 1000/,
    ],
    [
      'a duration above the maximum',
      { name: 'x', items: [slide('s', 'x', 3_600_001)] },
      /must be at most 3600000/,
    ],
    ['a fractional duration', { name: 'x', items: [slide('s', 'x', 1500.5)] }, /durationMs/],
    ['an unknown item kind', { name: 'x', items: [{ kind: 'hologram', durationMs: 5000 }] }, /kind/],
    [
      'an image without a medium',
      { name: 'x', items: [{ kind: 'image', durationMs: 5000 }] },
      /needs the field "mediaId"/,
    ],
    [
      'a slide without Vietnamese',
      { name: 'x', items: [{ kind: 'slide', durationMs: 5000, text: { en: { title: 'Hi' } } }] },
      /vi/,
    ],
    ['an unknown field', { name: 'x', items: [], colour: 'red' }, /unknown field "colour"/],
    ['an id that is not a slug', { id: '../etc', name: 'x', items: [] }, /id/],
  ]
  for (const [what, body, message] of cases) {
    it(`refuses ${what}`, async () => {
      const res = await inject('POST', '/api/playlists', body)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringMatching(message),
      })
      expect((await inject('GET', '/api/playlists')).json()).toEqual([])
    })
  }

  it('refuses a body that is not JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/playlists',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBeTruthy()
  })

  it('refuses an item that names a medium that does not exist, leaving the draft as it was', async () => {
    await inject('POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [slide('s1', 'One')] })
    const res = await inject('PUT', '/api/playlists/loop', {
      name: 'Renamed',
      items: [slide('s1', 'One'), { kind: 'image', mediaId: 'm-missing', durationMs: 5000 }],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/items\[1\]: medium "m-missing" does not exist/)
    expect((await inject('GET', '/api/playlists/loop')).json()).toMatchObject({
      name: 'Loop',
      draftRevision: 1,
      items: [{ id: 's1' }],
    })
  })

  it('refuses the same item id twice', async () => {
    const res = await inject('POST', '/api/playlists', {
      name: 'x',
      items: [slide('s1', 'A'), slide('s1', 'B')],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/appears twice/)
  })

  it('answers 404 for unknown playlists, on every verb', async () => {
    for (const [method, url] of [
      ['GET', '/api/playlists/nope'],
      ['PUT', '/api/playlists/nope'],
      ['DELETE', '/api/playlists/nope'],
      ['POST', '/api/playlists/nope/publish'],
    ] as const) {
      const res = await inject(method, url, method === 'PUT' ? { name: 'x', items: [] } : undefined)
      expect(res.statusCode, `${method} ${url}`).toBe(404)
      expect(res.json().message).toBe('Playlist "nope" does not exist.')
    }
  })

  it('will not delete a playlist that a screen plays by default (409 naming the screens)', async () => {
    await inject('POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [] })
    await inject('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'loop' }))
    const res = await inject('DELETE', '/api/playlists/loop')
    expect(res.statusCode).toBe(409)
    expect(res.json().details).toEqual({ screens: ['led'], layouts: [], schedules: [] })
  })
})

describe('playlists as listed, read again only when they change', () => {
  const titles = async () =>
    Object.fromEntries(
      (
        (await inject('GET', '/api/playlists')).json() as {
          id: string
          items: { text: { vi: { title: string } } }[]
        }[]
      ).map((p) => [p.id, p.items.map((i) => i.text.vi.title)]),
    )

  it('shows each edit, and a playlist deleted and another made', async () => {
    await inject('POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [slide('s1', 'One')] })
    expect(await titles()).toEqual({ loop: ['One (vi)'] })
    await inject('PUT', '/api/playlists/loop', {
      name: 'Loop',
      items: [slide('s1', 'Two'), slide('s2', 'Three')],
    })
    expect(await titles()).toEqual({ loop: ['Two (vi)', 'Three (vi)'] })
    expect((await inject('DELETE', '/api/playlists/loop')).statusCode).toBe(204)
    // A deleted playlist's id is never used again (tests/api/deleted-objects.test.ts).
    await inject('POST', '/api/playlists', { id: 'loop-2', name: 'Loop', items: [slide('s9', 'Again')] })
    expect(await titles()).toEqual({ 'loop-2': ['Again (vi)'] })
  })

  it('shows a change another node wrote to the shared database', async () => {
    await inject('POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [slide('s1', 'One')] })
    expect(await titles()).toEqual({ loop: ['One (vi)'] })
    const other = await openSameDatabase(t)
    try {
      other.transaction(() => {
        // B's edit, made in code so the statement is the same on both engines.
        const read = other.prepare("SELECT settings FROM playlist_items WHERE playlist_id = 'loop'").pluck()
        const settings = JSON.parse(read.get() as string) as { text: { vi: { title: string } } }
        settings.text.vi.title = 'From B'
        other
          .prepare("UPDATE playlist_items SET settings = ? WHERE playlist_id = 'loop'")
          .run(JSON.stringify(settings))
        other.prepare("UPDATE playlists SET draft_revision = draft_revision + 1 WHERE id = 'loop'").run()
      })()
    } finally {
      other.close()
    }
    // A request sent after B's commit arrives in a later turn of the event loop, where this
    // node checks the database for other writers (server/db/generation.ts).
    await nextTurn()
    expect(await titles()).toEqual({ loop: ['From B'] })
  })
})
