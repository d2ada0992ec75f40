import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createTestApp,
  type Method,
  screenBody,
  siteBody,
  slide,
  succeed,
  type TestApp,
} from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { makePng, multipart } from '../helpers/files'

/** Issue 16 item 5, a deleted object stays deleted: a live version referring to something gone still compiles. */
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
