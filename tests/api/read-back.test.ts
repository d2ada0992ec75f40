import { CONTRACT } from '@playlists/api/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, succeed, type TestApp } from '../helpers/app'
import { feedBody } from '../helpers/feeds'
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

/** Made before the round trip, for the kinds the seed has none of. */
async function madeObjects(app: TestApp['app']): Promise<void> {
  await succeed(app, 'POST', '/api/feeds', feedBody('portal', 'https://langson.gov.vn/rss'))
  await succeed(app, 'POST', '/api/schedules', {
    id: 'evening-slot',
    name: 'Evening',
    playlistId: 'welcome',
    target: { type: 'site', id: 'chi-ma' },
    window: { start: '18:00', end: '22:00' },
  })
  await succeed(app, 'POST', '/api/cap-sources', {
    name: 'Đài KTTV Lạng Sơn',
    mode: 'push',
    policy: { exercises: 'mark', sites: [], geocodes: [], defaultMinutes: 60, breakGlass: null },
  })
  await succeed(app, 'POST', '/api/alerts/webhooks', {
    name: 'Trực ban',
    url: 'https://hooks.example.test/gatecast',
  })
  await succeed(app, 'POST', '/api/users', {
    username: 'le-thi-hoa',
    displayName: 'Lê Thị Hoa',
    role: 'editor',
    password: 'hoa dao xu lang 2026',
  })
}

/** The objects of a kind: its list answer, a page of items, or the cap sources' list of `{ source }`. */
const objectsOf = (answer: unknown): Record<string, unknown>[] => {
  const list = Array.isArray(answer) ? answer : ((answer as { items?: unknown[] }).items ?? [])
  return list.map((o) => ((o as { source?: unknown }).source ?? o) as Record<string, unknown>)
}

/** Changes with every write, by design. */
const settled = ({ updatedAt: _u, draftRevision: _d, ...rest }: Record<string, unknown>) => rest

describe('every object sent back as it was read', () => {
  // Each PUT or PATCH of one object (`/api/<kind>/:id`), from the route contract: a new one is in
  // this test the day it is added.
  // A site's alert rules are written bare and answered wrapped (`{ siteId, rules }`): not an
  // object read back.
  const writes = CONTRACT.filter(
    (r) =>
      (r.method === 'PUT' || r.method === 'PATCH') &&
      /^\/api\/[a-z/-]+\/:id$/.test(r.path) &&
      r.path !== '/api/alerts/rules/sites/:id',
  )

  it('is accepted for every kind, and changes nothing', async () => {
    t = await createTestApp({ seed: true })
    await madeObjects(t.app)
    expect(writes.length).toBeGreaterThanOrEqual(10)
    for (const write of writes) {
      const listPath = write.path.replace('/:id', '')
      const [first] = objectsOf(await succeed(t.app, 'GET', listPath))
      expect(first, `${listPath} has an object to send back`).toBeDefined()
      const path = write.path.replace(':id', String(first!.id))
      const single = CONTRACT.some((r) => r.method === 'GET' && r.path === write.path)
      const read = single ? await succeed(t.app, 'GET', path) : first!
      const res = await t.app.inject({ method: write.method, url: path, payload: read })
      expect(res.statusCode, `${write.method} ${path}: ${res.body}`).toBe(200)
      const again = single
        ? await succeed(t.app, 'GET', path)
        : objectsOf(await succeed(t.app, 'GET', listPath))[0]!
      expect(settled(again), `${write.method} ${path}`).toEqual(settled(read))
    }
  })

  it('refuses the body of another object, and a field no answer carries', async () => {
    t = await createTestApp({ seed: true })
    await madeObjects(t.app)
    const media = objectsOf(await succeed(t.app, 'GET', '/api/media'))
    expect(media.length).toBeGreaterThan(1)
    const [a, b] = media as [Record<string, unknown>, Record<string, unknown>]
    const other = await t.app.inject({
      method: 'PATCH',
      url: `/api/media/${a.id}`,
      payload: { ...b, name: 'x.png' },
    })
    expect(other.statusCode, other.body).toBe(400)
    expect(other.json()).toMatchObject({ code: 'validation.id-mismatch', params: { id: a.id, bodyId: b.id } })
    expect((await succeed(t.app, 'GET', `/api/media/${a.id}`)).name).toBe(a.name)

    const [user] = objectsOf(await succeed(t.app, 'GET', '/api/users')).filter(
      (u) => u.username === 'le-thi-hoa',
    )
    const typo = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user!.id}`,
      payload: { ...user, dispayName: 'Lê Thị Hòa' },
    })
    expect(typo.statusCode, typo.body).toBe(400)
    expect(typo.json()).toMatchObject({ code: 'validation.unknown-field', params: { name: 'dispayName' } })
  })

  it('refuses a change to what only another route sets, rather than ignoring it', async () => {
    t = await createTestApp({ seed: true })
    await madeObjects(t.app)
    const [user] = objectsOf(await succeed(t.app, 'GET', '/api/users')).filter(
      (u) => u.username === 'le-thi-hoa',
    )
    const [source] = objectsOf(await succeed(t.app, 'GET', '/api/cap-sources'))
    const dataset = await succeed(t.app, 'GET', '/api/datasets/exchange-rates')
    expect(dataset.rows.length).toBeGreaterThan(0)
    for (const [url, method, body, field] of [
      [`/api/users/${user!.id}`, 'PATCH', { ...user, username: 'hoa', displayName: 'Hoa' }, 'username'],
      [`/api/cap-sources/${source!.id}`, 'PATCH', { ...source, mode: 'pull', name: 'x' }, 'mode'],
      ['/api/datasets/exchange-rates', 'PUT', { ...dataset, rows: dataset.rows.slice(1), name: 'x' }, 'rows'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: body })
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400)
      expect(res.json()).toMatchObject({ code: 'validation.read-only', params: { name: field } })
    }
    // Nothing was written.
    expect((await succeed(t.app, 'GET', `/api/cap-sources/${source!.id}`)).name).toBe(source!.name)
    expect(await succeed(t.app, 'GET', '/api/datasets/exchange-rates')).toEqual(dataset)
    // A pulled source's url cannot be "none"; a pushed one's is.
    const pushed = await t.app.inject({
      method: 'PATCH',
      url: `/api/cap-sources/${source!.id}`,
      payload: { url: null, intervalMinutes: null },
    })
    expect(pushed.statusCode, pushed.body).toBe(200)
  })
})
