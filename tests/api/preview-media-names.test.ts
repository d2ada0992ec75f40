import type { Media } from '@playlists/schemas/media'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * Media file names for the preview (issue 17): a viewer may preview a screen but not read the
 * media library, and should still read "Image · mau-son-mountain.jpg", not an item id.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ seed: true })
})
afterAll(() => t?.close())

const names = (query: string, headers: Record<string, string> = t.team.viewer.headers) =>
  t.app.inject({ method: 'GET', url: `/api/preview/media-names${query}`, headers })

describe('media names for the preview', () => {
  it('names media by id for anyone who may preview, leaving out ids that name nothing', async () => {
    const media = (await t.app.inject({ method: 'GET', url: '/api/media' })).json() as Media[]
    const [a, b] = media
    if (!a || !b) throw new Error('the seed has media')
    // The library itself is not the viewer's to read.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/media', headers: t.team.viewer.headers })).statusCode,
    ).toBe(403)
    const res = await names(`?ids=${a.id},${b.id},${a.id},m-gone`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ [a.id]: a.name, [b.id]: b.name })
  })

  it('refuses a malformed or oversized list with a 400', async () => {
    expect((await names('')).statusCode).toBe(400)
    expect((await names('?ids=')).statusCode).toBe(400)
    expect((await names('?ids=A,b')).statusCode).toBe(400)
    expect(
      (await names(`?ids=${Array.from({ length: 101 }, (_, i) => `m-${i}`).join(',')}`)).statusCode,
    ).toBe(400)
  })
})
