import { instantOf } from '@playlists/time/zone'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'

/**
 * The timeline API names the schedule entries that compete for a zone (issue 7, the schedule
 * page's conflicts): where they overlap, which one plays, and what decided against the others.
 */

/** The server's clock, pinned: 2026-12-01 08:00 in Vietnam (a Tuesday). */
const NOW = instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 12, day: 1 }, 8 * 60)
const vn = (day: number, hour: number) =>
  new Date(instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 12, day }, hour * 60)).toISOString()
let t: TestApp

interface Contender {
  ruleId: string
  priority: number
  target: string
  reason?: string
}
interface Zone {
  id: string
  entries: { start: string; end: string; playlistId: string; ruleId: string | null }[]
  conflicts: { start: string; end: string; winner: Contender; losers: Contender[] }[]
}

const scheduled = async (body: object) => {
  const created = await succeed(t.app, 'POST', '/api/schedules', body)
  await approveAndPublish(t.app, 'schedule', created.id)
}

const zones = async (from: string, to: string): Promise<Zone[]> => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/screens/a/timeline?from=${from}&to=${to}&granularity=segment`,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().zones
}

beforeAll(async () => {
  t = await createTestApp({ clock: () => NOW })
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  for (const id of ['day', 'morning', 'noon', 'alert']) {
    await succeed(t.app, 'POST', '/api/playlists', { id, name: id, items: [slide(`${id}-1`, id)] })
    await approveAndPublish(t.app, 'playlist', id)
  }
  await succeed(t.app, 'POST', '/api/screens', screenBody('a', 'gate', { defaultPlaylistId: 'day' }))
  await succeed(t.app, 'POST', '/api/screens', screenBody('b', 'gate', { defaultPlaylistId: 'day' }))
  // Morning for the whole gate, noon for screen a only: they overlap 10:00–12:00 every day.
  await scheduled({
    id: 'gate-morning',
    name: 'Morning at the gate',
    playlistId: 'morning',
    target: { type: 'site', id: 'gate' },
    window: { start: '08:00', end: '12:00' },
  })
  await scheduled({
    id: 'a-noon',
    name: 'Noon on screen a',
    playlistId: 'noon',
    target: { type: 'screen', id: 'a' },
    window: { start: '10:00', end: '14:00' },
  })
  // Tuesdays 11:00–11:30 an alert for every screen, above both by priority.
  await scheduled({
    id: 'all-alert',
    name: 'Alert',
    playlistId: 'alert',
    target: { type: 'all' },
    days: [2],
    window: { start: '11:00', end: '11:30' },
    priority: 90,
  })
})
afterAll(() => t.close())

describe('timeline API: conflicts', () => {
  it('lists where entries overlap, the winner first and why each other one lost', async () => {
    const [main] = await zones(vn(1, 0), vn(2, 0))
    expect(main!.conflicts).toEqual([
      {
        start: vn(1, 10),
        end: '2026-12-01T04:00:00.000Z',
        winner: { ruleId: 'a-noon', priority: 50, target: 'screen' },
        losers: [{ ruleId: 'gate-morning', priority: 50, target: 'site', reason: 'specificity' }],
      },
      {
        start: '2026-12-01T04:00:00.000Z',
        end: '2026-12-01T04:30:00.000Z',
        winner: { ruleId: 'all-alert', priority: 90, target: 'all' },
        losers: [
          { ruleId: 'a-noon', priority: 50, target: 'screen', reason: 'priority' },
          { ruleId: 'gate-morning', priority: 50, target: 'site', reason: 'priority' },
        ],
      },
      {
        start: '2026-12-01T04:30:00.000Z',
        end: vn(1, 12),
        winner: { ruleId: 'a-noon', priority: 50, target: 'screen' },
        losers: [{ ruleId: 'gate-morning', priority: 50, target: 'site', reason: 'specificity' }],
      },
    ])
  })

  it('names as winner the entry the timeline plays over each conflict', async () => {
    const [main] = await zones(vn(1, 0), vn(8, 0))
    // Seven days of the daily overlap; the alert only on the Tuesday.
    expect(main!.conflicts.filter((c) => c.winner.ruleId === 'a-noon')).toHaveLength(8)
    for (const c of main!.conflicts) {
      const during = main!.entries.filter((e) => e.start < c.end && e.end > c.start)
      expect(during.map((e) => e.ruleId)).toEqual([c.winner.ruleId])
    }
  })

  it('reports no conflict where only one entry reaches the screen, and clips to the range', async () => {
    const b = await t.app.inject({
      method: 'GET',
      url: `/api/screens/b/timeline?from=${vn(2, 0)}&to=${vn(3, 0)}&granularity=segment`,
    })
    expect(b.json().zones[0].conflicts).toEqual([])
    const [main] = await zones(vn(2, 11), vn(2, 13))
    expect(main!.conflicts.map((c) => [c.start, c.end])).toEqual([[vn(2, 11), vn(2, 12)]])
  })
})
