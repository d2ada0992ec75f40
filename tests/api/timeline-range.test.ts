import {
  TIMELINE_ITEM_RANGE_MAX_MS,
  TIMELINE_PAGE_ENTRIES_MAX,
  TIMELINE_SEGMENT_RANGE_MAX_MS,
  type TimelineAnswer,
} from '@playlists/schemas/timeline'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'

/**
 * The timeline API's bounds (issue 16): a range per granularity, refused past it with a 400 that
 * names the limit; at most TIMELINE_PAGE_ENTRIES_MAX per answer; never a 500.
 */

const NOW = Date.parse('2026-12-01T01:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ clock: () => NOW })
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  // One-second items, the shortest there are: the most entries a range can hold.
  await succeed(t.app, 'POST', '/api/playlists', {
    id: 'fast',
    name: 'Fast',
    items: [slide('f1', 'One', 1_000), slide('f2', 'Two', 1_000)],
  })
  await approveAndPublish(t.app, 'playlist', 'fast')
  await succeed(t.app, 'POST', '/api/screens', screenBody('a', 'gate', { defaultPlaylistId: 'fast' }))
  const evening = await succeed(t.app, 'POST', '/api/schedules', {
    name: 'Evening',
    playlistId: 'fast',
    target: { type: 'screen', id: 'a' },
    window: { start: '18:00', end: '22:00' },
  })
  await approveAndPublish(t.app, 'schedule', evening.id)
})
afterAll(() => t.close())

const timeline = (from: number, to: number, granularity?: 'item' | 'segment') =>
  t.app.inject({
    method: 'GET',
    url: `/api/screens/a/timeline?from=${iso(from)}&to=${iso(to)}${granularity ? `&granularity=${granularity}` : ''}`,
  })

describe('timeline API: ranges', () => {
  it('answers item by item up to three days, in pages, and refuses longer, naming the limit', async () => {
    const at = await timeline(NOW, NOW + TIMELINE_ITEM_RANGE_MAX_MS)
    expect(at.statusCode, at.body).toBe(200)
    const page: TimelineAnswer = at.json()
    // 259,200 one-second items: one page of them, and where the next one starts.
    expect(page.zones[0]!.entries).toHaveLength(TIMELINE_PAGE_ENTRIES_MAX)
    expect(page.next).toBe(page.zones[0]!.entries.at(-1)!.end)

    const past = await timeline(NOW, NOW + TIMELINE_ITEM_RANGE_MAX_MS + 1)
    expect(past.statusCode).toBe(400)
    expect(past.json().message).toMatch(/at most 3 days.*granularity=segment/)
    expect(past.json().details).toEqual([{ field: 'to', maxDays: 3 }])
  })

  it('answers by segment up to 92 days in one answer (28 answered 500), and refuses longer', async () => {
    for (const days of [28, 92]) {
      const res = await timeline(NOW, NOW + days * 86_400_000, 'segment')
      expect(res.statusCode, res.body).toBe(200)
      const answer: TimelineAnswer = res.json()
      expect(answer.next).toBeNull()
      // The default playlist and the evening entry, taking turns: two stretches a day.
      expect(answer.zones[0]!.entries.length).toBeGreaterThanOrEqual(2 * days)
      expect(answer.zones[0]!.entries.at(-1)!.end).toBe(iso(NOW + days * 86_400_000))
    }
    expect((await timeline(NOW, NOW + TIMELINE_SEGMENT_RANGE_MAX_MS, 'segment')).statusCode).toBe(200)
    const past = await timeline(NOW, NOW + TIMELINE_SEGMENT_RANGE_MAX_MS + 1, 'segment')
    expect(past.statusCode).toBe(400)
    expect(past.json().message).toMatch(/at most 92 days/)
  })

  it('never answers 500, whatever the instants', async () => {
    const instant = fc.oneof(
      fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 }),
      fc.integer({ min: NOW - 400 * 86_400_000, max: NOW + 400 * 86_400_000 }),
    )
    await fc.assert(
      fc.asyncProperty(
        instant,
        fc.integer({ min: -86_400_000, max: TIMELINE_SEGMENT_RANGE_MAX_MS + 86_400_000 }),
        fc.constantFrom('item', 'segment') as fc.Arbitrary<'item' | 'segment'>,
        async (from, span, granularity) => {
          const res = await timeline(from, from + span, granularity)
          expect([200, 400], `${iso(from)} +${span} ${granularity}: ${res.body.slice(0, 300)}`).toContain(
            res.statusCode,
          )
        },
      ),
      { numRuns: 25 },
    )
  })
})

describe('timeline API: the compute workers', () => {
  it('refuses at once with 503 and Retry-After when the queue is full', async () => {
    const busy = await createTestApp({ compute: { queueMax: 0 } })
    try {
      const res = await busy.app.inject({
        method: 'GET',
        url: `/api/screens/a/timeline?from=${iso(NOW)}&to=${iso(NOW + 3_600_000)}`,
      })
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toBe('5')
      expect(res.json().message).toMatch(/busy.*try again in a few seconds/)
    } finally {
      await busy.close()
    }
  })

  it('stops a job that runs too long and says so', async () => {
    const slow = await createTestApp({ compute: { jobMsMax: 1 } })
    try {
      await succeed(slow.app, 'POST', '/api/sites', siteBody('gate'))
      await succeed(slow.app, 'POST', '/api/screens', screenBody('a', 'gate'))
      const res = await slow.app.inject({
        method: 'GET',
        url: `/api/screens/a/timeline?from=${iso(NOW)}&to=${iso(NOW + 3_600_000)}`,
      })
      expect(res.statusCode).toBe(503)
      expect(res.json().message).toMatch(/longer than 0.001 s.*shorter range/)
    } finally {
      await slow.close()
    }
  })

  it('answers 404 for a screen that does not exist, from the worker', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/screens/ghost/timeline?from=${iso(NOW)}&to=${iso(NOW + 3_600_000)}`,
    })
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toMatch(/Screen "ghost" does not exist/)
  })
})
