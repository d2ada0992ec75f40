import { TIMELINE_PAGE_ENTRIES_MAX, type TimelineAnswer } from '@playlists/schemas/timeline'
import { instantOf } from '@playlists/time/zone'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'

/** Tests pin the server's clock: 2026-12-01 08:00 in Vietnam. */
const NOW = instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 12, day: 1 }, 8 * 60)
let now = NOW
let t: TestApp

beforeEach(async () => {
  now = NOW
  t = await createTestApp({ clock: () => now })
  const post = async (url: string, payload: object) => {
    const r = await t.app.inject({ method: 'POST', url, payload })
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.body}`)
  }
  await post('/api/sites', siteBody('gate'))
  await post('/api/sites', siteBody('other'))
  await post('/api/sync-groups', { id: 'cluster', siteId: 'gate', name: 'Cluster' })
  await post('/api/playlists', { id: 'day', name: 'Day', items: [slide('d1', 'Day')] })
  await post('/api/playlists', { id: 'evening', name: 'Evening', items: [slide('e1', 'Evening')] })
  await approveAndPublish(t.app, 'playlist', 'day')
  await approveAndPublish(t.app, 'playlist', 'evening')
  await post('/api/screens', screenBody('a', 'gate', { defaultPlaylistId: 'day', syncGroupId: 'cluster' }))
  await post('/api/screens', screenBody('b', 'gate', { defaultPlaylistId: 'day' }))
  await post('/api/screens', screenBody('c', 'other', { defaultPlaylistId: 'day' }))
})
afterEach(() => t.close())

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) })
const version = async (screen: string) =>
  (await inject('GET', `/api/screens/${screen}/document`)).json().version as number
/** Creates an entry and has it approved and put on air; returns the created entry. */
const scheduled = async (body: object) => {
  const res = await inject('POST', '/api/schedules', body)
  expect(res.statusCode, res.body).toBe(201)
  await approveAndPublish(t.app, 'schedule', res.json().id)
  return res
}
const evening = (target: object, extra: object = {}) => ({
  name: 'Evening daypart',
  playlistId: 'evening',
  target,
  window: { start: '18:00', end: '22:00' },
  ...extra,
})

describe('schedules API', () => {
  it('creates an entry, carries it in the documents of exactly the targeted screens, and pushes only them', async () => {
    const before = { a: await version('a'), b: await version('b'), c: await version('c') }
    const res = await inject('POST', '/api/schedules', evening({ type: 'site', id: 'gate' }))
    expect(res.statusCode).toBe(201)
    // A draft until approved: no screen has it yet.
    expect(await version('a')).toBe(before.a)
    await approveAndPublish(t.app, 'schedule', res.json().id)
    expect(res.json()).toMatchObject({
      priority: 50,
      days: null,
      cron: null,
      target: { type: 'site', id: 'gate' },
    })
    expect(await version('a')).toBe(before.a + 1)
    expect(await version('b')).toBe(before.b + 1)
    expect(await version('c')).toBe(before.c)
    const doc = (await inject('GET', '/api/screens/a/document')).json()
    expect(doc.rules).toEqual([
      expect.objectContaining({ id: res.json().id, playlistId: 'evening', specificity: 2 }),
    ])
    expect(Object.keys(doc.playlists).sort()).toEqual(['day', 'evening'])
  })

  it('reaches a sync group’s screens and no other', async () => {
    await scheduled(evening({ type: 'group', id: 'cluster' }))
    expect((await inject('GET', '/api/screens/a/document')).json().rules).toHaveLength(1)
    expect((await inject('GET', '/api/screens/b/document')).json().rules).toHaveLength(0)
  })

  it('moves an entry between targets, pushing both the old and the new screens', async () => {
    const created = (await scheduled(evening({ type: 'screen', id: 'a' }))).json()
    const before = { a: await version('a'), c: await version('c') }
    const res = await inject('PUT', `/api/schedules/${created.id}`, evening({ type: 'screen', id: 'c' }))
    expect(res.statusCode).toBe(200)
    await approveAndPublish(t.app, 'schedule', created.id)
    expect(await version('a')).toBe(before.a + 1)
    expect(await version('c')).toBe(before.c + 1)
    // On air: taking it off goes through approval too (a withdrawal), then it may be deleted.
    expect((await inject('DELETE', `/api/schedules/${created.id}`)).statusCode).toBe(409)
    expect((await inject('GET', '/api/screens/c/document')).json().rules).toHaveLength(1)
    const withdrawal = await inject('POST', `/api/schedules/${created.id}/submit`, { withdraw: true })
    expect(withdrawal.statusCode, withdrawal.body).toBe(201)
    const n = withdrawal.json().number
    const as = { headers: t.team.approver.headers }
    await t.app.inject({ method: 'POST', url: `/api/schedules/${created.id}/versions/${n}/approve`, ...as })
    await t.app.inject({
      method: 'POST',
      url: `/api/schedules/${created.id}/publish`,
      payload: { version: n },
      ...as,
    })
    expect((await inject('GET', '/api/screens/c/document')).json().rules).toEqual([])
    expect((await inject('DELETE', `/api/schedules/${created.id}`)).statusCode).toBe(204)
  })

  it('leaves out entries that ended before the horizon, and includes those starting within it', async () => {
    await scheduled(evening({ type: 'all' }, { until: '2026-11-20T00:00' }))
    await scheduled(evening({ type: 'all' }, { from: '2026-12-10T00:00' }))
    await scheduled(evening({ type: 'all' }, { from: '2027-06-01T00:00' }))
    const doc = (await inject('GET', '/api/screens/a/document')).json()
    expect(doc.rules.map((r: { from: string | null }) => r.from)).toEqual(['2026-12-10T00:00'])
    expect(doc.horizon.untilMs - now).toBeGreaterThanOrEqual(20 * 86_400_000)
  })

  const bad: [string, object, RegExp][] = [
    [
      'an end before the start',
      { from: '2026-12-10T00:00', until: '2026-12-01T00:00' },
      /until .* must be after from/,
    ],
    ['an impossible date', { from: '2026-02-30T00:00' }, /from: .*not a real calendar date/],
    [
      'a zero-length window',
      { window: { start: '08:00', end: '08:00' } },
      /window.end: the window 08:00–08:00 has zero length/,
    ],
    ['a bad time', { window: { start: '25:00', end: '08:00' } }, /window.start/],
    [
      'an invalid cron',
      { window: null, cron: { expression: '61 * * * *', durationMinutes: 30 } },
      /cron.expression: minute: "61"/,
    ],
    [
      'a cron range with two dashes',
      { window: null, cron: { expression: '0 8 1-2-3 * *', durationMinutes: 30 } },
      /cron.expression: day-of-month: "1-2-3" is not a value/,
    ],
    [
      'a cron range that runs backwards',
      { window: null, cron: { expression: '0 22-2 * * *', durationMinutes: 30 } },
      /cron.expression: hour: the range "22-2" runs backwards/,
    ],
    [
      'a cron step of zero',
      { window: null, cron: { expression: '*/0 8 * * *', durationMinutes: 30 } },
      /cron.expression: minute: the step/,
    ],
    [
      'a cron list with an empty item',
      { window: null, cron: { expression: '0 8 * 1,,2 *', durationMinutes: 30 } },
      /cron.expression: month: .*empty list item/,
    ],
    [
      'a cron field with trailing garbage',
      { window: null, cron: { expression: '0 8 * * MONx', durationMinutes: 30 } },
      /cron.expression: day-of-week: "MONX|MONx"/,
    ],
    [
      'cron mixed with a window',
      { cron: { expression: '0 8 * * *', durationMinutes: 30 } },
      /either cron or days\/window/,
    ],
    ['a priority out of range', { priority: 101 }, /priority must be at most 100/],
    ['a weekday out of range', { days: [0] }, /days\[0\] must be at least 1/],
    [
      'a cron lasting more than a day',
      { window: null, cron: { expression: '0 8 * * *', durationMinutes: 2000 } },
      /durationMinutes must be at most 1440/,
    ],
  ]
  for (const [what, extra, message] of bad) {
    it(`refuses ${what}, saying which field`, async () => {
      const res = await inject('POST', '/api/schedules', evening({ type: 'all' }, extra))
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(message)
      if (/cron\.expression/.test(message.source)) {
        expect(res.json().details[0].params.cronField).toBe(res.json().message.split(': ')[1])
      }
      expect((await inject('GET', '/api/schedules')).json()).toEqual([])
    })
  }

  it('refuses unknown playlists and targets', async () => {
    const p = await inject('POST', '/api/schedules', { ...evening({ type: 'all' }), playlistId: 'ghost' })
    expect(p.statusCode).toBe(400)
    expect(p.json().message).toMatch(/playlistId "ghost" does not exist/)
    const s = await inject('POST', '/api/schedules', evening({ type: 'screen', id: 'ghost' }))
    expect(s.json().message).toMatch(/target: Screen "ghost" does not exist/)
    const k = await inject('POST', '/api/schedules', evening({ type: 'planet', id: 'mars' }))
    expect(k.statusCode).toBe(400)
  })
})

describe('timeline API', () => {
  it('shows when the evening daypart takes over, item by item and by segment', async () => {
    await scheduled(evening({ type: 'screen', id: 'a' }))
    const from = new Date(NOW).toISOString()
    const to = new Date(NOW + 86_400_000).toISOString()
    const res = await inject('GET', `/api/screens/a/timeline?from=${from}&to=${to}&granularity=segment`)
    expect(res.statusCode).toBe(200)
    const segments = res.json().zones[0].entries
    expect(segments.map((e: { playlistId: string }) => e.playlistId)).toEqual(['day', 'evening', 'day'])
    expect(segments[1]).toMatchObject({ start: '2026-12-01T11:00:00.000Z', end: '2026-12-01T15:00:00.000Z' })
    // Item by item, a day of 5-second slides is more than one answer holds: it comes in pages.
    const items: { start: string; end: string }[] = []
    let next: string | null = from
    while (next !== null) {
      const page: TimelineAnswer = (
        await inject('GET', `/api/screens/a/timeline?from=${next}&to=${to}`)
      ).json()
      const entries = page.zones[0]!.entries
      expect(entries[0]!.start).toBe(next)
      expect(entries.at(-1)!.end).toBe(page.next ?? to)
      items.push(...entries)
      next = page.next
    }
    expect(items.length).toBeGreaterThan(TIMELINE_PAGE_ENTRIES_MAX)
    for (let i = 1; i < items.length; i++) expect(items[i]!.start).toBe(items[i - 1]!.end)
    expect(items.at(-1)!.end).toBe(to)
  })

  it('refuses an inverted or too long range', async () => {
    const a = new Date(NOW).toISOString()
    const b = new Date(NOW + 30 * 86_400_000).toISOString()
    expect((await inject('GET', `/api/screens/a/timeline?from=${b}&to=${a}`)).json().message).toMatch(
      /to must be after from/,
    )
    const long = await inject('GET', `/api/screens/a/timeline?from=${a}&to=${b}`)
    expect(long.statusCode).toBe(400)
    expect(long.json().message).toMatch(/granularity=segment/)
    expect((await inject('GET', `/api/screens/ghost/timeline?from=${a}&to=${a}`)).statusCode).toBe(400)
    expect((await inject('GET', `/api/screens/a/timeline?from=yesterday&to=${a}`)).statusCode).toBe(400)
  })
})

describe('publishing at a set instant', () => {
  it('puts the approved version on air when the job runs at the instant', async () => {
    await inject('PUT', '/api/playlists/day', { name: 'Day', items: [slide('d1', 'Campaign')] })
    const at = '2026-12-01T06:00:00.000Z' // 13:00 in Vietnam, five hours after NOW
    const scheduled = await approveAndPublish(t.app, 'playlist', 'day', { at })
    expect(scheduled).toMatchObject({ status: 'pending', publishAt: at })
    // Later edits to the draft are not part of the scheduled publication.
    await inject('PUT', '/api/playlists/day', { name: 'Day', items: [slide('d1', 'Edited after')] })

    const before = await version('a')
    now = Date.parse(at) - 1_000
    expect(t.app.jobs.run('publish-due').pushed).toBe(0)
    now = Date.parse(at)
    expect(t.app.jobs.run('publish-due').pushed).toBe(3)
    expect(await version('a')).toBe(before + 1)
    const doc = (await inject('GET', '/api/screens/a/document')).json()
    expect(doc.playlists.day.items[0].text.vi.title).toBe('Campaign (vi)')
    const publications = await inject('GET', '/api/playlists/day/publications')
    expect(publications.json(), publications.body).toEqual([expect.objectContaining({ status: 'done' })])
    expect(t.app.jobs.run('publish-due').pushed).toBe(0)
  })
})

describe('document refresh job', () => {
  it('recompiles only documents whose horizon runs short', async () => {
    expect(t.app.jobs.run('refresh-documents').pushed).toBe(0)
    now = NOW + 8 * 86_400_000
    expect(t.app.jobs.run('refresh-documents').pushed).toBe(3)
    expect(t.app.jobs.run('refresh-documents').pushed).toBe(0)
  })
})
