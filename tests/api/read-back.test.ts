import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, succeed, type TestApp } from '../helpers/app'
import { DIM, OUT_OF_ORDER } from '../helpers/power'

/**
 * A site or a screen read and sent back as it came (the way scripts and the console edit one
 * field): every field the answer carries is accepted again, changes nothing when unchanged, and
 * is applied as its own route applies it when changed. A field that only its own route could set
 * once made the whole PUT a 400.
 */
let t: TestApp
afterEach(() => t.close())

const input = ({ createdAt: _a, updatedAt: _b, ...rest }: Record<string, unknown>) => rest

describe('a site or screen sent back as it was read', () => {
  it('is accepted for every seeded site and screen, and changes nothing', async () => {
    t = await createTestApp({ seed: true })
    for (const kind of ['sites', 'screens']) {
      const all = (await succeed(t.app, 'GET', `/api/${kind}`)) as Record<string, unknown>[]
      expect(all.length).toBeGreaterThan(2)
      for (const read of all) {
        const back = await succeed(t.app, 'PUT', `/api/${kind}/${read.id}`, input(read))
        expect(input(back), `${kind}/${read.id}`).toEqual(input(read))
      }
    }
  })

  it('applies a changed plan or access as their own routes do: audited, the followers republished', async () => {
    t = await createTestApp({ seed: true })
    const site = await succeed(t.app, 'GET', '/api/sites/chi-ma')
    const screen = await succeed(t.app, 'GET', '/api/screens/chi-ma-led')
    const before = (await succeed(t.app, 'GET', '/api/screens/chi-ma-led/document')).version
    const changed = await succeed(t.app, 'PUT', '/api/sites/chi-ma', {
      ...input(site),
      powerPlan: DIM,
      onAirFeed: 'public',
    })
    expect(changed).toMatchObject({ powerPlan: DIM, onAirFeed: 'public' })
    const doc = await succeed(t.app, 'GET', '/api/screens/chi-ma-led/document')
    expect(doc.version).toBeGreaterThan(before)
    expect(doc.screen.power.plan).toEqual(DIM)
    const history = await succeed(t.app, 'GET', '/api/audit?objectType=screen&objectId=chi-ma-led')
    expect(history.map((e: { action: string }) => e.action)).toContain('screen.power-plan')

    const own = await succeed(t.app, 'PUT', '/api/screens/chi-ma-led', { ...input(screen), powerPlan: DIM })
    expect(own.powerPlan).toEqual(DIM)
    const followed = await succeed(t.app, 'PUT', '/api/screens/chi-ma-led', {
      ...input(own),
      powerPlan: null,
    })
    expect(followed.powerPlan).toBeNull()
  })

  it('refuses a plan the schema allows but the rules do not, and changes nothing', async () => {
    t = await createTestApp({ seed: true })
    const screen = await succeed(t.app, 'GET', '/api/screens/chi-ma-led')
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/screens/chi-ma-led',
      payload: {
        ...input(screen),
        name: 'renamed',
        powerPlan: OUT_OF_ORDER,
      },
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().code).toBe('power-plan.invalid')
    expect((await succeed(t.app, 'GET', '/api/screens/chi-ma-led')).name).toBe(screen.name)
  })
})
