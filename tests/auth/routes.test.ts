import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PERMISSIONS, type Permission, rolesFor } from '@playlists/auth/permissions'
import type { Role } from '@playlists/schemas/accounts'
import { buildApp } from '@server/app'
import type { RouteOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Member, seedMinimal, type TestApp } from '../helpers/app'

/**
 * Authorization everywhere (issue 6, item 2): every registered route is walked and must refuse a
 * caller with no credentials (401), with a malformed or unknown token (401), with a role below
 * its permission (403), and a screen's token (403) — and let its least role through. A route
 * added later without a declaration stops the app from starting, and so fails here.
 */

/** Routes meant for anyone; any other route declared public fails the walk. */
const PUBLIC = [
  /^\/api\/health$/,
  /^\/api\/auth\/login$/,
  /^\/api\/pairing(\/:id)?$/,
  /^\/$/,
  /^\/favicon\.ico$/,
  /^\/docs(\/.*)?$/,
  /^\/player(\/.*)?$/,
  /^\/console(\/.*)?$/,
  /^\/media(\/.*)?$/,
  // An alert source's own endpoint: no account opens it, its push token does (checked by the route;
  // tests/api/cap-sources.test.ts refuses a missing, wrong or another source's token).
  /^\/api\/cap-sources\/:id\/alerts$/,
  // A site's on-air feed: off, public or token as its admin chose (checked by the route;
  // tests/api/on-air-feed.test.ts refuses an off feed, and a missing or wrong token).
  /^\/feeds\/sites\/:id\/on-air\.atom$/,
]

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

let t: TestApp
let screenToken: string
let routes: { method: string; url: string; permission: Permission; audit?: string }[]

beforeAll(async () => {
  t = await createTestApp()
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  screenToken = t.app.repos.screenTokens.issue('screen-a').secret
  await t.app.ready()
  routes = t.app.routeTable.flatMap((r: RouteOptions) =>
    (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({
      method,
      url: r.url ?? '',
      permission: r.config?.permission as Permission,
      audit: r.config?.audit,
    })),
  )
})
afterAll(() => t.close())

/** A concrete URL for a route pattern: every parameter filled with a plausible id. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x-1').replace(/\*$/, 'index.html')

async function call(route: { method: string; url: string }, headers: Record<string, string>) {
  const res = await t.anonymous({
    method: route.method as 'GET',
    url: concrete(route.url),
    headers: { ...headers, 'content-type': 'application/json' },
    ...(READS.has(route.method) ? {} : { payload: '{}' }),
  })
  return res.statusCode
}

const member = (role: Role): Member =>
  ({ admin: t.team.admin, approver: t.team.approver, editor: t.team.editor, viewer: t.team.viewer })[role]

describe('every route declares who may use it', () => {
  it('finds the whole API in the route table', () => {
    expect(routes.length).toBeGreaterThan(50)
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/playlists', 'PATCH /api/users/:id', 'GET /api/audit']),
    )
  })

  it('declares a known permission on every route, and an audit action on every changing route', () => {
    expect(routes.filter((r) => !Object.hasOwn(PERMISSIONS, r.permission))).toEqual([])
    expect(routes.filter((r) => !READS.has(r.method) && !/^[a-z-]+\.[a-z.-]+$/.test(r.audit ?? ''))).toEqual(
      [],
    )
  })

  it('makes public only the routes meant for anyone', () => {
    const publicRoutes = routes.filter((r) => r.permission === 'public')
    expect(publicRoutes.filter((r) => !PUBLIC.some((p) => p.test(r.url)))).toEqual([])
  })

  it('refuses every non-public route without credentials (401), with a bad token (401), and with a screen token (403)', async () => {
    const wrong: string[] = []
    for (const route of routes) {
      if (route.permission === 'public' || route.method === 'HEAD') continue
      const what = `${route.method} ${route.url}`
      const none = await call(route, {})
      if (none !== 401) wrong.push(`${what}: no credentials → ${none}`)
      const malformed = await call(route, { authorization: 'Bearer not-a-gatecast-token' })
      if (malformed !== 401) wrong.push(`${what}: malformed token → ${malformed}`)
      const unknown = await call(route, { authorization: `Bearer gct_${'A'.repeat(43)}` })
      if (unknown !== 401) wrong.push(`${what}: unknown token → ${unknown}`)
      if (route.permission !== 'screen') {
        const screen = await call(route, { authorization: `Bearer ${screenToken}` })
        if (screen !== 403) wrong.push(`${what}: a screen's token → ${screen}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('refuses every role below a route’s permission (403) and lets its least role through', async () => {
    const wrong: string[] = []
    for (const route of routes) {
      if (route.permission === 'public' || route.permission === 'screen' || route.method === 'HEAD') continue
      const allowed = rolesFor(route.permission)
      for (const role of ['viewer', 'editor', 'approver', 'admin'] as const) {
        const status = await call(route, member(role).headers)
        const ok = allowed.includes(role)
        if (!ok && status !== 403)
          wrong.push(`${route.method} ${route.url} as ${role}: ${status}, wanted 403`)
        if (ok && (status === 401 || status === 403 || status >= 500)) {
          wrong.push(`${route.method} ${route.url} as ${role}: ${status}, wanted it let through`)
        }
      }
    }
    expect(wrong).toEqual([])
  }, 60_000)

  it('records refusals as security events, naming who was refused what', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/sites/gate',
      headers: t.team.viewer.headers,
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toMatch(/needs the role admin; you act as viewer/)
    const [entry] = t.app.repos.audit.query({ action: 'access.denied', actor: 'viewer', limit: 1 })
    expect(entry).toMatchObject({
      outcome: 'denied',
      actor: { kind: 'user', name: 'viewer' },
      objectType: 'site',
      objectId: 'gate',
    })
    expect(entry?.detail).toMatch(/^DELETE \/api\/sites\/gate: This needs the role admin/)
    // Still there: a refused action changes nothing.
    expect((await t.app.inject({ method: 'GET', url: '/api/sites/gate' })).statusCode).toBe(200)
  })
})

describe('a route added without a declaration', () => {
  it('stops the app from starting, naming the route', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-undeclared-'))
    const app = await buildApp({ dataDir })
    try {
      app.get('/api/forgotten', async () => ({ secret: true }))
      await expect(app.ready()).rejects.toThrow(/without a permission declaration.*GET \/api\/forgotten/)
    } finally {
      await app.close().catch(() => undefined)
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('stops the app from starting when a changing route names no audit action', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-unaudited-'))
    const app = await buildApp({ dataDir })
    try {
      app.post('/api/unrecorded', { config: { permission: 'content:write' } }, async () => ({}))
      await expect(app.ready()).rejects.toThrow(/without an audit declaration.*POST \/api\/unrecorded/)
    } finally {
      await app.close().catch(() => undefined)
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
