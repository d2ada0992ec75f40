import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { buildApp } from '@server/app'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminTokenOn, TEST_PASSWORD } from '../helpers/app'
import { postgresBin, query, startPostgres, type TestPostgres } from '../helpers/postgres'

/**
 * README "Backing up PostgreSQL", done as it says against a real PostgreSQL: a Gatecast app on
 * PostgreSQL with data, dumped with `pg_dump -Fc` while it runs, restored with `createdb` and
 * `pg_restore` into a fresh database, and an app on the restored database serving the same data
 * (its credentials included), then writing on from there.
 */

const run = promisify(execFile)
/** Debian's client programs, beside the server's (off the PATH, as startPostgres finds initdb). */
const tool = (name: string) => join(postgresBin(), name)

const NAME = 'Sao lưu — 备份'
/** What a console reads, compared between the running app and the restored one. */
const PAGES = ['/api/sites', '/api/screens', '/api/playlists', '/api/playlists/backup-check', '/api/media']

let server: TestPostgres
let work: string
const apps: FastifyInstance[] = []

async function node(url: string, dataDir: string): Promise<FastifyInstance> {
  const app = await buildApp({
    dataDir,
    databaseUrl: url,
    seed: true,
    admin: { username: 'admin', password: TEST_PASSWORD },
    rateLimitPerMinute: 0,
  })
  apps.push(app)
  return app
}

/** How many tables, and which triggers and indexes: what makes the database Gatecast's beyond its rows. */
const shape = (url: string) =>
  Promise.all([
    query<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'").then(
      (rows) => rows[0]?.n ?? 0,
    ),
    query(url, 'SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname'),
    query(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"),
  ])

const as = (token: string) => ({ authorization: `Bearer ${token}` })

let live: FastifyInstance
let liveUrl: string
let liveDir: string
let token: string
let dump: string
let restoredUrl: string

beforeAll(async () => {
  server = await startPostgres()
  work = mkdtempSync(join(tmpdir(), 'gatecast-pg-dump-'))
  liveUrl = await server.createDatabase('gatecast_live')
  liveDir = join(work, 'live')
  live = await node(liveUrl, liveDir)
  token = await adminTokenOn(live, 'backup check')
  const playlist = await live.inject({
    method: 'POST',
    url: '/api/playlists',
    headers: as(token),
    payload: { id: 'backup-check', name: NAME, items: [] },
  })
  expect(playlist.statusCode).toBe(201)
}, 120_000)

afterAll(async () => {
  for (const app of apps) await app.close()
  await server?.stop()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('backing up PostgreSQL with its own tools (README)', () => {
  it("stands the built-in backup aside: no schedule, and a backup asked for refused with pg_dump's name", async () => {
    const list = await live.inject({ method: 'GET', url: '/api/backups', headers: as(token) })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({ schedule: 'off', backups: [] })
    const now = await live.inject({ method: 'POST', url: '/api/backups', headers: as(token) })
    expect(now.statusCode).toBe(409)
    expect(now.json()).toMatchObject({ code: 'backup.engine', message: expect.stringContaining('pg_dump') })
  })

  it('dumps the running database with pg_dump -Fc', async () => {
    dump = join(work, 'gatecast-2026-12-05.dump')
    await run(tool('pg_dump'), ['-Fc', '-f', dump, liveUrl])
    expect(existsSync(dump)).toBe(true)
    // The live app went on serving meanwhile.
    expect((await live.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
  }, 60_000)

  it('restores it into a fresh database with createdb and pg_restore, in one transaction', async () => {
    const name = 'gatecast_restored'
    await run(tool('createdb'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(server.port),
      '-U',
      'gatecast',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '-T',
      'template0',
      name,
    ])
    restoredUrl = server.urlOf(name)
    await run(tool('pg_restore'), [
      '--exit-on-error',
      '--single-transaction',
      '--no-owner',
      '-d',
      restoredUrl,
      dump,
    ])
    const [[tables, triggers, indexes], [liveTables, liveTriggers, liveIndexes]] = await Promise.all([
      shape(restoredUrl),
      shape(liveUrl),
    ])
    expect(tables).toBe(liveTables)
    expect(triggers).toEqual(liveTriggers)
    // Every table's change trigger (the nodes' caches hear of commits through it) came back.
    expect(triggers.length).toBeGreaterThanOrEqual(tables)
    expect(indexes).toEqual(liveIndexes)
  }, 60_000)

  it('serves the same data from the restored database, to the same credentials', async () => {
    // The nodes are stopped before a restore; the media files are copied beside it.
    const readLive = await Promise.all(
      PAGES.map((url) => live.inject({ method: 'GET', url, headers: as(token) })),
    )
    const restoredDir = join(work, 'restored')
    cpSync(join(liveDir, 'media'), join(restoredDir, 'media'), { recursive: true })
    await live.close()
    const restored = await node(restoredUrl, restoredDir)
    for (const [i, url] of PAGES.entries()) {
      const answer = await restored.inject({ method: 'GET', url, headers: as(token) })
      expect(answer.statusCode, url).toBe(200)
      expect(answer.json(), url).toEqual(readLive[i]?.json())
    }
    expect(
      (
        await restored.inject({ method: 'GET', url: '/api/playlists/backup-check', headers: as(token) })
      ).json(),
    ).toMatchObject({ name: NAME })
  }, 60_000)

  it('writes on from the restored database: identities go on after the restored rows', async () => {
    const restored = apps.at(-1) as FastifyInstance
    const before = await query<{ max: number }>(restoredUrl, 'SELECT max(seq)::int AS max FROM audit_log')
    const created = await restored.inject({
      method: 'POST',
      url: '/api/playlists',
      headers: as(token),
      payload: { id: 'after-restore', name: 'After', items: [] },
    })
    expect(created.statusCode, created.body).toBe(201)
    const after = await query<{ max: number }>(restoredUrl, 'SELECT max(seq)::int AS max FROM audit_log')
    expect(after[0]?.max).toBeGreaterThan(before[0]?.max ?? Number.POSITIVE_INFINITY)
  })
})
