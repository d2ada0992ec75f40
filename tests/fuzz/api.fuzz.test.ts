import fc from 'fast-check'
import type { RouteOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { bodyFor, malformedText, pathValue } from '../helpers/arbitraries'
import { expectCatalogued } from '../helpers/error-codes'
import { sqliteStore } from '../helpers/sqlite'

/**
 * Every JSON route, fed random, malformed and hostile input (fast-check): wrong types, huge
 * strings, deep nesting, unicode, `__proto__`/`constructor` keys, broken JSON, hostile path
 * parameters and query strings. Never a 5xx, never a crash, every 4xx with a code from the catalogue, and the database passes SQLite's
 * integrity check afterwards. FUZZ_RUNS sets the number of cases (`npm run fuzz` runs 12,000);
 * the default test run takes a smaller sample.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 600)
const FILE_ROUTES = /^\/(player|console|media|docs)(\/|$)|^\/$/

interface Route {
  method: string
  url: string
  bodyFields: string[]
  queryFields: string[]
}

let t: TestApp
let routes: Route[]
let known: string[]
const fieldsOf = (schema: unknown): string[] =>
  Object.keys(((schema ?? {}) as { properties?: Record<string, unknown> }).properties ?? {})

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  await t.app.ready()
  routes = (t.app.routeTable as RouteOptions[])
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ ...r, method })))
    .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !FILE_ROUTES.test(r.url))
    .map((r) => ({
      method: r.method as string,
      url: r.url,
      bodyFields: fieldsOf(r.schema?.body),
      queryFields: fieldsOf(r.schema?.querystring),
    }))
  const { repos } = t.app
  known = [
    ...repos.screens.list().map((s) => s.id),
    ...repos.sites.list().map((s) => s.id),
    ...repos.playlists.list().map((p) => p.id),
    ...repos.users.list().map((u) => u.id),
    ...repos.media.list().map((m) => m.id),
    // The sources, so that their deletion meets real ones: shown by a seeded playlist or not.
    ...repos.datasets.list().map((d) => d.id),
    ...repos.feeds.list().map((f) => f.id),
    ...repos.capSources.list().map((c) => c.id),
    '1',
    '2',
  ]
})
afterAll(async () => {
  await t?.close()
})

function fill(url: string, values: string[]): string {
  let i = 0
  return url.replace(/:(\w+)/g, () => encodeURIComponent(values[i++ % values.length] ?? 'x'))
}

async function send(route: Route, path: string[], query: [string, string][], payload: string | undefined) {
  const qs = new URLSearchParams(query).toString()
  const url = `${fill(route.url, path)}${qs ? `?${qs}` : ''}`
  const res = await t.app.inject({
    method: route.method as 'GET',
    url,
    ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'application/json' } }),
  })
  return { res, url }
}

const healthy = async () => {
  expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200)
  expect(sqliteStore(t.app.db).pragma('integrity_check', { simple: true })).toBe('ok')
}

describe('fuzzing every JSON route', () => {
  it('lists the routes it fuzzes', () => {
    expect(routes.length).toBeGreaterThan(60)
    expect(routes.some((r) => r.url === '/api/playlists/:id' && r.method === 'PUT')).toBe(true)
    for (const url of ['/api/datasets/:id', '/api/feeds/:id', '/api/cap-sources/:id'])
      expect(
        routes.some((r) => r.url === url && r.method === 'DELETE'),
        url,
      ).toBe(true)
    expect(routes.some((r) => r.url === '/api/approvers' && r.method === 'GET')).toBe(true)
  })

  it(`answers random and hostile bodies, parameters and queries with 2xx–4xx, never 5xx (${RUNS} cases)`, async () => {
    const routeArb = fc.integer({ min: 0, max: Math.max(0, routes.length - 1) }).map((i) => routes[i]!)
    const input = routeArb.chain((route) =>
      fc.record({
        route: fc.constant(route),
        path: fc.array(pathValue(known), { minLength: 3, maxLength: 3 }),
        query: fc.array(
          fc.tuple(
            route.queryFields.length > 0
              ? fc.constantFrom(...route.queryFields)
              : fc.string({ maxLength: 8 }),
            fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '-1', '1e999', 'x'.repeat(5000))),
          ),
          { maxLength: 4 },
        ),
        payload:
          route.method === 'GET' || route.method === 'DELETE'
            ? fc.constant(undefined)
            : fc.oneof(bodyFor(route.bodyFields), bodyFor(route.bodyFields), malformedText),
      }),
    )
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(input, async ({ route, path, query, payload }) => {
        const { res, url } = await send(route, path, query, payload)
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
        if (res.statusCode >= 500)
          throw new Error(
            `${route.method} ${url} → ${res.statusCode}: ${res.body.slice(0, 300)}\nbody: ${payload?.slice(0, 300)}`,
          )
        // Every refusal names its code from the catalogue, whatever the input that provoked it.
        if (res.statusCode >= 400) expectCatalogued(res.statusCode, res.json(), `${route.method} ${url}`)
      }),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    )
    // The input got past validation into the handlers, not only refused at the door.
    const count = (test: (s: number) => boolean) =>
      [...statuses].filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0)
    expect(
      count((s) => s >= 200 && s < 300),
      JSON.stringify([...statuses]),
    ).toBeGreaterThan(RUNS / 50)
    expect(
      count((s) => s === 404 || s === 409),
      JSON.stringify([...statuses]),
    ).toBeGreaterThan(0)
    await healthy()
  }, 600_000)

  it('answers every body route with a malformed body as a 4xx', async () => {
    const bodies = [
      '{',
      '{"__proto__":{"admin":true}}',
      `{"a":${'['.repeat(3_000)}`,
      `"${'x'.repeat(1_100_000)}"`,
    ]
    for (const route of routes.filter(
      (r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH',
    )) {
      for (const payload of bodies) {
        const { res, url } = await send(route, known.slice(0, 3), [], payload)
        expect(res.statusCode, `${route.method} ${url}`).toBeGreaterThanOrEqual(400)
        expect(res.statusCode, `${route.method} ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500)
        expectCatalogued(res.statusCode, res.json(), `${route.method} ${url}`)
      }
    }
    // Nothing polluted the prototype of every object.
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    await healthy()
  }, 300_000)
})
