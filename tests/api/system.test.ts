import { hostname } from 'node:os'
import { buildApp } from '@server/app'
import { SCHEMA_VERSION } from '@server/db/migrate'
import { JOBS_LEASE } from '@server/jobs/lease'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'
import { until } from '../helpers/wait'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('system endpoints', () => {
  it('reports health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'ok',
      schemaVersion: SCHEMA_VERSION,
      screens: 0,
      playersConnected: 0,
      // Built without the jobs' schedules, as tests do: it never takes the lease.
      jobs: { leaseHeld: false, holder: null },
    })
  })

  it('says in its health that a node running the jobs holds the jobs lease, and who it is', async () => {
    const scheduling = await createTestApp({ scheduleJobs: true })
    try {
      await scheduling.app.ready()
      const { node } = scheduling.app.jobLease
      expect(node).toMatchObject({ host: hostname(), pid: process.pid })
      const res = await scheduling.app.inject({ method: 'GET', url: '/api/health' })
      expect(res.json().jobs).toEqual({
        leaseHeld: true,
        holder: { node: node.id, expiresAt: expect.any(String) },
      })
      // Another node over the same database, which may take the lease too, names it as the holder.
      const other = await buildApp({
        dataDir: scheduling.dataDir,
        databaseUrl: scheduling.databaseUrl,
        scheduleJobs: true,
      })
      try {
        await other.ready()
        const seen = await other.inject({ method: 'GET', url: '/api/health' })
        expect(seen.json().jobs).toEqual({ leaseHeld: false, holder: res.json().jobs.holder })
      } finally {
        await other.close()
      }
    } finally {
      await scheduling.close()
    }
  })

  it('keeps its figures only while the database is unchanged, and judges a lease’s expiry on every request', async () => {
    const health = async () => (await t.app.inject({ method: 'GET', url: '/api/health' })).json()
    const before = (await health()).screens
    await seedMinimal(t.app, 'health-screen', 'health-playlist')
    expect((await health()).screens).toBe(before + 1)
    // Another node takes the lease for 400 ms and then dies: nothing is written when it lapses.
    const node = { id: 'dead-node', host: 'gone', pid: 1 }
    const taken = t.app.repos.leases.take(JOBS_LEASE, node, Date.now(), 400)
    expect(taken).toBeDefined()
    expect((await health()).jobs.holder).toMatchObject({ node: 'dead-node' })
    await until(async () => (await health()).jobs.holder === null, 5_000, 'the lapsed lease no longer named')
    t.app.repos.leases.release(JOBS_LEASE, node.id)
  })

  it('publishes an OpenAPI document describing every API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const spec = res.json()
    expect(spec.openapi).toMatch(/^3\./)
    for (const path of [
      '/api/health',
      '/api/sites',
      '/api/screens',
      '/api/screens/{id}/document',
      '/api/media',
      '/api/playlists',
      '/api/playlists/{id}/publish',
    ]) {
      expect(spec.paths, path).toHaveProperty([path])
    }
    // Each operation says who may call it, and how to sign in.
    expect(spec.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'gatecast_session' },
      token: { type: 'http', scheme: 'bearer' },
    })
    expect(spec.paths['/api/users'].post.description).toMatch(/Needs the role admin or above\.$/)
    expect(spec.paths['/api/health'].get).toMatchObject({ security: [], description: 'Open to anyone.' })
    const html = await t.anonymous({ method: 'GET', url: '/docs' })
    expect(html.statusCode).toBeLessThan(400)
  })

  it('answers unknown routes with a 404 that points at the docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toMatch(/\/docs/)
  })

  it('refuses a body over the limit with 413, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sites',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    })
    expect(res.statusCode).toBe(413)
  })

  it('serves the player page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/player/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.body).toContain('player.js')
    expect(res.headers['cache-control']).toBe('no-cache')
  })
})
