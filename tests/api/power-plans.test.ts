import { ALWAYS_ON, type PowerPlan } from '@playlists/schemas/power'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, injectAs, screenBody, siteBody, succeed, type TestApp } from '../helpers/app'
import { DIM, OUT_OF_ORDER, weeklyHours } from '../helpers/power'

/**
 * Operating hours and brightness (issue 20 part 3) through the API: a site's plan is the default
 * of its screens, a screen may override it; admins set them; each change is audited (on the
 * site, and in every affected screen's history) and republishes exactly the screens it changes.
 */
let t: TestApp

const GATE_HOURS: PowerPlan = {
  hours: weeklyHours([{ start: '06:00', end: '22:00' }], [{ start: '07:00', end: '12:00' }], []),
  brightness: {
    mode: 'sun',
    day: 100,
    night: 30,
    cap: { window: { start: '23:00', end: '05:00' }, level: 20 },
  },
}
beforeEach(async () => {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', {
    ...siteBody('gate'),
    location: { latitude: 21.85, longitude: 106.76 },
  })
  await succeed(t.app, 'POST', '/api/sites', siteBody('other'))
  for (const id of ['a', 'b']) await succeed(t.app, 'POST', '/api/screens', screenBody(id, 'gate'))
  await succeed(t.app, 'POST', '/api/screens', screenBody('elsewhere', 'other'))
})
afterEach(() => t.close())

const documentOf = async (id: string) => succeed(t.app, 'GET', `/api/screens/${id}/document`)
const versions = async () =>
  Object.fromEntries(
    await Promise.all(['a', 'b', 'elsewhere'].map(async (id) => [id, (await documentOf(id)).version])),
  )
const history = async (objectType: string, objectId: string) =>
  (await succeed(t.app, 'GET', `/api/audit?objectType=${objectType}&objectId=${objectId}`)) as {
    action: string
    before: unknown
    after: unknown
  }[]

describe('power plans', () => {
  it('starts every site and screen always on at full brightness, in their documents too', async () => {
    expect((await succeed(t.app, 'GET', '/api/sites/gate')).powerPlan).toEqual(ALWAYS_ON)
    expect((await succeed(t.app, 'GET', '/api/screens/a')).powerPlan).toBeNull()
    expect((await documentOf('a')).screen.power).toEqual({
      plan: ALWAYS_ON,
      source: 'site',
      latitude: 21.85,
      longitude: 106.76,
    })
  })

  it('puts a site’s plan in its screens’ documents, republishing only those screens', async () => {
    const before = await versions()
    const site = await succeed(t.app, 'PUT', '/api/sites/gate/power-plan', GATE_HOURS)
    expect(site.powerPlan).toEqual(GATE_HOURS)
    const after = await versions()
    expect(after).toEqual({ a: before.a + 1, b: before.b + 1, elsewhere: before.elsewhere })
    expect((await documentOf('b')).screen.power.plan).toEqual(GATE_HOURS)
  })

  it('lets a screen override its site, and leaves it alone when the site changes later', async () => {
    const screen = await succeed(t.app, 'PUT', '/api/screens/a/power-plan', { plan: DIM })
    expect(screen.powerPlan).toEqual(DIM)
    expect((await documentOf('a')).screen.power).toMatchObject({ plan: DIM, source: 'screen' })
    const before = await versions()
    await succeed(t.app, 'PUT', '/api/sites/gate/power-plan', GATE_HOURS)
    const after = await versions()
    // Screen a keeps its own plan: its document is not published again.
    expect(after).toEqual({ a: before.a, b: before.b + 1, elsewhere: before.elsewhere })
    // Back to the site's plan.
    await succeed(t.app, 'PUT', '/api/screens/a/power-plan', { plan: null })
    expect((await documentOf('a')).screen.power).toMatchObject({ plan: GATE_HOURS, source: 'site' })
  })

  it('records the change on the site and in the history of every screen that follows it', async () => {
    await succeed(t.app, 'PUT', '/api/screens/a/power-plan', { plan: DIM })
    await succeed(t.app, 'PUT', '/api/sites/gate/power-plan', GATE_HOURS)
    const siteEntries = await history('site', 'gate')
    expect(siteEntries[0]).toMatchObject({ action: 'site.power-plan', after: { powerPlan: GATE_HOURS } })
    const b = await history('screen', 'b')
    expect(b[0]).toMatchObject({
      action: 'screen.power-plan',
      before: { source: 'site', plan: ALWAYS_ON },
      after: { source: 'site', plan: GATE_HOURS },
    })
    // Screen a has its own plan: the site's change is not its change; its own change is there.
    const a = await history('screen', 'a')
    expect(a.map((e) => e.action)).toEqual(['screen.power-plan', 'screen.create'])
    expect(a[0]).toMatchObject({ after: { powerPlan: DIM } })
  })

  it('refuses anyone but an admin', async () => {
    for (const member of [t.team.editor, t.team.approver, t.team.viewer]) {
      const site = await injectAs(t.app, 'PUT', '/api/sites/gate/power-plan', member, GATE_HOURS)
      expect(site.statusCode).toBe(403)
      const screen = await injectAs(t.app, 'PUT', '/api/screens/a/power-plan', member, { plan: DIM })
      expect(screen.statusCode).toBe(403)
    }
    expect((await succeed(t.app, 'GET', '/api/sites/gate')).powerPlan).toEqual(ALWAYS_ON)
  })

  it('refuses plans that make no sense with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...GATE_HOURS, hours: { mode: 'weekly', days: [[], [], []] } }, 'validation'],
      [
        { ...DIM, brightness: { mode: 'fixed', steps: [{ from: '06:00', level: 101 }], cap: null } },
        'validation',
      ],
      [{ ...DIM, brightness: { mode: 'sun', day: 100, night: -1, cap: null } }, 'validation'],
      [{ ...DIM, brightness: { mode: 'dusk', day: 100, night: 10, cap: null } }, 'validation'],
      [{ ...DIM, colour: 'red' }, 'validation'],
      [
        {
          ...GATE_HOURS,
          hours: { mode: 'weekly', days: [[{ start: '08:00', end: '08:00' }], [], [], [], [], [], []] },
        },
        'power-plan.invalid',
      ],
      [OUT_OF_ORDER, 'power-plan.invalid'],
      [
        {
          ...DIM,
          brightness: { ...DIM.brightness, cap: { window: { start: '25:00', end: '05:00' }, level: 10 } },
        },
        'power-plan.invalid',
      ],
    ]
    for (const [body, code] of cases) {
      for (const [url, payload] of [
        ['/api/sites/gate/power-plan', body],
        ['/api/screens/a/power-plan', { plan: body }],
      ] as const) {
        const res = await t.app.inject({ method: 'PUT', url, payload: payload as object })
        expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBe(400)
        expect(res.json().code.startsWith(code), res.body).toBe(true)
      }
    }
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/sites/gate/power-plan',
      payload: OUT_OF_ORDER,
    })
    expect(bad.json()).toMatchObject({ code: 'power-plan.invalid', field: 'brightness.steps.1.from' })
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/sites/nowhere/power-plan', payload: DIM })).statusCode,
    ).toBe(404)
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/screens/nowhere/power-plan', payload: { plan: null } }))
        .statusCode,
    ).toBe(404)
    expect((await succeed(t.app, 'GET', '/api/sites/gate')).powerPlan).toEqual(ALWAYS_ON)
  })
})
