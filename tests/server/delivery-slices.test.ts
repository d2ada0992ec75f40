import { Publisher } from '@server/publishing/publisher'
import type { PublishedDocument } from '@server/repositories/documents'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * A publish reaching more screens than one delivery slice goes out over several turns of the
 * event loop; Publisher.idle() tells when the last slice is out (players' acknowledgements wait
 * for it), and a delivery that throws never leaves anyone waiting.
 */
let t: TestApp
/** Small slices: the production size (DELIVERY_SLICE) would need ten thousand screens. */
const SLICE = 100
const SCREENS = SLICE + 5
const ids = Array.from({ length: SCREENS }, (_, i) => `slice-${String(i).padStart(4, '0')}`)

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  const { repos } = t.app
  repos.playlists.create({
    id: 'slices',
    name: 'Slices',
    items: [
      {
        id: 's1',
        kind: 'slide',
        durationMs: 5_000,
        text: { vi: { title: 'Chào' }, zh: { title: '欢迎' }, en: { title: 'Welcome' } },
      },
    ],
  } as never)
  t.app.approvals.approveAsSystem([{ type: 'playlist', id: 'slices' }], 'test setup')
  t.app.db.transaction(() => {
    for (const id of ids)
      repos.screens.create({ id, siteId: 'chi-ma', name: id, width: 1920, height: 1080 } as never)
  })()
}, 60_000)
afterAll(() => t?.close())

/** A publisher handing each document to `deliver`, and each slice's length to `slices`. */
const publisher = (deliver: (d: PublishedDocument) => void, slices: number[] = []) =>
  new Publisher(
    t.app.db,
    t.app.repos,
    t.app.clock,
    (documents) => {
      slices.push(documents.length)
      for (const d of documents) deliver(d)
    },
    undefined,
    SLICE,
  )

describe('delivery in slices', () => {
  it('hands out the first slice at once and the rest on later turns, then says it is idle', async () => {
    const delivered: string[] = []
    const slices: number[] = []
    const p = publisher((d) => delivered.push(d.screenId), slices)
    expect(p.idle()).toBeNull()
    // Every screen gets the playlist: a new document each.
    t.app.db.prepare("UPDATE screens SET default_playlist_id = 'slices' WHERE id LIKE 'slice-%'").run()
    const pushed = p.republish(ids)
    expect(pushed).toHaveLength(SCREENS)
    expect(delivered).toHaveLength(SLICE)
    const idle = p.idle()
    expect(idle).not.toBeNull()
    await idle
    expect(delivered).toEqual(ids)
    expect(slices).toEqual([SLICE, 5])
    expect(p.idle()).toBeNull()
  })

  it('is idle again when a delivery throws, and the documents stay stored', () => {
    let calls = 0
    const p = publisher(() => {
      if (++calls === 10) throw new Error('socket gone')
    })
    t.app.db.prepare("UPDATE screens SET width = 1921 WHERE id LIKE 'slice-%'").run()
    expect(() => p.republish(ids)).toThrow('socket gone')
    expect(p.idle()).toBeNull()
    expect(t.app.repos.documents.latest(ids[0]!)?.screen.width).toBe(1921)
  })
})
