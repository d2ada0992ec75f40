import { TRANSLATED_CODES } from '@console/i18n/error-codes'
import { DICTIONARIES } from '@console/i18n/i18n'
import { placeholderNames } from '@console/i18n/plural'
import type { RouteOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { expectCatalogued } from '../helpers/error-codes'

/**
 * Every refusal names a code from the catalogue (playlists/schemas/error-codes.ts), so that a
 * client never reads the English sentence. Each route is sent what it must refuse: no
 * credentials, too small a role, objects that do not exist, a body of the wrong shape, broken
 * JSON; every 4xx that comes back carries a known code whose kind is the status sent.
 */

const FILE_ROUTES = /^\/(player|console|media|docs)(\/|$)|^\/$/
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

interface Route {
  method: string
  url: string
}

let t: TestApp
let routes: Route[]

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  await t.app.ready()
  routes = (t.app.routeTable as RouteOptions[])
    .flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ method, url: r.url })),
    )
    .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !FILE_ROUTES.test(r.url))
})
afterAll(async () => {
  await t?.close()
})

/**
 * The params of a refusal that the console's sentence for its code does not name, in any of
 * its languages: a reader of vi or zh would be told less than the English says.
 */
function unnamedParams(code: string, params: Record<string, unknown> | undefined, where: string): string[] {
  if (!TRANSLATED_CODES.has(code) || !params) return []
  const sentences = DICTIONARIES.get('error-codes')!
  return (['vi', 'zh', 'en'] as const).flatMap((lang) => {
    const named = placeholderNames(sentences[lang][code]!)
    return Object.keys(params)
      .filter((name) => !named.includes(name))
      .map((name) => `${where}: ${lang}.${code} does not name {${name}}`)
  })
}

const fill = (url: string, value: string) => url.replace(/:(\w+)/g, () => encodeURIComponent(value))

describe('error codes', () => {
  it('answers every refusal of every route with a code from the catalogue', async () => {
    expect(routes.length).toBeGreaterThan(60)
    const seen = new Map<string, number>()
    const unsaid: string[] = []
    const statuses = new Set<number>()
    const check = async (
      who: 'admin' | 'viewer' | 'anonymous',
      route: Route,
      path: string,
      body?: string,
    ) => {
      const url = fill(route.url, path)
      const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' }
      if (who === 'viewer') Object.assign(headers, t.team.viewer.headers)
      const inject = who === 'anonymous' ? t.anonymous : t.app.inject.bind(t.app)
      const res = await inject({
        method: route.method as 'GET',
        url,
        headers,
        ...(body === undefined ? {} : { payload: body }),
      })
      if (res.statusCode < 400) return
      expect(res.statusCode, `${who} ${route.method} ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500)
      const code = expectCatalogued(res.statusCode, res.json(), `${who} ${route.method} ${url}`)
      seen.set(code, (seen.get(code) ?? 0) + 1)
      unsaid.push(...unnamedParams(code, res.json().params, `${route.method} ${url}`))
      statuses.add(res.statusCode)
    }
    for (const route of routes) {
      const write = WRITES.has(route.method) && route.method !== 'DELETE'
      await check('anonymous', route, 'ghost')
      if (WRITES.has(route.method)) await check('viewer', route, 'ghost', write ? '{}' : undefined)
      // Objects that do not exist, ids that are not ids, bodies of the wrong shape, broken JSON.
      for (const path of ['ghost', 'NOT AN ID!']) {
        await check('admin', route, path, write ? '{"name":7,"id":"NOT AN ID!","items":"x"}' : undefined)
      }
      if (write) await check('admin', route, 'ghost', '{"broken":')
    }
    // The walk reached the handlers' own refusals, not only the door's.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([400, 401, 403, 404]))
    for (const code of [
      'auth.sign-in-required',
      'auth.role-required',
      'validation.slug',
      'request.malformed',
    ])
      expect(seen.has(code), `${code} among ${JSON.stringify([...seen])}`).toBe(true)
    expect([...seen.keys()].some((code) => code.endsWith('.not-found'))).toBe(true)
    // The console's sentence for each refusal met names every value the server sent with it.
    expect(unsaid).toEqual([])
  })

  it('names the field and the values of a schema refusal', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/sites', payload: { id: 'Not A Slug' } })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expectCatalogued(400, body, 'POST /api/sites')
    // The missing field is the one at fault, named in the params for a client's own sentence.
    expect(body).toMatchObject({ code: 'validation.required', field: 'body.name', params: { name: 'name' } })
    // Each problem carries its own code beside its English words.
    expect(body.details[0]).toMatchObject({
      field: 'body',
      code: 'validation.required',
      params: { name: 'name' },
    })
    const name = { vi: 'Cửa khẩu', zh: '口岸', en: 'Gate' }
    const slug = await t.app.inject({
      method: 'POST',
      url: '/api/sites',
      payload: { id: 'Not A Slug', name },
    })
    expect(slug.json()).toMatchObject({ code: 'validation.slug', field: 'body.id' })
    const long = await t.app.inject({
      method: 'POST',
      url: '/api/sites',
      payload: { name: { ...name, en: 'x'.repeat(500) } },
    })
    expect(long.json()).toMatchObject({
      code: 'validation.too-long',
      field: 'body.name.en',
      params: { limit: expect.any(Number) },
    })
  })

  it('names the missing or taken object and its id', async () => {
    const res = await t.app.inject({ url: '/api/playlists/ghost' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({
      code: 'playlist.not-found',
      params: { id: 'ghost' },
      message: 'Playlist "ghost" does not exist.',
    })
    const site = t.app.repos.sites.list()[0]!
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/sites',
      payload: { id: site.id, name: site.name },
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.json()).toMatchObject({ code: 'site.id-taken', params: { id: site.id } })
  })

  it('names in its params the values the English message names', async () => {
    // A repository's refusal listing what is in the way: the site's screens, and how many.
    const screen = t.app.repos.screens.list()[0]!
    const onSite = t.app.repos.screens
      .list()
      .filter((s) => s.siteId === screen.siteId)
      .map((s) => s.id)
    const site = await t.app.inject({ method: 'DELETE', url: `/api/sites/${screen.siteId}` })
    expect(site.statusCode).toBe(409)
    const { params } = site.json()
    expect(site.json()).toMatchObject({
      code: 'site.has-screens',
      params: { id: screen.siteId, count: onSite.length },
    })
    expect(String(params.screens).split(', ').sort()).toEqual(onSite.sort())

    // A taken name, as typed.
    const admin = t.team.admin
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: admin.username,
        displayName: 'Twin',
        role: 'viewer',
        password: 'a long passphrase 42',
      },
    })
    expect(taken.json()).toMatchObject({
      code: 'user.username-taken',
      params: { username: admin.username },
    })

    // A route's own bound: the longest range it serves.
    const range = await t.app.inject({
      url: '/api/plays?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    })
    expect(range.statusCode).toBe(400)
    expect(range.json()).toMatchObject({ code: 'range.too-long', params: { maxDays: expect.any(Number) } })
    expect(range.json().message).toContain(`at most ${range.json().params.maxDays} days`)

    // A service's refusal naming the version it compared with: the seeded draft is the one on air.
    const playlist = t.app.repos.playlists.list().find((p) => p.items.length > 0)!
    const latest = t.app.repos.versions.latest('playlist', playlist.id)!
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/playlists/${playlist.id}/submit`,
      headers: t.team.editor.headers,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({
      code: 'approval.unchanged',
      params: { type: 'playlist', id: playlist.id, version: latest.number, state: latest.state },
    })

    // A role refusal names the roles that would do and the one held.
    const viewer = await t.app.inject({
      method: 'DELETE',
      url: `/api/playlists/${playlist.id}`,
      headers: t.team.viewer.headers,
    })
    expect(viewer.json()).toMatchObject({
      code: 'auth.role-required',
      params: { needed: expect.stringContaining('admin'), role: 'viewer' },
    })
  })

  it('names the code of an unknown route and of a refused credential', async () => {
    const nowhere = await t.app.inject({ url: '/api/nowhere' })
    expect(nowhere.json()).toMatchObject({ statusCode: 404, code: 'route.not-found' })
    const bad = await t.anonymous({ url: '/api/playlists', headers: { authorization: 'Bearer nonsense' } })
    expectCatalogued(bad.statusCode, bad.json(), 'bad bearer')
    expect(bad.json().code).toBe('auth.credentials-invalid')
  })
})
