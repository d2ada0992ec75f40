import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '@server/db/open'
import type { SqliteStore } from '@server/db/sqlite-store'
import type { Store } from '@server/db/store'
import { JOBS_LEASE, JobLease, TICK_CLAIMS_KEPT_MS, tickOf } from '@server/jobs/lease'
import { LeasesRepository, type NodeIdentity, type NodeRole } from '@server/repositories/leases'
import Database from 'better-sqlite3'
import type { FastifyBaseLogger } from 'fastify'
import cron from 'node-cron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { until } from '../helpers/wait'

/**
 * Each node's side of the jobs lease (server/jobs/lease.ts), several nodes over one database,
 * each with a clock of its own: who runs the jobs, when one stops, and the tick claims that keep
 * two nodes from running one tick.
 */

const T0 = Date.UTC(2026, 11, 5, 8, 0, 0)
const TTL = 30_000

let db: Store
let repo: LeasesRepository
const messages: string[] = []
/** Ticks a node skipped, by job, as the metrics hear of them. */
const skipped: string[] = []
/** The log lines a node writes, kept for the tests to read. */
const log = {
  info: (_: object, message: string) => messages.push(message),
  warn: (_: object, message: string) => messages.push(message),
} as unknown as FastifyBaseLogger

interface TestNode {
  lease: JobLease
  clock: { now: number }
}

function node(id: string, role: NodeRole = 'primary', schedules = true): TestNode {
  const clock = { now: T0 }
  const identity: NodeIdentity = { id, host: `host-${id}`, pid: 1000 + id.length }
  return {
    clock,
    lease: new JobLease(repo, identity, {
      role,
      schedules,
      ttlMs: TTL,
      log,
      now: () => clock.now,
      skipped: (job) => void skipped.push(job),
    }),
  }
}

beforeEach(() => {
  db = openDatabase(':memory:')
  repo = new LeasesRepository(db)
  messages.length = 0
  skipped.length = 0
})
afterEach(() => db.close())

describe('the jobs lease between nodes', () => {
  it('goes to the first node that renews, and the others see it as the holder', () => {
    const a = node('a')
    const b = node('b')
    a.lease.renew()
    b.lease.renew()
    expect([a.lease.holds(), b.lease.holds()]).toEqual([true, false])
    const holder = { id: 'a', host: 'host-a', pid: 1001, expiresAt: T0 + TTL }
    expect(b.lease.state()).toEqual({ held: false, holder })
    expect(a.lease.state()).toEqual({ held: true, holder })
    expect(messages).toEqual(['took the jobs lease: jobs run here'])
  })

  it('stops the holder at its expiry by its own clock, before any renewal says so', () => {
    const a = node('a')
    a.lease.renew()
    a.clock.now = T0 + TTL - 1
    expect(a.lease.holds()).toBe(true)
    expect(a.lease.claim('publish-due', T0 + TTL - 1_000)).toBe(true)
    a.clock.now = T0 + TTL
    expect(a.lease.holds()).toBe(false)
    expect(a.lease.claim('publish-due', T0 + TTL)).toBe(false)
  })

  /** A took the lease at T0 and renewed it no more; B, whose clock reads its expiry, took it over. */
  const takenOver = (): { a: TestNode; b: TestNode } => {
    const a = node('a')
    const b = node('b')
    a.lease.renew()
    b.clock.now = T0 + TTL
    b.lease.renew()
    return { a, b }
  }

  it('moves to another node once the holder stops renewing, and the old holder stops at once', () => {
    const { a, b } = takenOver()
    expect(b.lease.holds()).toBe(true)
    // A's clock runs behind: it still believes it holds the lease until its next renewal.
    a.clock.now = T0 + 10_000
    a.lease.renew()
    expect(a.lease.holds()).toBe(false)
    expect(messages.at(-1)).toBe('lost the jobs lease: jobs stop here')
  })

  it('runs a tick once even while two nodes both believe they hold the lease', () => {
    const { a, b } = takenOver()
    a.clock.now = T0 + TTL - 1 // behind: its lease has not expired by its clock
    expect([a.lease.holds(), b.lease.holds()]).toEqual([true, true])
    const tick = T0 + TTL - 1_000
    expect([a.lease.claim('publish-due', tick), b.lease.claim('publish-due', tick)]).toEqual([true, false])
    expect(b.lease.claim('publish-due', tick + 1_000)).toBe(true)
  })

  it('is never taken by a NODE_ROLE=secondary or a node that does not schedule jobs, which still beat', () => {
    const secondary = node('s', 'secondary')
    const unscheduled = node('u', 'primary', false)
    for (const n of [secondary, unscheduled]) {
      n.lease.renew()
      expect(n.lease.eligible).toBe(false)
      expect(n.lease.holds()).toBe(false)
      expect(n.lease.claim('publish-due', T0)).toBe(false)
    }
    expect(repo.find(JOBS_LEASE)).toBeUndefined()
    expect(
      node('a')
        .lease.othersAlive()
        .map((n) => n.id),
    ).toEqual(['s', 'u'])
  })

  it('is given back by a node closing cleanly, for another node at its next renewal', () => {
    const a = node('a')
    const b = node('b')
    a.lease.renew()
    b.lease.renew()
    a.lease.stop()
    expect(a.lease.holds()).toBe(false)
    expect(repo.find(JOBS_LEASE)).toBeUndefined()
    expect(b.lease.othersAlive()).toEqual([])
    b.lease.renew()
    expect(b.lease.holds()).toBe(true)
  })

  it('prunes old tick claims at the holder’s renewal', () => {
    const a = node('a')
    a.lease.renew()
    a.lease.claim('publish-due', T0)
    a.clock.now = T0 + TICK_CLAIMS_KEPT_MS + 1
    a.lease.renew()
    expect(a.lease.claim('publish-due', a.clock.now - 1)).toBe(true)
    a.lease.renew()
    expect(db.prepare('SELECT tick FROM job_ticks').pluck().all()).toEqual([a.clock.now - 1])
  })
})

describe('node-cron’s run coordinator', () => {
  it('reads the tick’s instant from the key node-cron gives, and refuses any other key', () => {
    expect(tickOf('publish-due', 'publish-due:2026-12-05T08:00:01.000Z')).toBe(T0 + 1_000)
    expect(() => tickOf('publish-due', 'backup:2026-12-05T08:00:01.000Z')).toThrow(/publish-due:<instant>/)
    expect(() => tickOf('publish-due', 'publish-due:soon')).toThrow(/node-cron named a tick/)
  })

  it('runs a real cron task on the holder only, each tick claimed once under its whole-second instant', async () => {
    const a = node('a')
    const b = node('b')
    a.clock.now = b.clock.now = Date.now()
    a.lease.renew()
    b.lease.renew()
    const ran: string[] = []
    const tasks = [a, b].map((n) =>
      cron.schedule('* * * * * *', () => void ran.push(n.lease.node.id), {
        name: 'every-second',
        distributed: true,
        runCoordinator: n.lease.coordinator('every-second'),
      }),
    )
    try {
      await until(() => ran.length >= 2, 10_000, 'two ticks')
    } finally {
      await Promise.all(tasks.map((t) => t.destroy()))
    }
    expect(new Set(ran)).toEqual(new Set(['a']))
    const claims = db.prepare('SELECT tick, node FROM job_ticks').all() as { tick: number; node: string }[]
    expect(claims.length).toBeGreaterThanOrEqual(2)
    for (const claim of claims) {
      expect(claim.node).toBe('a')
      expect(claim.tick % 1_000).toBe(0)
    }
  })
})

describe('ticks while another connection holds the database', () => {
  let dir: string
  /** Another process's connection to the same file: a maintenance command, a backup, another node. */
  let other: Database.Database

  beforeEach(() => {
    db.close()
    dir = mkdtempSync(join(tmpdir(), 'gatecast-lease-busy-'))
    const file = join(dir, 'gatecast.sqlite')
    db = openDatabase(file)
    repo = new LeasesRepository(db)
    // The node's own wait for a lock made long: a claim that waited for it would hold this test
    // (and its event loop) far past the test's bound.
    ;(db as SqliteStore).pragma('busy_timeout = 10000')
    other = new Database(file)
  })
  afterEach(() => {
    if (other.inTransaction) other.exec('COMMIT')
    other.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('skips each tick at once, says so once per busy spell, and claims again when the lock is gone', () => {
    const a = node('a')
    a.lease.renew()
    other.exec('BEGIN EXCLUSIVE')
    const ticks = Array.from({ length: 20 }, (_, i) => a.lease.claim('publish-due', T0 + i * 1_000))
    expect(ticks).toEqual(Array(20).fill(false))
    expect(skipped).toEqual(Array(20).fill('publish-due'))
    expect(messages).toEqual([
      'took the jobs lease: jobs run here',
      'database busy: job ticks are skipped until it is free',
    ])
    other.exec('COMMIT')
    expect(a.lease.claim('publish-due', T0 + 20_000)).toBe(true)
    expect(messages.at(-1)).toBe('database free again: job ticks run again')
    // The node's own wait is back for everything else it writes.
    expect((db as SqliteStore).pragma('busy_timeout', { simple: true })).toBe(10_000)
    // A second spell is told again.
    other.exec('BEGIN EXCLUSIVE')
    expect(a.lease.claim('screens-silent', T0 + 25_000)).toBe(false)
    expect(messages.at(-1)).toBe('database busy: job ticks are skipped until it is free')
  }, 15_000)

  it('runs a real cron task once the lock is released, having skipped its ticks meanwhile', async () => {
    const a = node('a')
    a.clock.now = Date.now()
    a.lease.renew()
    other.exec('BEGIN EXCLUSIVE')
    const ran: number[] = []
    const task = cron.schedule('* * * * * *', () => void ran.push(Date.now()), {
      name: 'every-second',
      distributed: true,
      runCoordinator: a.lease.coordinator('every-second'),
    })
    try {
      await until(() => skipped.length >= 2, 10_000, 'two ticks skipped while the lock is held')
      expect(ran).toEqual([])
      other.exec('COMMIT')
      await until(() => ran.length >= 1, 10_000, 'a tick run once the lock is released')
    } finally {
      await task.destroy()
    }
    expect(messages).toContain('database free again: job ticks run again')
    expect(db.prepare('SELECT count(*) FROM job_ticks').pluck().get()).toBe(ran.length)
  }, 30_000)
})
