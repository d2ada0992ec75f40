import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { IMAGE_PIXELS_MAX } from '@playlists/limits'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { makeApng, makeZip, multipart } from '../helpers/files'
import { readVideo } from '../helpers/media'

/**
 * Polyglots: a real picture or video with something else glued after its end (an HTML page, a
 * ZIP archive), for every playable format. Chromium would show the picture, but the library
 * keeps nothing it cannot account for. Declared canvases: a GIF or WebP whose header announces a
 * picture far larger than its pixels, or a GIF frame off its picture. The other attacks are tested where their checks live: SVG with script and archives in
 * media-refusals.test.ts, truncated media and names in media.test.ts, decompression bombs in
 * media-refusals.test.ts, a stalled client in media-stall.test.ts.
 */

let t: TestApp
let png: Buffer
let jpeg: Buffer
let gif: Buffer
let webp: Buffer
/** Three frames of 48×24. */
let animatedGif: Buffer
let animatedWebp: Buffer
const html = Buffer.from('<html><body><script>fetch("/api/users")</script></body></html>')
/**
 * A GIF was only checked for ending in its trailer byte ";", so a polyglot ends in one: HTML
 * with a last ";" and a ZIP whose comment (the archive's last bytes) is ";". ZIP readers find
 * the archive from its end whatever comes before it.
 */
const htmlEndingInSemicolon = Buffer.from('<html><body><script>fetch("/api/users");</script></body></html>;')
const zip = () => makeZip({ 'a.html': html }, ';')

beforeAll(async () => {
  t = await createTestApp()
  const frame = (red: number) =>
    sharp({ create: { width: 48, height: 24, channels: 3, background: { r: red, g: 20, b: 30 } } })
  const picture = frame(180)
  png = await picture.clone().png().toBuffer()
  jpeg = await picture.clone().jpeg().toBuffer()
  gif = await picture.clone().gif().toBuffer()
  webp = await picture.clone().webp().toBuffer()
  const frames = await Promise.all([20, 120, 220].map((red) => frame(red).png().toBuffer()))
  const animation = () => sharp(frames, { join: { animated: true } })
  animatedGif = await animation().gif({ loop: 0, delay: 200 }).toBuffer()
  animatedWebp = await animation().webp({ loop: 0, delay: 200 }).toBuffer()
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

/** A WebP whose RIFF header claims the data glued after it, so the header alone looks whole. */
function webpCovering(extra: Buffer): Buffer {
  const file = Buffer.concat([webp, extra])
  file.writeUInt32LE(file.length - 8, 4)
  return file
}

/** The first frame's image descriptor: 0x2C, then left, top, width and height (little-endian). */
function gifFrameAt(file: Buffer, width: number, height: number): number {
  const descriptor = Buffer.alloc(9)
  descriptor[0] = 0x2c
  descriptor.writeUInt16LE(width, 5)
  descriptor.writeUInt16LE(height, 7)
  const at = file.indexOf(descriptor)
  if (at < 0) throw new Error('no frame at 0,0 of that size')
  return at
}

describe('upload attacks: polyglots', () => {
  it.each([
    ['a JPEG followed by an HTML page', () => Buffer.concat([jpeg, html]), 'x.jpg'],
    ['a JPEG followed by a ZIP archive', () => Buffer.concat([jpeg, zip()]), 'x.jpg'],
    ['a PNG followed by an HTML page', () => Buffer.concat([png, html]), 'x.png'],
    ['a PNG followed by a ZIP archive', () => Buffer.concat([png, zip()]), 'x.png'],
    ['an animated PNG followed by an HTML page', () => Buffer.concat([makeApng(8, 8), html]), 'x.png'],
    ['a GIF followed by an HTML page', () => Buffer.concat([gif, htmlEndingInSemicolon]), 'x.gif'],
    ['a GIF followed by a ZIP archive', () => Buffer.concat([gif, zip()]), 'x.gif'],
    ['an animated GIF followed by a ZIP archive', () => Buffer.concat([animatedGif, zip()]), 'x.gif'],
    ['a WebP followed by an HTML page', () => Buffer.concat([webp, html]), 'x.webp'],
    ['a WebP followed by a ZIP archive', () => Buffer.concat([webp, zip()]), 'x.webp'],
    ['a WebP whose RIFF size covers an HTML page', () => webpCovering(html), 'x.webp'],
    ['a WebP whose RIFF size covers a ZIP archive', () => webpCovering(zip()), 'x.webp'],
    [
      'an animated WebP whose RIFF size covers a ZIP archive',
      () => {
        const file = Buffer.concat([animatedWebp, zip()])
        file.writeUInt32LE(file.length - 8, 4)
        return file
      },
      'x.webp',
    ],
  ])('refuses %s (422), saying what it carries, and keeps nothing', async (_what, data, name) => {
    const before = libraryFiles()
    const res = await upload(name, 'application/octet-stream', data())
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().message).toMatch(/other data after the picture/)
    expect(res.json().details).toMatchObject({ trailingBytes: expect.any(Number), kind: 'image' })
    expect(res.json().details.trailingBytes).toBeGreaterThan(0)
    expect(libraryFiles()).toEqual(before)
    expect(t.app.repos.media.list()).toHaveLength(0)
  })

  it.each([
    ['an MP4 followed by an HTML page', () => Buffer.concat([readVideo('h264.mp4'), html]), 'x.mp4'],
    ['an MP4 followed by a ZIP archive', () => Buffer.concat([readVideo('h264.mp4'), zip()]), 'x.mp4'],
    ['a WebM followed by an HTML page', () => Buffer.concat([readVideo('vp8.webm'), html]), 'x.webm'],
    ['a WebM followed by a ZIP archive', () => Buffer.concat([readVideo('vp8.webm'), zip()]), 'x.webm'],
  ])('refuses %s (422), saying what it carries', async (_what, data, name) => {
    const res = await upload(name, 'application/octet-stream', data())
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().message).toMatch(/other data after its end/)
    expect(res.json().details).toMatchObject({ kind: 'video' })
    expect(res.json().details.trailingBytes).toBeGreaterThan(0)
    expect(t.app.repos.media.list()).toHaveLength(0)
  })

  it('refuses a WebP whose RIFF size is shorter than its chunks, as damaged (422)', async () => {
    const file = Buffer.from(webp)
    file.writeUInt32LE(file.length - 8 - 10, 4)
    const res = await upload('short.webp', 'image/webp', file)
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().message).toMatch(/could not be read/)
  })

  it('accepts a camera JPEG with a little zero padding after its end', async () => {
    const res = await upload('camera.jpg', 'image/jpeg', Buffer.concat([jpeg, Buffer.alloc(32)]))
    expect(res.statusCode).toBe(201)
  })

  it.each([
    ['plain.png', () => png],
    ['plain.jpg', () => jpeg],
    ['animated.png', () => makeApng(48, 24)],
    ['plain.gif', () => gif],
    ['animated.gif', () => animatedGif],
    ['plain.webp', () => webp],
    ['animated.webp', () => animatedWebp],
  ])('accepts the plain picture %s the polyglots were made from, measured as shown', async (name, data) => {
    const res = await upload(name, 'application/octet-stream', data())
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ kind: 'image', width: 48, height: 24 })
  })

  it.each([
    ['an MP4', 'h264.mp4'],
    ['a WebM', 'vp8.webm'],
  ] as const)('accepts %s the video polyglots were made from', async (_what, name) => {
    expect((await upload(name, 'application/octet-stream', readVideo(name))).statusCode).toBe(201)
  })
})

describe('upload attacks: declared canvases', () => {
  it('refuses a GIF whose logical screen is 60000×60000 around a 1×1 frame (413), like a PNG bomb', async () => {
    const bomb = Buffer.from(gif)
    bomb.writeUInt16LE(60_000, 6)
    bomb.writeUInt16LE(60_000, 8)
    const frame = gifFrameAt(bomb, 48, 24)
    bomb.writeUInt16LE(1, frame + 5)
    bomb.writeUInt16LE(1, frame + 7)
    const res = await upload('bomb.gif', 'image/gif', bomb)
    expect(res.statusCode, res.body).toBe(413)
    expect(res.json().message).toMatch(/60000×60000 pixels \(3600 megapixels\); the limit is 100 megapixels/)
    expect(res.json().details).toEqual({ width: 60_000, height: 60_000, limitPixels: IMAGE_PIXELS_MAX })
  })

  it('refuses a GIF with a frame reaching outside its logical screen (422), naming the frame', async () => {
    const file = Buffer.from(gif)
    file.writeUInt16LE(10, gifFrameAt(file, 48, 24) + 1) // left: 10 + 48 > 48
    const res = await upload('shifted.gif', 'image/gif', file)
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().message).toMatch(
      /frame 1 \(48×24 at 10,0\) reaches outside the picture, which is 48×24/,
    )
    expect(res.json().details).toEqual({
      refused: 'frame-outside',
      frame: 1,
      frameRect: { left: 10, top: 0, width: 48, height: 24 },
      canvas: { width: 48, height: 24 },
    })
  })

  it('refuses a WebP declaring a 16000×16000 canvas (413) by its size, not as damaged', async () => {
    const file = Buffer.from(animatedWebp)
    file.writeUIntLE(16_000 - 1, 12 + 8 + 4, 3) // VP8X canvas width − 1
    file.writeUIntLE(16_000 - 1, 12 + 8 + 7, 3) // and height − 1
    const res = await upload('huge.webp', 'image/webp', file)
    expect(res.statusCode, res.body).toBe(413)
    expect(res.json().details).toEqual({ width: 16_000, height: 16_000, limitPixels: IMAGE_PIXELS_MAX })
  })

  it('measures a GIF by its logical screen, the size Chromium shows it at', async () => {
    const file = Buffer.from(gif)
    file.writeUInt16LE(4000, 6)
    file.writeUInt16LE(3000, 8)
    const res = await upload('framed.gif', 'image/gif', file)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ width: 4000, height: 3000 })
  })
})
