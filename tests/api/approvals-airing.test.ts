import { instantOf } from '@playlists/time/zone'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createTestApp,
  type Member,
  screenBody,
  siteBody,
  slide,
  succeed,
  type TestApp,
} from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'

/**
 * What reaches screens under four-eyes approval: only approved versions on air, whichever way a
 * draft might sneak in (a schedule entry, a layout, a zone's playlist, a publication set for
 * later), and emergency messages approved by a second person unless an admin allowed otherwise.
 */
const NOW = instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 12, day: 1 }, 8 * 60)
let now = NOW
let t: TestApp

beforeEach(async () => {
  now = NOW
  t = await createTestApp({ clock: () => now })
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/sites', siteBody('other'))
  for (const id of ['day', 'evening', 'ticker']) {
    await succeed(t.app, 'POST', '/api/playlists', { id, name: id, items: [slide(`${id}-1`, id)] })
    await approveAndPublish(t.app, 'playlist', id)
  }
  await succeed(t.app, 'POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'day' }))
})
afterEach(() => t.close())

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, as?: Member, payload?: object) =>
  t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })
const document = async (screen = 'led') => (await call('GET', `/api/screens/${screen}/document`)).json()

const evening = (extra: object = {}) => ({
  id: 'evening-slot',
  name: 'Evening',
  playlistId: 'evening',
  target: { type: 'site', id: 'gate' },
  window: { start: '18:00', end: '22:00' },
  ...extra,
})

const wide = (ticker: string | null) => ({
  id: 'wide',
  name: 'Wide',
  zones: [
    { id: 'main', name: 'Main', x: 0, y: 0, width: 1, height: 0.85, playlistId: null },
    { id: 'ticker', name: 'Ticker', x: 0, y: 0.85, width: 1, height: 0.15, playlistId: ticker },
  ],
})

describe('schedule entries under approval', () => {
  it('keeps an entry nobody approved out of every document', async () => {
    const before = await document()
    expect((await call('POST', '/api/schedules', t.team.editor, evening())).statusCode).toBe(201)
    await call('POST', '/api/schedules/evening-slot/submit', t.team.editor)
    const doc = await document()
    expect(doc.rules).toEqual([])
    expect(doc.version).toBe(before.version)
    // Even an admin's own entry waits: creating is drafting.
    await call('POST', '/api/schedules', undefined, evening({ id: 'admin-slot' }))
    expect((await document()).rules).toEqual([])
  })

  it('keeps airing the approved version of an edited entry until the edit is approved', async () => {
    await call('POST', '/api/schedules', t.team.editor, evening())
    await approveAndPublish(t.app, 'schedule', 'evening-slot', { author: t.team.editor })
    expect((await document()).rules).toEqual([expect.objectContaining({ id: 'evening-slot', priority: 50 })])

    await call('PUT', '/api/schedules/evening-slot', t.team.editor, evening({ priority: 90 }))
    await call('POST', '/api/schedules/evening-slot/submit', t.team.editor)
    expect((await document()).rules).toEqual([expect.objectContaining({ priority: 50 })])
    const diff = (await call('GET', '/api/schedules/evening-slot/diff?from=1&to=2')).json()
    expect(diff.changes).toEqual([{ path: 'priority', change: 'changed', before: 50, after: 90 }])

    await approveAndPublish(t.app, 'schedule', 'evening-slot', { author: t.team.editor })
    expect((await document()).rules).toEqual([expect.objectContaining({ priority: 90 })])
  })

  it('takes an entry off the air only through an approved withdrawal', async () => {
    await call('POST', '/api/schedules', t.team.editor, evening())
    await approveAndPublish(t.app, 'schedule', 'evening-slot', { author: t.team.editor })
    const refused = await call('DELETE', '/api/schedules/evening-slot', t.team.editor)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().message).toMatch(/is on air: submit its withdrawal/)

    const withdrawal = await call('POST', '/api/schedules/evening-slot/submit', t.team.editor, {
      withdraw: true,
    })
    expect(withdrawal.json()).toMatchObject({ number: 2, withdrawal: true, body: null })
    expect((await document()).rules).toHaveLength(1) // not approved yet
    await call('POST', '/api/schedules/evening-slot/versions/2/approve', t.team.approver)
    await call('POST', '/api/schedules/evening-slot/publish', t.team.approver, { version: 2 })
    expect((await document()).rules).toEqual([])
    expect((await call('DELETE', '/api/schedules/evening-slot', t.team.editor)).statusCode).toBe(204)
  })

  it('plays nothing of an approved entry whose playlist was never approved', async () => {
    await call('POST', '/api/playlists', t.team.editor, {
      id: 'draft',
      name: 'Draft',
      items: [slide('x', 'X')],
    })
    await call('POST', '/api/schedules', t.team.editor, evening({ playlistId: 'draft' }))
    await approveAndPublish(t.app, 'schedule', 'evening-slot', { author: t.team.editor })
    const doc = await document()
    expect(doc.rules).toEqual([])
    expect(doc.playlists.draft).toBeUndefined()
  })
})

describe('layouts under approval', () => {
  beforeEach(async () => {
    await call('POST', '/api/layouts', t.team.editor, wide('ticker'))
    await succeed(
      t.app,
      'PUT',
      '/api/screens/led',
      screenBody('led', 'gate', { defaultPlaylistId: 'day', layoutId: 'wide' }),
    )
  })

  it('shows the whole panel until the layout is approved, then its zones', async () => {
    expect((await document()).layout).toMatchObject({ id: null, zones: [{ id: 'main' }] })
    await approveAndPublish(t.app, 'layout', 'wide', { author: t.team.editor })
    const doc = await document()
    expect(
      doc.layout.zones.map((z: { id: string; defaultPlaylistId: string }) => [z.id, z.defaultPlaylistId]),
    ).toEqual([
      ['main', 'day'],
      ['ticker', 'ticker'],
    ])
  })

  it('never puts an unapproved zone change on a screen', async () => {
    await approveAndPublish(t.app, 'layout', 'wide', { author: t.team.editor })
    const before = await document()
    const edited = {
      ...wide('evening'),
      zones: [
        ...wide('evening').zones,
        { id: 'logo', name: 'Logo', x: 0.9, y: 0, width: 0.1, height: 0.1, playlistId: 'day' },
      ],
    }
    expect((await call('PUT', '/api/layouts/wide', t.team.editor, edited)).statusCode).toBe(200)
    await call('POST', '/api/layouts/wide/submit', t.team.editor)
    const after = await document()
    expect(after.version).toBe(before.version)
    expect(after.layout).toEqual(before.layout)
    const diff = (await call('GET', '/api/layouts/wide/diff?from=1&to=2')).json()
    expect(diff.changes.map((c: { path: string; change: string }) => `${c.change} ${c.path}`)).toEqual([
      'changed zones/ticker/playlistId',
      'added zones/logo',
    ])
  })

  it('never plays a zone playlist’s unapproved draft', async () => {
    await approveAndPublish(t.app, 'layout', 'wide', { author: t.team.editor })
    await call('PUT', '/api/playlists/ticker', t.team.editor, {
      name: 'ticker',
      items: [slide('leak', 'Leak')],
    })
    await call('POST', '/api/playlists/ticker/submit', t.team.editor)
    const doc = await document()
    expect(doc.playlists.ticker.items.map((i: { id: string }) => i.id)).toEqual(['ticker-1'])
    // A zone pointing at a playlist never approved shows nothing there.
    await call('POST', '/api/playlists', t.team.editor, {
      id: 'fresh',
      name: 'Fresh',
      items: [slide('f', 'F')],
    })
    await call('PUT', '/api/layouts/wide', t.team.editor, wide('fresh'))
    await approveAndPublish(t.app, 'layout', 'wide', { author: t.team.editor })
    const zoned = await document()
    expect(zoned.layout.zones[1]).toMatchObject({ id: 'ticker', defaultPlaylistId: null })
    expect(zoned.playlists.fresh).toBeUndefined()
  })

  it('rolls a layout back to its earlier approved version in one action', async () => {
    await approveAndPublish(t.app, 'layout', 'wide', { author: t.team.editor })
    await call('PUT', '/api/layouts/wide', t.team.editor, wide('evening'))
    await approveAndPublish(t.app, 'layout', 'wide', { author: t.team.editor })
    expect((await document()).layout.zones[1].defaultPlaylistId).toBe('evening')
    const back = await call('POST', '/api/layouts/wide/rollback', t.team.approver, { version: 1 })
    expect(back.statusCode, back.body).toBe(200)
    expect(back.json().screens).toEqual([expect.objectContaining({ screenId: 'led' })])
    expect((await document()).layout.zones[1].defaultPlaylistId).toBe('ticker')
  })
})

describe('publishing at a set instant', () => {
  const at = '2026-12-01T06:00:00.000Z' // 13:00 in Vietnam, five hours after NOW

  it('puts an approved version on air when the job runs at its instant, and nothing unapproved', async () => {
    await call('PUT', '/api/playlists/day', t.team.editor, { name: 'day', items: [slide('d2', 'Campaign')] })
    const submitted = (await call('POST', '/api/playlists/day/submit', t.team.editor)).json()
    const early = await call('POST', '/api/playlists/day/publish', t.team.approver, {
      version: submitted.number,
      at,
    })
    expect(early.statusCode).toBe(409) // not approved: cannot even be scheduled
    await call('POST', `/api/playlists/day/versions/${submitted.number}/approve`, t.team.approver)
    const scheduled = await call('POST', '/api/playlists/day/publish', t.team.approver, {
      version: submitted.number,
      at,
    })
    expect(scheduled.statusCode, scheduled.body).toBe(202)
    expect(scheduled.json()).toMatchObject({
      objectType: 'playlist',
      version: submitted.number,
      status: 'pending',
      publishAt: at,
    })

    // Later edits are no part of it, even once submitted.
    await call('PUT', '/api/playlists/day', t.team.editor, { name: 'day', items: [slide('d3', 'Later')] })
    await call('POST', '/api/playlists/day/submit', t.team.editor)
    now = Date.parse(at) - 1_000
    expect(t.app.jobs.run('publish-due').pushed).toBe(0)
    expect((await document()).playlists.day.items[0].id).toBe('day-1')
    now = Date.parse(at)
    expect(t.app.jobs.run('publish-due').pushed).toBe(1)
    expect((await document()).playlists.day).toMatchObject({
      revision: submitted.number,
      items: [{ id: 'd2' }],
    })
    expect((await call('GET', '/api/playlists/day/publications')).json()).toEqual([
      expect.objectContaining({ status: 'done', version: submitted.number }),
    ])
  })

  it('schedules an approved schedule entry’s start the same way', async () => {
    await call('POST', '/api/schedules', t.team.editor, evening())
    await approveAndPublish(t.app, 'schedule', 'evening-slot', { author: t.team.editor, at })
    expect((await document()).rules).toEqual([])
    now = Date.parse(at)
    t.app.jobs.run('publish-due')
    expect((await document()).rules).toEqual([expect.objectContaining({ id: 'evening-slot' })])
  })
})
