import { loopLength, nextChange, resolve, TIMELINE_ENTRIES_MAX, timeline } from '@playlists/timeline'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { documentWith, item } from '../helpers/documents'

const EPOCH = Date.UTC(2026, 0, 1)
// Three items of different lengths: a 10 s loop.
const doc = documentWith([item('a', 2_000), item('b', 5_000), item('c', 3_000)], EPOCH)

const at = (ms: number) => resolve(doc, EPOCH + ms).playing

describe('timeline: resolve', () => {
  it('shows the first item at the anchor instant', () => {
    expect(at(0)).toMatchObject({ index: 0, loop: 0, startMs: EPOCH, endMs: EPOCH + 2_000 })
    expect(at(0)?.item.id).toBe('a')
  })

  it('treats item ends as exclusive: at the exact end the next item shows', () => {
    expect(at(1_999)?.item.id).toBe('a')
    expect(at(2_000)?.item.id).toBe('b')
    expect(at(6_999)?.item.id).toBe('b')
    expect(at(7_000)?.item.id).toBe('c')
  })

  it('loops back to the first item after the last, counting loops', () => {
    expect(at(9_999)?.item.id).toBe('c')
    expect(at(10_000)).toMatchObject({ index: 0, loop: 1, startMs: EPOCH + 10_000 })
    expect(at(10_000 * 1_000 + 2_500)).toMatchObject({ index: 1, loop: 1_000 })
  })

  it('gives items of different durations their own lengths', () => {
    expect(at(3_000)).toMatchObject({ startMs: EPOCH + 2_000, endMs: EPOCH + 7_000 })
    expect(at(8_000)).toMatchObject({ startMs: EPOCH + 7_000, endMs: EPOCH + 10_000 })
  })

  it('plays the loop backwards in time for instants before the anchor', () => {
    // One loop before the anchor starts at -10 s, so -1 ms is the last millisecond of "c".
    expect(at(-1)).toMatchObject({ index: 2, loop: -1, startMs: EPOCH - 3_000, endMs: EPOCH })
    expect(at(-10_000)).toMatchObject({ index: 0, loop: -1, startMs: EPOCH - 10_000 })
    expect(at(-10_001)).toMatchObject({ index: 2, loop: -2 })
  })

  it('is the same for every caller at the same instant (no clock, no state)', () => {
    const t = EPOCH + 123_456_789
    expect(resolve(doc, t)).toEqual(resolve(structuredClone(doc), t))
  })

  it('plays nothing when the screen has no playlist or an empty one', () => {
    expect(resolve(documentWith([], EPOCH), EPOCH).playing).toBeNull()
    expect(resolve(documentWith([item('a', 1000)], EPOCH, null), EPOCH).playing).toBeNull()
    expect(nextChange(documentWith([], EPOCH), EPOCH)).toBeNull()
  })

  it('refuses instants that are not finite numbers', () => {
    expect(() => resolve(doc, Number.NaN)).toThrow(RangeError)
    expect(() => resolve(doc, Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('timeline: nextChange', () => {
  it('is the end of the current item', () => {
    expect(nextChange(doc, EPOCH)).toBe(EPOCH + 2_000)
    expect(nextChange(doc, EPOCH + 2_000)).toBe(EPOCH + 7_000)
    expect(nextChange(doc, EPOCH + 9_999)).toBe(EPOCH + 10_000)
  })

  it('restarts a one-item playlist at every loop', () => {
    const single = documentWith([item('only', 4_000)], EPOCH)
    expect(nextChange(single, EPOCH + 1)).toBe(EPOCH + 4_000)
    expect(resolve(single, EPOCH + 4_000).playing).toMatchObject({ loop: 1, startMs: EPOCH + 4_000 })
  })

  it('always lies strictly after the instant asked about, and the item changes there', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (offset) => {
        const t = EPOCH + offset
        const next = nextChange(doc, t)!
        expect(next).toBeGreaterThan(t)
        const before = resolve(doc, next - 1).playing!
        const after = resolve(doc, next).playing!
        expect(after.startMs).toBe(next)
        expect(before.endMs).toBe(next)
      }),
    )
  })
})

describe('timeline: timeline(from, to)', () => {
  it('covers the range with contiguous, non-overlapping entries that agree with resolve', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: 60_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -1e10, max: 1e10 }),
        fc.integer({ min: 1, max: 600_000 }),
        (durations, start, span) => {
          const d = documentWith(
            durations.map((ms, i) => item(`i${i}`, ms)),
            EPOCH,
          )
          const from = EPOCH + start
          const entries = timeline(d, from, from + span)
          expect(entries[0]!.startMs).toBe(from)
          expect(entries.at(-1)!.endMs).toBe(from + span)
          for (let i = 1; i < entries.length; i++) expect(entries[i]!.startMs).toBe(entries[i - 1]!.endMs)
          for (const e of entries) {
            expect(e.endMs).toBeGreaterThan(e.startMs)
            expect(resolve(d, e.startMs).playing?.item.id).toBe(e.itemId)
            expect(resolve(d, e.endMs - 1).playing?.item.id).toBe(e.itemId)
          }
        },
      ),
    )
  })

  it('refuses ranges that would produce an absurd number of entries', () => {
    const tiny = documentWith([item('a', 1_000)], EPOCH)
    expect(() => timeline(tiny, EPOCH, EPOCH + (TIMELINE_ENTRIES_MAX + 1) * 1_000)).toThrow(/shorter range/)
  })

  it('measures loop length as the sum of durations', () => {
    expect(loopLength(doc.playlists.pl!.items)).toBe(10_000)
  })
})
