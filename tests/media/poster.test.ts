import { formatDuration, posterSvg, sevenSegmentPath } from '@server/media/poster'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

describe('video poster card', () => {
  it.each([
    [6000, '0:06'],
    [59_600, '1:00'],
    [754_000, '12:34'],
    [3_725_000, '1:02:05'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it('draws digits as strokes, with no text element, so it needs no fonts', () => {
    const svg = posterSvg({ width: 320, height: 180 }, { width: 1920, height: 1080, durationMs: 6000 })
    expect(svg).not.toMatch(/<text/)
    // "8" lights all seven segments; "1" lights two.
    expect(sevenSegmentPath('8', 0, 0, 10).match(/M/g)).toHaveLength(7)
    expect(sevenSegmentPath('1', 0, 0, 10).match(/M/g)).toHaveLength(2)
  })

  it('renders to an image of the card’s size with sharp', async () => {
    const svg = posterSvg({ width: 320, height: 180 }, { width: 1920, height: 1080, durationMs: 6000 })
    const png = await sharp(Buffer.from(svg)).png().toBuffer()
    expect(await sharp(png).metadata()).toMatchObject({ width: 320, height: 180 })
    // Not a blank card: the play button is blue, the background dark.
    const { dominant } = await sharp(png).stats()
    expect(dominant.r + dominant.g + dominant.b).toBeLessThan(200)
    const centre = await sharp(png).extract({ left: 140, top: 74, width: 4, height: 4 }).raw().toBuffer()
    expect(centre[2]).toBeGreaterThan(200) // blue, between the ring and the white triangle
  })
})
