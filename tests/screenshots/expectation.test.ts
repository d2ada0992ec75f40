import type { DocumentItem } from '@playlists/schemas/items'
import { contentMoved, powerAt, swapNeighbours } from '@server/screenshots/expectation'
import { describe, expect, it } from 'vitest'
import { documentWith, item } from '../helpers/documents'

const CLIP = {
  id: 'clip',
  url: '/media/clip.mp4',
  contentType: 'video/mp4',
  sha256: 'a'.repeat(64),
  bytes: 1000,
  width: 1920,
  height: 1080,
  durationMs: 60_000,
}
const video = (id: string, durationMs: number): DocumentItem => ({
  id,
  kind: 'video',
  durationMs,
  media: CLIP,
  fit: 'contain',
  sound: false,
})

const S = 1000

describe('what the document says about two captures', () => {
  it('says a slide left alone has not moved, and the next slide has', () => {
    const doc = documentWith([item('a', 20 * S), item('b', 20 * S)])
    expect(contentMoved(doc, 2 * S, 12 * S)).toBe(false)
    expect(contentMoved(doc, 2 * S, 22 * S)).toBe(true)
    // The same slide a whole loop later has been shown again in between.
    expect(contentMoved(doc, 2 * S, 42 * S)).toBe(true)
  })

  it('says a playing video moves between any two captures', () => {
    const doc = documentWith([video('v', 60 * S)])
    doc.assets = [{ url: CLIP.url, sha256: CLIP.sha256, bytes: CLIP.bytes, contentType: CLIP.contentType }]
    expect(contentMoved(doc, 1 * S, 4 * S)).toBe(true)
  })
})

describe('the swaps beside a capture', () => {
  it('names the instants either side of a change of item within the tolerance, and none away from one', () => {
    const doc = documentWith([item('a', 20 * S), item('b', 20 * S)])
    // b starts at 20 s: a capture stamped a second after may show a, one a second before may show b.
    expect(swapNeighbours(doc, 21 * S, 2 * S)).toEqual([19 * S])
    expect(swapNeighbours(doc, 19 * S, 2 * S)).toEqual([21 * S])
    expect(swapNeighbours(doc, 10 * S, 2 * S)).toEqual([])
    // Just past the tolerance: the screen should long have swapped.
    expect(swapNeighbours(doc, 23 * S, 2 * S)).toEqual([])
  })

  it('does not count a video moving within one item as a swap', () => {
    const doc = documentWith([video('v', 60 * S)])
    doc.assets = [{ url: CLIP.url, sha256: CLIP.sha256, bytes: CLIP.bytes, contentType: CLIP.contentType }]
    expect(swapNeighbours(doc, 30 * S, 2 * S)).toEqual([])
    // Its own next loop is another showing: the picture jumps back to the start.
    expect(swapNeighbours(doc, 61 * S, 2 * S)).toEqual([59 * S])
  })
})

describe('the power plan at a capture', () => {
  it('reads the document’s plan in the screen’s time zone', () => {
    const doc = documentWith([item('a', 20 * S)])
    // Hà Nội time (UTC+7): open 06:00–22:00 every day, 40 % until 07:00, then full.
    doc.screen.power.plan = {
      hours: { mode: 'weekly', days: Array.from({ length: 7 }, () => [{ start: '06:00', end: '22:00' }]) },
      brightness: {
        mode: 'fixed',
        steps: [
          { from: '06:00', level: 40 },
          { from: '07:00', level: 100 },
        ],
        cap: null,
      },
    }
    const at = (h: number) => Date.UTC(2026, 11, 5, h - 7, 30)
    expect(powerAt(doc, at(3))).toEqual({ on: false, brightness: 0 })
    expect(powerAt(doc, at(6))).toEqual({ on: true, brightness: 40 })
    expect(powerAt(doc, at(12))).toEqual({ on: true, brightness: 100 })
  })
})
