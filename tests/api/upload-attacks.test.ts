import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { makeZip, multipart } from '../helpers/files'

/**
 * Polyglots: a real picture with something else glued after its end (an HTML page, a ZIP
 * archive). Chromium would show the picture, but the library keeps nothing it cannot account
 * for. The other attacks are tested where their checks live: SVG with script and archives in
 * media-refusals.test.ts, truncated media and names in media.test.ts, decompression bombs in
 * media-refusals.test.ts, a stalled client in media-stall.test.ts.
 */

let t: TestApp
let png: Buffer
let jpeg: Buffer
const html = Buffer.from('<html><body><script>fetch("/api/users")</script></body></html>')

beforeAll(async () => {
  t = await createTestApp()
  const picture = sharp({
    create: { width: 48, height: 24, channels: 3, background: { r: 180, g: 20, b: 30 } },
  })
  png = await picture.clone().png().toBuffer()
  jpeg = await picture.clone().jpeg().toBuffer()
})
afterAll(async () => {
  await t?.close()
})

const upload = (filename: string, contentType: string, data: Buffer) =>
  t.app.inject({ method: 'POST', url: '/api/media', ...multipart([{ filename, contentType, data }]) })

/** Nothing of a refused upload stays: no medium, no file, nothing half-written. */
function libraryFiles(): string[] {
  const dir = join(t.dataDir, 'media')
  return [...readdirSync(dir), ...readdirSync(join(dir, '.incoming')).map((f) => `.incoming/${f}`)]
}

describe('upload attacks: polyglots', () => {
  it.each([
    ['a JPEG followed by an HTML page', () => Buffer.concat([jpeg, html]), 'x.jpg', 'image/jpeg'],
    [
      'a JPEG followed by a ZIP archive',
      () => Buffer.concat([jpeg, makeZip({ 'a.html': html })]),
      'x.jpg',
      'image/jpeg',
    ],
    ['a PNG followed by an HTML page', () => Buffer.concat([png, html]), 'x.png', 'image/png'],
    [
      'a PNG followed by a ZIP archive',
      () => Buffer.concat([png, makeZip({ 'a.html': html })]),
      'x.png',
      'image/png',
    ],
  ])('refuses %s (422), saying what it carries, and keeps nothing', async (_what, data, name, type) => {
    const before = libraryFiles()
    const res = await upload(name, type, data())
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toMatch(/other data after the picture/)
    expect(res.json().details.trailingBytes).toBeGreaterThan(0)
    expect(libraryFiles()).toEqual(before)
    expect(t.app.repos.media.list()).toHaveLength(0)
  })

  it('accepts a camera JPEG with a little zero padding after its end', async () => {
    const res = await upload('camera.jpg', 'image/jpeg', Buffer.concat([jpeg, Buffer.alloc(32)]))
    expect(res.statusCode).toBe(201)
  })

  it('accepts the plain pictures the polyglots were made from', async () => {
    expect((await upload('plain.png', 'image/png', png)).statusCode).toBe(201)
    expect((await upload('plain.jpg', 'image/jpeg', jpeg)).statusCode).toBe(201)
  })
})
