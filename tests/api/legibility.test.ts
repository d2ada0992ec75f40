import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { playlistFindings } from '@playlists/legibility/check'
import { PLANNED_SHAPES, shapesOf } from '@playlists/legibility/shapes'
import type { LegibilityFinding, LegibilityReport } from '@playlists/schemas/legibility'
import type { Screen } from '@playlists/schemas/screen'
import { LAYOUT_PRESETS } from '@server/layouts/presets'
import { ROOT } from '@server/paths'
import { afterEach, describe, expect, it } from 'vitest'
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
import { CROWDED_SLIDE, WALL } from '../helpers/legibility'

/**
 * Legibility through the API (issue 17 point 3): screens carry their pixel pitch and viewing
 * distance; a playlist version whose slides fail the check on the screens it reaches is not
 * approved unless the approver records why; the seeded content passes.
 */
let t: TestApp
afterEach(() => t?.close())

const call = (method: Method, url: string, as?: Member, payload?: object) =>
  injectAs(t.app, method, url, as, payload)

/** The editor's playlist "notice" with the crowded slide, shown by default on the wall "led". */
async function crowdedOnWall(facts: object = WALL) {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', siteBody())
  const { editor } = t.team
  const made = await call('POST', '/api/playlists', editor, {
    id: 'notice',
    name: 'Notice',
    items: [CROWDED_SLIDE],
  })
  expect(made.statusCode, made.body).toBe(201)
  await succeed(
    t.app,
    'POST',
    '/api/screens',
    screenBody('led', 'gate', { defaultPlaylistId: 'notice', ...facts }),
  )
  expect((await call('POST', '/api/playlists/notice/submit', editor)).statusCode).toBe(201)
}

describe('screens carry their physical facts', () => {
  it('stores, updates and reads pixel pitch and viewing distance; null when not recorded', async () => {
    t = await createTestApp()
    await succeed(t.app, 'POST', '/api/sites', siteBody())
    const created = await call('POST', '/api/screens', undefined, screenBody('led', 'gate', WALL))
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject(WALL)
    const updated = await call(
      'PUT',
      '/api/screens/led',
      undefined,
      screenBody('led', 'gate', { pixelPitchMm: 0.49, viewingDistanceM: 2.5 }),
    )
    expect(updated.json()).toMatchObject({ pixelPitchMm: 0.49, viewingDistanceM: 2.5 })
    expect((await call('GET', '/api/screens/led')).json()).toMatchObject({
      pixelPitchMm: 0.49,
      viewingDistanceM: 2.5,
    })
    const plain = await call('POST', '/api/screens', undefined, screenBody('plain'))
    expect(plain.json()).toMatchObject({ pixelPitchMm: null, viewingDistanceM: null })
  })

  it('refuses a pitch or distance outside what any panel has, with a 400 naming the field', async () => {
    t = await createTestApp()
    await succeed(t.app, 'POST', '/api/sites', siteBody())
    for (const [field, value] of [
      ['pixelPitchMm', 0],
      ['pixelPitchMm', 600],
      ['viewingDistanceM', 0.1],
      ['viewingDistanceM', 5000],
      ['viewingDistanceM', '20'],
    ] as const) {
      const res = await call('POST', '/api/screens', undefined, screenBody('bad', 'gate', { [field]: value }))
      expect(res.statusCode, `${field}=${value}`).toBe(400)
      expect(res.json().message).toContain(field)
    }
  })
})

describe('approval checks legibility on the screens a playlist reaches', () => {
  it('refuses to approve a version with text shrunk below the minimum, naming slide, screen and script', async () => {
    await crowdedOnWall()
    const res = await call('POST', '/api/playlists/notice/versions/1/approve', t.team.approver)
    expect(res.statusCode).toBe(409)
    const body = res.json()
    expect(body.message).toMatch(/legibility/)
    expect(body.message).toContain('item 1 (crowded) on 1920x960 (Screen led), vi (vietnamese)')
    expect(body.details.code).toBe('legibility')
    const findings = body.details.findings as LegibilityFinding[]
    expect(findings.map((f) => [f.itemId, f.shapeId, f.lang, f.problem])).toEqual([
      ['crowded', '1920x960', 'vi', 'text-too-small'],
      ['crowded', '1920x960', 'zh', 'text-too-small'],
      ['crowded', '1920x960', 'en', 'text-too-small'],
    ])
    expect(findings[0]!.screens).toEqual(['Screen led'])
    expect((await call('GET', '/api/playlists/notice/versions/1')).json().state).toBe('submitted')
  })

  it('approves with an override and its reason, kept with the approval and in the audit log', async () => {
    await crowdedOnWall()
    const reason = 'Passport notice ordered by the border guard; a larger version follows tomorrow'
    const res = await call('POST', '/api/playlists/notice/versions/1/approve', t.team.approver, {
      legibilityOverride: reason,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ state: 'approved', legibilityOverride: reason })
    expect(res.json().legibilityFindings).toHaveLength(3)
    const kept = (await call('GET', '/api/playlists/notice/versions/1')).json()
    expect(kept).toMatchObject({
      legibilityOverride: reason,
      legibilityFindings: res.json().legibilityFindings,
    })
    const [entry] = t.app.repos.audit.query({ action: 'playlist.approve', limit: 5 })
    expect(entry?.detail).toContain(`legibility overridden (3 findings): ${reason}`)
    expect(entry?.after).toMatchObject({ legibilityOverride: reason })
  })

  it('requires the override’s reason: an empty or blank one is refused with a 400', async () => {
    await crowdedOnWall()
    for (const legibilityOverride of ['', '   ']) {
      const res = await call('POST', '/api/playlists/notice/versions/1/approve', t.team.approver, {
        legibilityOverride,
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(/legibilityOverride/)
    }
    expect((await call('GET', '/api/playlists/notice/versions/1')).json().state).toBe('submitted')
  })

  it('approves the same slide on a screen read from close by, where it is legible', async () => {
    await crowdedOnWall({ pixelPitchMm: 0.49, viewingDistanceM: 1 })
    const res = await call('POST', '/api/playlists/notice/versions/1/approve', t.team.approver)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().legibilityOverride).toBeNull()
  })

  it('does not check a screen nobody recorded facts for, and says so in the report', async () => {
    await crowdedOnWall({})
    const report = (await call('GET', '/api/playlists/notice/legibility')).json() as LegibilityReport
    expect(report).toMatchObject({ planned: false, shapes: [], unchecked: ['Screen led'], findings: [] })
    expect((await call('POST', '/api/playlists/notice/versions/1/approve', t.team.approver)).statusCode).toBe(
      200,
    )
  })

  it('reports a playlist no screen shows on the planned panels, as advice that does not block', async () => {
    t = await createTestApp()
    const { editor, approver } = t.team
    await call('POST', '/api/playlists', editor, { id: 'notice', name: 'Notice', items: [CROWDED_SLIDE] })
    const report = (await call('GET', '/api/playlists/notice/legibility')).json() as LegibilityReport
    expect(report.planned).toBe(true)
    expect(report.shapes.map((s) => s.id)).toEqual(PLANNED_SHAPES.map((s) => s.id))
    expect(report.findings.length).toBeGreaterThan(0)
    await call('POST', '/api/playlists/notice/submit', editor)
    expect((await call('POST', '/api/playlists/notice/versions/1/approve', approver)).statusCode).toBe(200)
  })
})

describe('the seeded content', () => {
  const seeded = readdirSync(join(ROOT, 'server/seed/content/playlists')).map(
    (f) =>
      JSON.parse(readFileSync(join(ROOT, 'server/seed/content/playlists', f), 'utf8')) as {
        id: string
        items: { id: string; kind: string; durationMs: number }[]
      },
  )

  it('passes the check on the screens each seeded playlist reaches, and on every planned panel', async () => {
    t = await createTestApp({ seed: true })
    for (const playlist of seeded) {
      const report = (
        await call('GET', `/api/playlists/${playlist.id}/legibility`)
      ).json() as LegibilityReport
      expect(report.unchecked, playlist.id).toEqual([])
      expect(report.findings, playlist.id).toEqual([])
      expect(playlistFindings(playlist.items, PLANNED_SHAPES), playlist.id).toEqual([])
    }
    const welcome = (await call('GET', '/api/playlists/welcome/legibility')).json() as LegibilityReport
    expect(welcome.shapes.map((s) => s.screens)).toEqual([['Tân Thanh outdoor LED']])
  })

  it('plans for exactly the seeded screens’ shapes: each panel’s main zone, pitch and distance', async () => {
    t = await createTestApp({ seed: true })
    const screens = (await call('GET', '/api/screens')).json() as Screen[]
    const reached = screens.map((s) => ({
      ...s,
      defaultPlaylistId: 'any',
      zones: LAYOUT_PRESETS.find((p) => p.id === s.layoutId)?.zones ?? null,
    }))
    const { shapes } = shapesOf('any', reached)
    const order = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id))
    expect(order(shapes.map(({ screens: _, ...shape }) => shape))).toEqual(
      order(PLANNED_SHAPES.map(({ screens: _, ...shape }) => shape)),
    )
  })
})
