import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { ComputePool, type WorkerReply } from '@server/compute/pool'
import { isBusy } from '@server/db/errors'
import { openDatabase } from '@server/db/open'
import { PostgresError } from '@server/db/postgres/bridge'
import { postgresWorkerEntry } from '@server/db/postgres/open'
import { DomainError, statusOf } from '@server/errors'
import { ROOT } from '@server/paths'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../helpers/redis'

/**
 * The compute workers (issue 16): work that grows with a range or the data runs off the event
 * loop, behind a bounded queue; a job that runs too long is stopped with its worker.
 */

let dir: string
let databaseFile: string
const pools: ComputePool[] = []
const pool = (options: Partial<ConstructorParameters<typeof ComputePool>[0]> = {}) => {
  const p = new ComputePool({ databaseFile, ...options })
  pools.push(p)
  return p
}
const DAY = { fromMs: 0, toMs: 86_400_000 }

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatecast-compute-'))
  databaseFile = join(dir, 'gatecast.sqlite')
  openDatabase(databaseFile).close()
})
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()))
  rmSync(dir, { recursive: true, force: true })
})

describe('compute pool', () => {
  it('runs a task in a worker on its own read-only connection', async () => {
    const bytes = await pool().run('playsSummary', DAY)
    expect(JSON.parse(Buffer.from(bytes).toString())).toEqual({ rows: [] })
  })

  it('queues up to its bound, then refuses new work with 503 and Retry-After, but never the rest of an answer', async () => {
    const p = pool({ workers: 1, queueMax: 1 })
    await p.run('playsSummary', DAY) // the worker is up: what follows is dispatched at once
    const running = p.run('playsSummary', DAY)
    const waiting = p.run('playsSummary', DAY)
    expect(p.load).toEqual({ waiting: 1, running: 1 })
    const refused = await p.run('playsSummary', DAY).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(DomainError)
    expect(statusOf(refused as DomainError)).toBe(503)
    expect(refused).toMatchObject({ code: 'compute.busy', details: { retryAfterSeconds: 5 } })
    // The next chunk of an export already being sent is queued anyway.
    const continuing = p.run('playsSummary', DAY, true)
    await expect(Promise.all([running, waiting, continuing])).resolves.toHaveLength(3)
    expect(p.load).toEqual({ waiting: 0, running: 0 })
  })

  it('gives the database’s errors back as its driver threw them: PostgreSQL out of reach is busy (503), not a 500', async () => {
    // Nothing listens there: the worker's connection is refused, as when PostgreSQL restarts.
    const url = `postgres://gatecast@127.0.0.1:${await freePort()}/gatecast`
    const refused = await pool({ postgres: { url, entry: (await postgresWorkerEntry()).href } })
      .run('playsSummary', DAY)
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(PostgresError)
    expect(isBusy(refused)).toBe(true)
    // A file that is not a database: SQLite's own error and code, which is not busy.
    const notDatabase = join(dir, 'not-a-database.sqlite')
    writeFileSync(notDatabase, 'x'.repeat(4096))
    const broken = await pool({ databaseFile: notDatabase })
      .run('playsSummary', DAY)
      .catch((e: unknown) => e)
    expect(broken).toBeInstanceOf(Database.SqliteError)
    expect((broken as InstanceType<typeof Database.SqliteError>).code).toBe('SQLITE_NOTADB')
    expect(isBusy(broken)).toBe(false)
  }, 60_000)

  it('sends a 4xx back as the route would have thrown it', async () => {
    const error = await pool()
      .run('timeline', { screenId: 'ghost', from: 0, to: 1_000, granularity: 'item', now: 0 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DomainError)
    expect(statusOf(error as DomainError)).toBe(404)
    expect(error).toMatchObject({
      code: 'screen.not-found',
      message: 'Screen "ghost" does not exist.',
      params: { id: 'ghost' },
    })
  })

  it('sends any other failure back as an error for the log, not a 4xx', async () => {
    const error = await pool({ databaseFile: join(dir, 'missing.sqlite') })
      .run('playsSummary', DAY)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(DomainError)
  })

  it('stops a job that runs too long, and starts a new worker for the next', async () => {
    const p = pool({ workers: 1, jobMsMax: 1 })
    for (let i = 0; i < 2; i++) {
      await expect(p.run('playsSummary', DAY)).rejects.toMatchObject({
        code: 'compute.timeout',
        kind: 'unavailable',
        message: expect.stringMatching(/longer than 0.001 s/),
      })
    }
    expect(p.load).toEqual({ waiting: 0, running: 0 })
  })

  it('refuses what is still waiting when it closes', async () => {
    const p = new ComputePool({ databaseFile, workers: 1 })
    const jobs = [p.run('playsSummary', DAY), p.run('playsSummary', DAY)].map((j) =>
      j.catch((e: unknown) => e),
    )
    await p.close()
    for (const e of await Promise.all(jobs))
      expect(e).toMatchObject({ code: 'server.shutting-down', kind: 'unavailable' })
  })
})

describe('compute worker, bundled', () => {
  it('answers from dist/server/compute/worker.js, where the bundled server starts it', async () => {
    const worker = new Worker(join(ROOT, 'dist/server/compute/worker.js'), { workerData: { databaseFile } })
    try {
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
        worker.postMessage({ id: 7, task: 'playsSummary', input: DAY })
      })
      expect(reply).toMatchObject({ id: 7, ok: true })
      expect(Buffer.from((reply as { value: Uint8Array }).value).toString()).toBe('{"rows":[]}')
    } finally {
      await worker.terminate()
    }
  })
})
