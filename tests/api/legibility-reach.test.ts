import type { LegibilityFinding, LegibilityReport } from '@playlists/schemas/legibility'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createTestApp,
  injectAs,
  type Member,
  type Method,
  screenBody,
  siteBody,
  succeed,
  type TestApp,
} from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { CROWDED_SLIDE, WALL } from '../helpers/legibility'

/**
 * Legibility follows a playlist wherever a change takes it (issue 17 point 3): a playlist
 * approved where its text was legible (or on no screen at all) is checked again when a schedule
 * entry brings it onto a far-read panel, or a layout shrinks the zone it plays in. The approval
 * of that entry or layout is refused, naming the playlist, unless the approver says why; what the
 * playlist reached already is not asked about twice.
 */
let t: TestApp
afterEach(() => t?.close())

const call = (method: Method, url: string, as?: Member, payload?: object) =>
  injectAs(t.app, method, url, as, payload)

const KIOSK = { pixelPitchMm: 0.49, viewingDistanceM: 1 }

/** A slide legible on the wall in a whole panel, and not in a thin strip of it. */
const headline = {
  id: 'headline',
  kind: 'slide',
  durationMs: 60_000,
  text: {
    vi: { title: 'Chào mừng', body: 'Cửa khẩu Hữu Nghị' },
    zh: { title: '欢迎', body: '友谊关口岸' },
    en: { title: 'Welcome', body: 'Huu Nghi border gate' },
  },
}

const entry = (target: object, id = 'notice-slot') => ({
  id,
  name: 'Notice slot',
  playlistId: 'notice',
  target,
  window: { start: '06:00', end: '22:00' },
})

beforeEach(async () => {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/sites', siteBody('hall'))
  await succeed(t.app, 'POST', '/api/screens', screenBody('wall', 'gate', WALL))
  await succeed(t.app, 'POST', '/api/screens', screenBody('kiosk', 'hall', KIOSK))
  await succeed(t.app, 'POST', '/api/playlists', {
    id: 'notice',
    name: 'Passport notice',
    items: [CROWDED_SLIDE],
  })
})

async function submitted(type: 'schedules' | 'layouts', body: object): Promise<string> {
  expect((await call('POST', `/api/${type}`, t.team.editor, body)).statusCode).toBe(201)
  const id = (body as { id: string }).id
  expect((await call('POST', `/api/${type}/${id}/submit`, t.team.editor)).statusCode).toBe(201)
  return `/api/${type}/${id}/versions/1`
}

describe('a schedule entry that brings a playlist onto a new panel', () => {
  beforeEach(async () => {
    // The notice is approved and on air where it is legible: a hall kiosk's default.
    await succeed(
      t.app,
      'PUT',
      '/api/screens/kiosk',
      screenBody('kiosk', 'hall', { ...KIOSK, defaultPlaylistId: 'notice' }),
    )
    await approveAndPublish(t.app, 'playlist', 'notice', { author: t.team.editor })
  })

  it('is refused on the wall, naming the playlist, its slide and the wall; the check is there to read first', async () => {
    const version = await submitted('schedules', entry({ type: 'screen', id: 'wall' }))
    const report = (await call('GET', `${version}/legibility`)).json() as LegibilityReport
    expect(report.planned).toBe(false)
    expect(report.shapes.map((s) => [s.id, s.screens])).toEqual([['1920x960', ['Screen wall']]])
    expect(report.findings.map((f) => [f.playlistId, f.playlistName, f.itemId, f.lang])).toEqual([
      ['notice', 'Passport notice', 'crowded', 'vi'],
      ['notice', 'Passport notice', 'crowded', 'zh'],
      ['notice', 'Passport notice', 'crowded', 'en'],
    ])
    const res = await call('POST', `${version}/approve`, t.team.approver)
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toContain(
      'schedule entry "notice-slot" fails the legibility check: playlist "Passport notice", item 1 (crowded) on 1920x960 (Screen wall)',
    )
    expect(res.json().details.code).toBe('legibility')
    expect(res.json().details.findings).toEqual(report.findings)
    expect((await call('GET', version)).json().state).toBe('submitted')
  })

  it('is approved with the approver’s reason, kept with the decision and audited', async () => {
    const version = await submitted('schedules', entry({ type: 'site', id: 'gate' }))
    const reason = 'The border guard asked for the full text on the wall tonight only'
    const res = await call('POST', `${version}/approve`, t.team.approver, { legibilityOverride: reason })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ state: 'approved', legibilityOverride: reason })
    expect(
      (res.json().legibilityFindings as LegibilityFinding[]).every((f) => f.playlistId === 'notice'),
    ).toBe(true)
    const [audited] = t.app.repos.audit.query({ action: 'schedule.approve', limit: 1 })
    expect(audited?.detail).toContain(`legibility overridden (3 findings): ${reason}`)
  })

  it('is approved without a word where the playlist is legible, or already shows', async () => {
    await succeed(t.app, 'POST', '/api/screens', screenBody('kiosk-2', 'hall', KIOSK))
    const hall = await submitted('schedules', entry({ type: 'site', id: 'hall' }))
    expect(((await call('GET', `${hall}/legibility`)).json() as LegibilityReport).findings).toEqual([])
    expect((await call('POST', `${hall}/approve`, t.team.approver)).statusCode).toBe(200)
  })

  it('asks nothing of a withdrawal', async () => {
    await submitted('schedules', entry({ type: 'screen', id: 'kiosk' }))
    await call('POST', '/api/schedules/notice-slot/versions/1/approve', t.team.approver)
    await call('POST', '/api/schedules/notice-slot/publish', t.team.approver, { version: 1 })
    expect(
      (await call('POST', '/api/schedules/notice-slot/submit', t.team.editor, { withdraw: true })).statusCode,
    ).toBe(201)
    const res = await call('POST', '/api/schedules/notice-slot/versions/2/approve', t.team.approver)
    expect(res.statusCode, res.body).toBe(200)
  })
})

describe('a playlist no screen shows yet', () => {
  it('approved as advice on planned panels, is checked when its schedule entry comes to approval', async () => {
    await call('POST', '/api/playlists/notice/submit', t.team.editor)
    expect((await call('POST', '/api/playlists/notice/versions/1/approve', t.team.approver)).statusCode).toBe(
      200,
    )
    const version = await submitted('schedules', entry({ type: 'screen', id: 'wall' }))
    const res = await call('POST', `${version}/approve`, t.team.approver)
    expect(res.statusCode).toBe(409)
    expect(res.json().details.findings.map((f: LegibilityFinding) => f.screens)).toEqual([
      ['Screen wall'],
      ['Screen wall'],
      ['Screen wall'],
    ])
  })

  it('is checked on the screens of the entry waiting to play it, whichever is approved first', async () => {
    await submitted('schedules', entry({ type: 'screen', id: 'wall' }))
    await call('POST', '/api/playlists/notice/submit', t.team.editor)
    const report = (
      await call('GET', '/api/playlists/notice/versions/1/legibility')
    ).json() as LegibilityReport
    expect(report.planned).toBe(false)
    expect(report.shapes.map((s) => s.screens)).toEqual([['Screen wall']])
    const res = await call('POST', '/api/playlists/notice/versions/1/approve', t.team.approver)
    expect(res.statusCode).toBe(409)
    expect(res.json().details.code).toBe('legibility')
  })
})

describe('a layout that changes the zone a playlist plays in', () => {
  const layout = (mainHeight: number) => ({
    id: 'split',
    name: 'Split',
    zones: [
      { id: 'main', name: 'Main', x: 0, y: 0, width: 1, height: mainHeight, playlistId: null },
      {
        id: 'ticker',
        name: 'Ticker',
        x: 0,
        y: mainHeight,
        width: 1,
        height: 1 - mainHeight,
        playlistId: null,
      },
    ],
  })

  beforeEach(async () => {
    await succeed(t.app, 'POST', '/api/playlists', { id: 'welcome', name: 'Welcome', items: [headline] })
    await approveAndPublish(t.app, 'playlist', 'welcome', { author: t.team.editor })
  })

  /** The layout submitted and set on the wall, which shows the whole panel until it is on air. */
  async function onWall(mainHeight: number): Promise<string> {
    const version = await submitted('layouts', layout(mainHeight))
    await succeed(
      t.app,
      'PUT',
      '/api/screens/wall',
      screenBody('wall', 'gate', { ...WALL, defaultPlaylistId: 'welcome', layoutId: 'split' }),
    )
    return version
  }

  it('is refused when its main zone is too thin for the wall’s default playlist, naming it', async () => {
    const version = await onWall(0.12)
    const res = await call('POST', `${version}/approve`, t.team.approver)
    expect(res.statusCode, res.body).toBe(409)
    const findings = res.json().details.findings as LegibilityFinding[]
    expect(findings.length).toBeGreaterThan(0)
    expect(new Set(findings.map((f) => f.playlistId))).toEqual(new Set(['welcome']))
    expect(findings.every((f) => f.problem === 'text-too-small' && f.screens[0] === 'Screen wall')).toBe(true)
  })

  it('is approved when the zone leaves the text legible, and not asked again for the same zones', async () => {
    const first = await onWall(0.85)
    const report = (await call('GET', `${first}/legibility`)).json() as LegibilityReport
    expect(report.shapes.map((s) => [s.zoneWidth, s.zoneHeight])).toEqual([[1920, 816]])
    expect(report.findings).toEqual([])
    expect((await call('POST', `${first}/approve`, t.team.approver)).statusCode).toBe(200)
    expect(
      (await call('POST', '/api/layouts/split/publish', t.team.approver, { version: 1 })).statusCode,
    ).toBe(200)
    const renamed = { ...layout(0.85), name: 'Split (renamed)' }
    expect((await call('PUT', '/api/layouts/split', t.team.editor, renamed)).statusCode).toBe(200)
    expect((await call('POST', '/api/layouts/split/submit', t.team.editor)).statusCode).toBe(201)
    const again = (await call('GET', '/api/layouts/split/versions/2/legibility')).json() as LegibilityReport
    expect(again).toMatchObject({ shapes: [], findings: [] })
  })
})
