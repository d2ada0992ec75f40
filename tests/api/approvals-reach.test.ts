import type { ApprovalQueuePage } from '@playlists/schemas/approval-queue'
import type { Reach } from '@playlists/schemas/reach'
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
import { submitAndApprove } from '../helpers/approval'

/**
 * What a publish reaches (issue 17): the screens a version changes once on air, the waiting
 * versions it needs when it reaches none (a playlist approved before the schedule entry that
 * plays it), and publishing such a pair together as one change set.
 */
let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', siteBody())
  await succeed(t.app, 'POST', '/api/sites', siteBody('other'))
  await succeed(t.app, 'POST', '/api/playlists', { id: 'base', name: 'Base', items: [slide('b1', 'Base')] })
  await submitAndApprove(t.app, 'playlist', 'base')
  await succeed(t.app, 'POST', '/api/playlists/base/publish')
  await succeed(t.app, 'POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'base' }))
  await succeed(
    t.app,
    'POST',
    '/api/screens',
    screenBody('kiosk', 'gate', { name: 'Kiosk', width: 1080, height: 1920 }),
  )
  await succeed(t.app, 'POST', '/api/screens', screenBody('far', 'other'))
})
afterEach(() => t.close())

const call = (method: 'GET' | 'POST' | 'PUT', url: string, as?: Member, payload?: object) =>
  t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })

const reach = async (path: string): Promise<Reach> => {
  const res = await call('GET', `${path}/reach`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

const live = async (path: string) =>
  ((await succeed(t.app, 'GET', `${path}/versions`)) as { number: number; live: boolean }[]).find(
    (v) => v.live,
  )?.number ?? null

/** A new playlist no screen shows, approved; and an evening entry for site "gate" that plays it, submitted. */
async function newPair() {
  const { editor, editor2 } = t.team
  await call('POST', '/api/playlists', editor, { id: 'fresh', name: 'Fresh', items: [slide('f1', 'Fresh')] })
  await submitAndApprove(t.app, 'playlist', 'fresh', { author: editor })
  await call('POST', '/api/schedules', editor2, {
    id: 'evening',
    name: 'Evening',
    playlistId: 'fresh',
    target: { type: 'site', id: 'gate' },
    window: { start: '18:00', end: '22:00' },
  })
  expect((await call('POST', '/api/schedules/evening/submit', editor2)).statusCode).toBe(201)
}

const CHANGE_SET = [
  { type: 'playlist', id: 'fresh', number: 1 },
  { type: 'schedule', id: 'evening', number: 1 },
] as const

describe('the reach of a version', () => {
  it('names the screens a playlist on air reaches, with their sizes for the preview', async () => {
    const { editor } = t.team
    await call('PUT', '/api/playlists/base', editor, { name: 'Base', items: [slide('b1', 'Changed')] })
    expect((await call('POST', '/api/playlists/base/submit', editor)).statusCode).toBe(201)
    expect(await reach('/api/playlists/base/versions/2')).toEqual({
      screens: [{ id: 'led', name: 'Screen led', siteId: 'gate', width: 1920, height: 960 }],
      companions: [],
    })
  })

  it('says a new playlist reaches no screen, and names the waiting schedule entry that would play it', async () => {
    const { editor } = t.team
    await call('POST', '/api/playlists', editor, { id: 'lonely', name: 'Lonely', items: [slide('l1', 'L')] })
    await submitAndApprove(t.app, 'playlist', 'lonely', { author: editor })
    // Nothing plays it, nothing waits to: none, and no companion to offer.
    expect(await reach('/api/playlists/lonely/versions/1')).toEqual({ screens: [], companions: [] })

    await newPair()
    expect(await reach('/api/playlists/fresh/versions/1')).toEqual({
      screens: [],
      companions: [
        {
          objectType: 'schedule',
          objectId: 'evening',
          number: 1,
          name: 'Evening',
          state: 'submitted',
          screens: ['kiosk', 'led'],
        },
      ],
    })
    // And the other way round: the entry reaches the site's screens but needs the playlist.
    const entry = await reach('/api/schedules/evening/versions/1')
    expect(entry.screens.map((s) => s.id)).toEqual(['kiosk', 'led'])
    expect(entry.companions).toEqual([
      {
        objectType: 'playlist',
        objectId: 'fresh',
        number: 1,
        name: 'Fresh',
        state: 'approved',
        screens: ['kiosk', 'led'],
      },
    ])
  })

  it('groups the pair in the approvals queue', async () => {
    await newPair()
    const res = await call('GET', '/api/approvals?view=waiting')
    const page = res.json() as ApprovalQueuePage
    const playlist = page.items.find((v) => v.objectId === 'fresh')
    expect(playlist?.screens).toEqual([])
    expect(playlist?.companions.map((c) => `${c.objectType}:${c.objectId}:${c.number}`)).toEqual([
      'schedule:evening:1',
    ])
    expect(page.items.find((v) => v.objectId === 'evening')?.companions[0]?.objectId).toBe('fresh')
  })

  it('names for a rollback the screens it really changes: those of the target on air and of the version’s own', async () => {
    const { editor, approver } = t.team
    // Version 1 aims at site "gate", version 2 (on air) at site "other".
    await call('POST', '/api/schedules', editor, {
      id: 'shift',
      name: 'Shift',
      playlistId: 'base',
      target: { type: 'site', id: 'gate' },
      window: { start: '06:00', end: '09:00' },
    })
    await submitAndApprove(t.app, 'schedule', 'shift', { author: editor })
    const published1 = await call('POST', '/api/schedules/shift/publish', approver, { version: 1 })
    expect(published1.statusCode, published1.body).toBe(200)
    const { name, playlistId, window } = (await call('GET', '/api/schedules/shift')).json()
    const moved = await call('PUT', '/api/schedules/shift', editor, {
      name,
      playlistId,
      window,
      target: { type: 'site', id: 'other' },
    })
    expect(moved.statusCode, moved.body).toBe(200)
    await submitAndApprove(t.app, 'schedule', 'shift', { author: editor })
    const published2 = await call('POST', '/api/schedules/shift/publish', approver, { version: 2 })
    expect(published2.statusCode, published2.body).toBe(200)

    // Version 1's own target is "gate" alone; rolling back to it also takes the entry off "far".
    const promised = (await reach('/api/schedules/shift/versions/1')).screens.map((s) => s.id)
    expect(promised).toEqual(['far', 'kiosk', 'led'])
    const res = await call('POST', '/api/schedules/shift/rollback', approver, { version: 1 })
    expect(res.statusCode, res.body).toBe(200)
    const changed = (res.json() as { screens: { screenId: string }[] }).screens.map((s) => s.screenId)
    expect(changed.sort()).toEqual(promised)
  })

  it('answers 404 for a version that does not exist and 400 for a malformed number', async () => {
    expect((await call('GET', '/api/playlists/base/versions/9/reach')).statusCode).toBe(404)
    expect((await call('GET', '/api/playlists/nothing/versions/1/reach')).statusCode).toBe(404)
    expect((await call('GET', '/api/playlists/base/versions/0/reach')).statusCode).toBe(400)
  })
})

describe('publishing a change set', () => {
  it('puts a playlist and the schedule entry that plays it on air together, one audit entry each', async () => {
    await newPair()
    await submitAndApprove(t.app, 'schedule', 'evening', { author: t.team.editor2 })
    const res = await call('POST', '/api/approvals/change-set', t.team.approver, { versions: CHANGE_SET })
    expect(res.statusCode, res.body).toBe(200)
    const answer = res.json() as {
      versions: { objectId: string; live: boolean }[]
      screens: { screenId: string }[]
    }
    expect(answer.versions.map((v) => [v.objectId, v.live])).toEqual([
      ['fresh', true],
      ['evening', true],
    ])
    expect(answer.screens.map((s) => s.screenId).sort()).toEqual(['kiosk', 'led'])
    expect(await live('/api/playlists/fresh')).toBe(1)
    expect(await live('/api/schedules/evening')).toBe(1)

    // The screens' documents hold both: the entry and the playlist it plays.
    const doc = await succeed(t.app, 'GET', '/api/screens/led/document')
    expect(Object.keys(doc.playlists)).toContain('fresh')

    const audit = (await succeed(t.app, 'GET', '/api/audit?action=playlist.publish&objectId=fresh')) as {
      actor: string
      detail: string
    }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]?.detail).toBe('version 1, together with schedule evening version 1')
    const entry = (await succeed(t.app, 'GET', '/api/audit?action=schedule.publish&objectId=evening')) as {
      detail: string
    }[]
    expect(entry[0]?.detail).toBe('version 1, together with playlist fresh version 1')

    // Now the playlist reaches screens and needs nothing more.
    expect((await reach('/api/playlists/fresh/versions/1')).screens.map((s) => s.id)).toEqual([
      'kiosk',
      'led',
    ])
    // Published once: a second try is refused, naming the version already on air.
    const again = await call('POST', '/api/approvals/change-set', t.team.approver, { versions: CHANGE_SET })
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toContain('already on air')
  })

  it('publishes nothing when one version of the set is not approved yet', async () => {
    await newPair()
    const res = await call('POST', '/api/approvals/change-set', t.team.approver, { versions: CHANGE_SET })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toContain('submitted, not approved')
    expect(await live('/api/playlists/fresh')).toBeNull()
    expect(await live('/api/schedules/evening')).toBeNull()
    const audit = await succeed(t.app, 'GET', '/api/audit?action=playlist.publish&objectId=fresh')
    expect(audit).toEqual([])
  })

  it('refuses malformed sets with a 400, unknown objects with a 404, and editors with a 403', async () => {
    await newPair()
    await submitAndApprove(t.app, 'schedule', 'evening', { author: t.team.editor2 })
    const post = (versions: unknown, as: Member = t.team.approver) =>
      call('POST', '/api/approvals/change-set', as, { versions })
    const twice = await post([CHANGE_SET[0], { ...CHANGE_SET[0] }])
    expect(twice.statusCode).toBe(400)
    expect(twice.json().message).toContain('named twice')
    expect((await post([])).statusCode).toBe(400)
    expect((await post([{ type: 'playlist', id: 'fresh', number: 0 }])).statusCode).toBe(400)
    expect((await post([{ type: 'screen', id: 'led', number: 1 }])).statusCode).toBe(400)
    expect(
      (await post(Array.from({ length: 11 }, (_, i) => ({ ...CHANGE_SET[0], id: `p${i}` })))).statusCode,
    ).toBe(400)
    expect((await post([CHANGE_SET[0], { type: 'schedule', id: 'nothing', number: 1 }])).statusCode).toBe(404)
    expect((await post(CHANGE_SET, t.team.editor)).statusCode).toBe(403)
    expect(await live('/api/playlists/fresh')).toBeNull()
  })
})
