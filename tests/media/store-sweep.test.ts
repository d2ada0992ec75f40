import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MediaStore } from '@server/media/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app'

/**
 * What a crash leaves in the media folder — a partial upload, a whole file whose library row was
 * never written, its thumbnail — is swept on start; what the library holds, files that are not
 * content-addressed, and (with other nodes sharing the folder) anything young enough to be
 * another node's upload in flight, stay.
 */

const sha = (c: string) => c.repeat(64)
let dir: string
let store: MediaStore

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatecast-sweep-'))
  store = new MediaStore(dir)
  await store.init()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function put(path: string, ageMs = 0): string {
  const full = join(dir, path)
  writeFileSync(full, 'x')
  const at = (Date.now() - ageMs) / 1000
  utimesSync(full, at, at)
  return full
}

describe('MediaStore.sweep', () => {
  it('removes orphans and partial uploads, keeps the library and foreign files', async () => {
    const kept = [
      put(`${sha('a')}.png`),
      put(`thumbs/${sha('a')}.jpg`),
      put('README.txt'),
      put('thumbs/notes'),
    ]
    const gone = [put(`${sha('b')}.mp4`), put(`thumbs/${sha('b')}.jpg`), put('.incoming/4f1e-partial')]
    const removed = await store.sweep(new Set([sha('a')]), Number.POSITIVE_INFINITY)
    expect(removed.sort()).toEqual([...gone].sort())
    for (const f of kept) expect(existsSync(f), f).toBe(true)
    for (const f of gone) expect(existsSync(f), f).toBe(false)
  })

  it('spares files written after the cut-off: another node may be finishing that upload', async () => {
    const young = [put(`${sha('c')}.webm`), put('.incoming/in-flight')]
    const old = [put(`${sha('d')}.jpg`, 20 * 60_000), put('.incoming/stalled', 20 * 60_000)]
    const removed = await store.sweep(new Set(), Date.now() - 10 * 60_000)
    expect(removed.sort()).toEqual([...old].sort())
    for (const f of young) expect(existsSync(f), f).toBe(true)
  })
})

describe('the media-sweep job', () => {
  it('removes, on a running server, an orphan older than any upload in flight, and nothing else', async () => {
    const t = await createTestApp({ seed: true })
    try {
      const media = join(t.dataDir, 'media')
      const library = t.app.repos.media.list().map((m) => join(media, m.url.replace(/^\/media\//, '')))
      expect(library.length).toBeGreaterThan(0)
      const at = (path: string, ageMs: number) => {
        writeFileSync(path, 'x')
        const s = (Date.now() - ageMs) / 1000
        utimesSync(path, s, s)
        return path
      }
      const old = at(join(media, `${sha('e')}.png`), 11 * 60_000)
      const young = at(join(media, `${sha('f')}.png`), 60_000)
      expect(t.app.jobs.names).toContain('media-sweep')
      t.app.jobs.run('media-sweep')
      await expect.poll(() => existsSync(old)).toBe(false)
      expect(existsSync(young)).toBe(true)
      for (const f of library) expect(existsSync(f), f).toBe(true)
    } finally {
      await t.close()
    }
  })
})
