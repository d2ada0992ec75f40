import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '@server/app'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminTokenOn, TEST_PASSWORD } from '../helpers/app'
import { startPostgres, type TestPostgres } from '../helpers/postgres'

/**
 * Two nodes, each with its own data folder (no shared disk), sharing one PostgreSQL: what one
 * writes, the other serves at once, its caches included (credentials, documents, the playlists
 * list), as nodes sharing one SQLite file do through data_version.
 */

let server: TestPostgres
const nodes: FastifyInstance[] = []
const folders: string[] = []

async function node(url: string): Promise<FastifyInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-pg-node-'))
  folders.push(dataDir)
  const app = await buildApp({
    dataDir,
    databaseUrl: url,
    admin: { username: 'admin', password: TEST_PASSWORD },
    rateLimitPerMinute: 0,
  })
  nodes.push(app)
  return app
}

let a: FastifyInstance
let b: FastifyInstance
let adminToken: string

beforeAll(async () => {
  server = await startPostgres()
  a = await node(server.url)
  b = await node(server.url)
  adminToken = await adminTokenOn(a, 'two nodes')
}, 120_000)

afterAll(async () => {
  for (const app of nodes) await app.close()
  await server?.stop()
  for (const dir of folders) rmSync(dir, { recursive: true, force: true })
})

const as = (token: string) => ({ authorization: `Bearer ${token}` })

describe('two nodes sharing PostgreSQL', () => {
  it('serves on one node the playlist another node created, its list cache included', async () => {
    // Node B fills its cache of the list first.
    const before = await b.inject({ method: 'GET', url: '/api/playlists', headers: as(adminToken) })
    expect(before.statusCode).toBe(200)
    const created = await a.inject({
      method: 'POST',
      url: '/api/playlists',
      headers: as(adminToken),
      payload: { id: 'pl-two-nodes', name: 'Hai nút 两个节点', items: [] },
    })
    expect(created.statusCode).toBe(201)
    const after = await b.inject({ method: 'GET', url: '/api/playlists', headers: as(adminToken) })
    expect(after.json().map((p: { id: string }) => p.id)).toContain('pl-two-nodes')
  })

  it('refuses on the other node, on its very next request, a token revoked on one', async () => {
    const made = await a.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: {
        cookie: String(
          (
            await a.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'admin', password: TEST_PASSWORD },
            })
          ).headers['set-cookie'],
        ).split(';')[0] as string,
      },
      payload: { name: 'to revoke', role: 'viewer' },
    })
    const { token, secret } = made.json() as { token: { id: string }; secret: string }
    // Over real HTTP, as nodes are reached: each request its own turn of B's event loop (an
    // in-process inject would run inside the turn B read the database's changes in).
    const baseB = await b.listen({ port: 0, host: '127.0.0.1' })
    const getSites = () => fetch(`${baseB}/api/sites`, { headers: as(secret) })
    // Node B knows the token (its credential cache holds it) …
    expect((await getSites()).status).toBe(200)
    // … node A revokes it …
    const revoked = await a.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: as(secret) })
    expect(revoked.statusCode).toBe(200)
    // … and node B refuses it on the next request, with no wait.
    expect((await getSites()).status).toBe(401)
  })
})
