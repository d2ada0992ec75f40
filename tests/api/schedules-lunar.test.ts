import { lunarToSolar } from '@playlists/calendar/lunar'
import { instantOf } from '@playlists/time/zone'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'

/** Tests pin the server's clock: 2026-12-01 08:00 in Vietnam, the 23rd of the 10th lunar month. */
const NOW = instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 12, day: 1 }, 8 * 60)
let t: TestApp

beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW })
  const post = async (url: string, payload: object) => {
    const r = await t.app.inject({ method: 'POST', url, payload })
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.body}`)
  }
  await post('/api/sites', siteBody('gate'))
  await post('/api/playlists', { id: 'day', name: 'Day', items: [slide('d1', 'Day')] })
  await post('/api/playlists', { id: 'ram', name: 'Rằm', items: [slide('r1', 'Rằm')] })
  await approveAndPublish(t.app, 'playlist', 'day')
  await approveAndPublish(t.app, 'playlist', 'ram')
  await post('/api/screens', screenBody('a', 'gate', { defaultPlaylistId: 'day' }))
})
afterEach(() => t.close())

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) })
const entry = (lunar: object | null, extra: object = {}) => ({
  name: 'Mùng một',
  playlistId: 'ram',
  target: { type: 'site', id: 'gate' },
  lunar,
  ...extra,
})

describe('schedules API: lunar days', () => {
  it('accepts a lunar recurrence, keeps it, and carries it to the screen’s document after approval', async () => {
    const res = await inject('POST', '/api/schedules', entry({ month: null, days: [15, 1] }))
    expect(res.statusCode, res.body).toBe(201)
    // Days are kept in order, whatever order they came in.
    expect(res.json()).toMatchObject({ lunar: { month: null, days: [1, 15] }, days: null, cron: null })
    expect((await inject('GET', `/api/schedules/${res.json().id}`)).json().lunar).toEqual({
      month: null,
      days: [1, 15],
    })
    expect((await inject('GET', '/api/screens/a/document')).json().rules).toEqual([])
    await approveAndPublish(t.app, 'schedule', res.json().id)
    const doc = (await inject('GET', '/api/screens/a/document')).json()
    expect(doc.rules).toEqual([
      expect.objectContaining({ id: res.json().id, lunar: { month: null, days: [1, 15] } }),
    ])
  })

  it('puts the playlist on air on the lunar day, from local midnight to midnight (the timeline)', async () => {
    const res = await inject('POST', '/api/schedules', entry({ month: 11, days: [1] }))
    await approveAndPublish(t.app, 'schedule', res.json().id)
    const first = lunarToSolar({ year: 2026, month: 11, day: 1, leap: false })!
    const start = instantOf('Asia/Ho_Chi_Minh', first, 0)
    const from = new Date(NOW).toISOString()
    const to = new Date(NOW + 20 * 86_400_000).toISOString()
    const answer = await inject('GET', `/api/screens/a/timeline?from=${from}&to=${to}&granularity=segment`)
    expect(answer.statusCode, answer.body).toBe(200)
    const segments = answer.json().zones[0].entries
    expect(segments.map((e: { playlistId: string }) => e.playlistId)).toEqual(['day', 'ram', 'day'])
    expect(segments[1]).toMatchObject({
      start: new Date(start).toISOString(),
      end: new Date(start + 86_400_000).toISOString(),
    })
  })

  it('changes an entry from weekdays to lunar days and back', async () => {
    const res = await inject('POST', '/api/schedules', entry(null, { days: [1, 2] }))
    expect(res.json().lunar).toBeNull()
    const id = res.json().id
    const lunar = await inject('PUT', `/api/schedules/${id}`, entry({ month: 8, days: [15] }))
    expect(lunar.statusCode, lunar.body).toBe(200)
    expect(lunar.json()).toMatchObject({ days: null, lunar: { month: 8, days: [15] } })
    const back = await inject('PUT', `/api/schedules/${id}`, entry(null, { days: [3] }))
    expect(back.json()).toMatchObject({ days: [3], lunar: null })
  })

  const bad: [string, object, object, RegExp][] = [
    ['a 13th month', { month: 13, days: [1] }, {}, /lunar\.month must be at most 12/],
    ['a 31st day', { month: 1, days: [31] }, {}, /lunar\.days\[0\] must be at most 30/],
    ['a day 0', { month: null, days: [0] }, {}, /lunar\.days\[0\] must be at least 1/],
    ['no day', { month: null, days: [] }, {}, /lunar\.days/],
    ['a repeated day', { month: null, days: [1, 1] }, {}, /lunar\.days/],
    ['an unknown field', { month: 1, days: [1], leap: true }, {}, /lunar/],
    ['lunar days with weekdays', { month: null, days: [1] }, { days: [1] }, /lunar: use either lunar days/],
    [
      'lunar days with cron',
      { month: null, days: [1] },
      { cron: { expression: '0 8 * * *', durationMinutes: 30 } },
      /lunar: use either lunar days/,
    ],
  ]
  for (const [what, lunar, extra, message] of bad) {
    it(`refuses ${what} with a 400 naming the field`, async () => {
      const res = await inject('POST', '/api/schedules', entry(lunar, extra))
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().message).toMatch(message)
      expect(res.json().code).toMatch(/^(validation\.|schedule\.rule)/)
      expect((await inject('GET', '/api/schedules')).json()).toEqual([])
    })
  }
})
