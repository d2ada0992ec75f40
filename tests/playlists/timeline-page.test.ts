import type { ScheduleRule } from '@playlists/schemas/schedule'
import { instantOf } from '@playlists/time/zone'
import { sameStretch, type TimelineEntry, timeline, timelinePage } from '@playlists/timeline'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { documentWith, item, playlist, rule } from '../helpers/documents'

/**
 * The timeline read a page at a time (issue 16): what the API answers without walking more than a
 * page of items, and by segment without walking items at all.
 */

const HCM = 'Asia/Ho_Chi_Minh'
const DAY = 86_400_000
const vn = (d: number, h: number, mi = 0) => instantOf(HCM, { year: 2026, month: 12, day: d }, h * 60 + mi)

const PLAYLISTS = [
  playlist('evening', [item('e1', 7_000), item('e2', 11_000)]),
  playlist('promo', [item('p1', 5_000)]),
]
const hhmm = (half: number) => `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`
const arbRule = fc
  .record({
    start: fc.integer({ min: 0, max: 47 }),
    length: fc.integer({ min: 1, max: 20 }),
    priority: fc.integer({ min: 0, max: 100 }),
    promo: fc.boolean(),
    cron: fc.boolean(),
  })
  .map(
    ({ start, length, priority, promo, cron }): Omit<ScheduleRule, 'id'> => ({
      ...rule('x', promo ? 'promo' : 'evening'),
      priority,
      window: cron ? null : { start: hhmm(start), end: hhmm((start + length) % 48) },
      cron: cron ? { expression: `${start} */3 * * *`, durationMinutes: length * 10 } : null,
    }),
  )
const arbDocument = fc
  .record({
    rules: fc.array(arbRule, { maxLength: 5 }),
    override: fc.option(
      fc.record({ start: fc.integer({ min: 0, max: 2 * DAY }), ms: fc.integer({ min: 1, max: DAY }) }),
    ),
  })
  .map(({ rules, override }) =>
    documentWith([item('d1', 9_000), item('d2', 4_000)], 0, 'default', {
      playlists: PLAYLISTS,
      rules: rules.map((r, i) => ({ ...r, id: `r${i}` })),
      overrides: override
        ? [
            {
              id: 'storm',
              text: { vi: { title: 'Bão', body: '' } },
              startsAtMs: vn(1, 0) + override.start,
              endsAtMs: vn(1, 0) + override.start + override.ms,
            },
          ]
        : [],
    }),
  )

/** What the route did before pages: the item timeline, consecutive entries of one playlist, rule and override joined. */
function bySegment(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = []
  for (const e of entries) {
    const last = out.at(-1)
    if (last && sameStretch(last, e)) last.endMs = e.endMs
    else out.push({ ...e, itemId: null, index: null })
  }
  return out
}

/** Every page from `from`, each starting where the previous one stopped. */
function allPages(
  document: ReturnType<typeof documentWith>,
  from: number,
  to: number,
  granularity: 'item' | 'segment',
  max: number,
): TimelineEntry[] {
  const out: TimelineEntry[] = []
  for (let at = from; at < to; ) {
    const page = timelinePage(document, at, to, { granularity, max })
    expect(page.entries.length).toBeLessThanOrEqual(max)
    expect(page.until).toBeGreaterThan(at)
    expect(page.entries[0]!.startMs).toBe(at)
    expect(page.entries.at(-1)!.endMs).toBe(page.until)
    out.push(...page.entries)
    at = page.until
  }
  return out
}

describe('timeline pages', () => {
  it('by segment, gives what joining the item timeline gives, without walking items', () => {
    fc.assert(
      fc.property(
        arbDocument,
        fc.integer({ min: 0, max: DAY }),
        fc.integer({ min: 1, max: 2 * DAY }),
        (d, start, span) => {
          const from = vn(1, 0) + start
          const page = timelinePage(d, from, from + span, { granularity: 'segment', max: 1_000_000 })
          expect(page.until).toBe(from + span)
          expect(page.entries).toEqual(bySegment(timeline(d, from, from + span)))
        },
      ),
      { numRuns: 30 },
    )
  })

  it('read page after page, item by item, is the whole timeline', () => {
    fc.assert(
      fc.property(arbDocument, fc.integer({ min: 1, max: 40 }), (d, max) => {
        const from = vn(1, 17)
        const to = from + 4 * 3_600_000
        expect(allPages(d, from, to, 'item', max)).toEqual(timeline(d, from, to))
      }),
      { numRuns: 40 },
    )
  })

  it('read page after page by segment, is the whole timeline once a stretch cut at a page end is joined', () => {
    fc.assert(
      fc.property(arbDocument, fc.integer({ min: 1, max: 10 }), (d, max) => {
        const from = vn(1, 0)
        const to = from + 3 * DAY
        expect(bySegment(allPages(d, from, to, 'segment', max))).toEqual(
          timelinePage(d, from, to, { granularity: 'segment', max: 1_000_000 }).entries,
        )
      }),
      { numRuns: 40 },
    )
  })

  it('stops at `max` even where an emergency message splits the entries', () => {
    const d = documentWith([item('a', 10_000)], 0, 'pl', {
      overrides: [
        {
          id: 'storm',
          text: { vi: { title: 'Bão', body: '' } },
          startsAtMs: vn(1, 8, 0) + 5_000,
          endsAtMs: vn(1, 9),
        },
      ],
    })
    const page = timelinePage(d, vn(1, 8), vn(1, 10), { max: 3 })
    expect(page.entries).toHaveLength(3)
    expect(page.entries.map((e) => e.overrideId)).toEqual([null, 'storm', 'storm'])
    expect(page.until).toBe(page.entries[2]!.endMs)
  })

  it('walks a quarter by segment in one page when the schedule is ordinary', () => {
    const d = documentWith([item('a', 1_000)], 0, 'pl', {
      playlists: PLAYLISTS,
      rules: [rule('evening', 'evening', { window: { start: '18:00', end: '22:00' } })],
    })
    // One-second items: the old route walked 7.9 million of them and answered 500.
    const page = timelinePage(d, vn(1, 0), vn(1, 0) + 92 * DAY, { granularity: 'segment', max: 10_000 })
    expect(page.until).toBe(vn(1, 0) + 92 * DAY)
    expect(page.entries).toHaveLength(2 * 92 + 1)
  })

  it('refuses a page of no entries', () => {
    expect(() => timelinePage(documentWith([item('a', 1_000)]), 0, 1_000, { max: 0 })).toThrow(RangeError)
  })
})
