import { deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { decodePng, isBlank, uniformShare } from '../../../player/kiosk/agent/blank'

/**
 * The agent's blank-page check (player/kiosk/agent/blank.ts) reads PNGs without an image library;
 * here it reads what sharp writes (every PNG filter) and what Chromium writes (tests/e2e).
 */

const png = (width: number, height: number, paint: (x: number, y: number) => [number, number, number]) => {
  const data = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 3)
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png({ adaptiveFiltering: true, compressionLevel: 6 })
    .toBuffer()
}

describe('blank frames', () => {
  it('decodes a PNG pixel for pixel, whichever filters the encoder chose', async () => {
    const gradient = await png(37, 23, (x, y) => [x * 6, y * 9, (x * y) % 256])
    const pixels = decodePng(gradient)
    const raw = await sharp(gradient).raw().toBuffer()
    expect(pixels).toMatchObject({ width: 37, height: 23, channels: 3 })
    expect(pixels.data.equals(raw)).toBe(true)
  })

  it('calls a white page and a black page blank', async () => {
    expect(isBlank(await png(160, 90, () => [255, 255, 255]))).toBe(true)
    expect(isBlank(await png(160, 90, () => [0, 0, 0]))).toBe(true)
  })

  it('does not call a slide with one short line of text blank', async () => {
    // A dark slide with a 20 × 3 px line: 60 of 14,400 pixels, what a title looks like at 160 px.
    const slide = await png(160, 90, (x, y) =>
      y >= 40 && y < 43 && x >= 70 && x < 90 ? [250, 250, 250] : [10, 30, 60],
    )
    expect(uniformShare(decodePng(slide))).toBeLessThan(0.998)
    expect(isBlank(slide)).toBe(false)
  })

  it('refuses what is not a PNG it can read', () => {
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow()
    const ihdr = Buffer.alloc(13)
    ihdr.writeUInt32BE(1, 0)
    ihdr.writeUInt32BE(1, 4)
    ihdr.set([16, 2, 0, 0, 0], 8)
    const chunk = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8)
      head.writeUInt32BE(body.length, 0)
      head.write(type, 4, 'latin1')
      return Buffer.concat([head, body, Buffer.alloc(4)])
    }
    const sixteenBit = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.alloc(7))),
      chunk('IEND', Buffer.alloc(0)),
    ])
    expect(() => decodePng(sixteenBit)).toThrow(/unsupported PNG/)
  })
})
