import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '@server/app'
import { HEAP_GROWTH_PERCENT_DEFAULT, limitHeapGrowth } from '@server/heap'
import Fastify from 'fastify'

/**
 * The servers of the `api` benchmark, in a child process so that the load generator does not
 * share their event loop: Gatecast (seeded, logging off as in a quiet production) and a bare
 * Fastify answering each route with the very bytes Gatecast sends: its body and its headers
 * (security headers, request id), so that both put the same bytes on the wire and the load
 * generator parses the same answers. Prints their addresses and an admin token as one JSON
 * line, then serves until killed.
 */
// As the server runs by default (server/main.ts); the bare one shares the process and the setting.
limitHeapGrowth(HEAP_GROWTH_PERCENT_DEFAULT)
const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-api-bench-'))
// api.ts's `api-postgres` runs it on PostgreSQL.
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined
const app = await buildApp({
  dataDir,
  databaseUrl,
  seed: true,
  logger: false,
  rateLimitPerMinute: 100_000_000,
})
await app.listen({ port: 0, host: '127.0.0.1' })
const admin = app.repos.users.list().find((u) => u.role === 'admin')!
const token = app.repos.apiTokens.create({ name: 'api bench', userId: admin.id, role: 'admin' }).secret
const headers = { authorization: `Bearer ${token}` }

export const ROUTES = {
  document: '/api/screens/chi-ma-led/document',
  list: '/api/playlists',
} as const

const bare = Fastify({ logger: false })
for (const [name, url] of Object.entries(ROUTES)) {
  const res = await app.inject({ method: 'GET', url, headers })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`)
  const body = res.body
  // Node adds these itself; the request id stays the one Gatecast sent (same length, every time).
  const sent = Object.fromEntries(
    Object.entries(res.headers).filter(
      ([h]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(h),
    ),
  )
  bare.get(`/${name}`, async (_req, reply) => reply.headers(sent).send(body))
}
await bare.listen({ port: 0, host: '127.0.0.1' })

const port = (s: { server: { address(): unknown } }) => (s.server.address() as { port: number }).port
console.log(JSON.stringify({ gatecast: port(app), bare: port(bare), token }))

process.on('SIGTERM', async () => {
  await Promise.all([app.close(), bare.close()])
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
})
