import { openDatabase } from '@server/db/open'
import type { Store } from '@server/db/store'
import { LeasesRepository, type NodeIdentity } from '@server/repositories/leases'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/**
 * The lease that picks the one node running the background jobs, the tick claims that keep a
 * job's tick to one run, and the nodes' heartbeats (migration 028), over a real database.
 */

const T0 = Date.UTC(2026, 11, 5, 8, 0, 0)
const TTL = 30_000
const A: NodeIdentity = { id: 'node-a', host: 'gate-1', pid: 101 }
const B: NodeIdentity = { id: 'node-b', host: 'gate-2', pid: 202 }

let db: Store
let leases: LeasesRepository
beforeEach(() => {
  db = openDatabase(':memory:')
  leases = new LeasesRepository(db)
})
afterEach(() => db.close())

describe('the jobs lease', () => {
  it('is taken when free, with its holder and expiry', () => {
    expect(leases.find('jobs')).toBeUndefined()
    expect(leases.take('jobs', A, T0, TTL)).toEqual({
      name: 'jobs',
      holder: A,
      acquiredAt: T0,
      renewedAt: T0,
      expiresAt: T0 + TTL,
    })
    expect(leases.find('jobs')?.holder).toEqual(A)
  })

  it('is renewed by its holder, keeping when it was acquired', () => {
    leases.take('jobs', A, T0, TTL)
    expect(leases.take('jobs', A, T0 + 10_000, TTL)).toMatchObject({
      acquiredAt: T0,
      renewedAt: T0 + 10_000,
      expiresAt: T0 + 10_000 + TTL,
    })
  })

  it('cannot be taken by another node while valid, and is left as it was', () => {
    leases.take('jobs', A, T0, TTL)
    expect(leases.take('jobs', B, T0 + TTL - 1, TTL)).toBeUndefined()
    expect(leases.find('jobs')).toMatchObject({ holder: A, expiresAt: T0 + TTL })
  })

  it('goes to another node once expired, which acquires it afresh', () => {
    leases.take('jobs', A, T0, TTL)
    expect(leases.take('jobs', B, T0 + TTL, TTL)).toEqual({
      name: 'jobs',
      holder: B,
      acquiredAt: T0 + TTL,
      renewedAt: T0 + TTL,
      expiresAt: T0 + 2 * TTL,
    })
    // The node that lost it cannot renew it back while B's is valid.
    expect(leases.take('jobs', A, T0 + TTL + 1, TTL)).toBeUndefined()
  })

  it('is released by its holder only, and then free for another node at once', () => {
    leases.take('jobs', A, T0, TTL)
    expect(leases.release('jobs', B.id)).toBe(false)
    expect(leases.find('jobs')?.holder).toEqual(A)
    expect(leases.release('jobs', A.id)).toBe(true)
    expect(leases.find('jobs')).toBeUndefined()
    expect(leases.take('jobs', B, T0 + 1, TTL)?.holder).toEqual(B)
  })

  it('keeps separate names apart', () => {
    leases.take('jobs', A, T0, TTL)
    expect(leases.take('other', B, T0, TTL)?.holder).toEqual(B)
  })
})

describe('tick claims', () => {
  it('lets one node only claim a job’s tick, once', () => {
    expect(leases.claimTick('publish-due', T0, A.id, T0)).toBe(true)
    expect(leases.claimTick('publish-due', T0, B.id, T0)).toBe(false)
    expect(leases.claimTick('publish-due', T0, A.id, T0)).toBe(false)
    expect(db.prepare('SELECT node FROM job_ticks').pluck().all()).toEqual([A.id])
  })

  it('tells ticks and jobs apart', () => {
    expect(leases.claimTick('publish-due', T0, A.id, T0)).toBe(true)
    expect(leases.claimTick('publish-due', T0 + 1_000, B.id, T0)).toBe(true)
    expect(leases.claimTick('screens-silent', T0, B.id, T0)).toBe(true)
  })

  it('prunes claims of ticks before an instant, through the tick index', () => {
    for (let i = 0; i < 5; i++) leases.claimTick('publish-due', T0 + i * 1_000, A.id, T0)
    expect(leases.pruneTicks(T0 + 3_000)).toBe(3)
    expect(db.prepare('SELECT tick FROM job_ticks ORDER BY tick').pluck().all()).toEqual([
      T0 + 3_000,
      T0 + 4_000,
    ])
    const plan = db.prepare('EXPLAIN QUERY PLAN DELETE FROM job_ticks WHERE tick < ?').all(T0) as {
      detail: string
    }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('job_ticks_tick')
  })
})

describe('nodes’ heartbeats', () => {
  it('lists the other nodes seen recently, and forgets a node closing or long silent', () => {
    leases.beat(A, 'primary', T0)
    leases.beat(B, 'secondary', T0 + 5_000)
    expect(leases.othersSeenSince(A.id, T0)).toEqual([B])
    expect(leases.othersSeenSince(A.id, T0 + 5_001)).toEqual([])
    expect(leases.othersSeenSince(B.id, T0)).toEqual([A])
    leases.beat(A, 'primary', T0 + 10_000)
    expect(leases.pruneNodes(T0 + 6_000)).toBe(1)
    expect(leases.othersSeenSince(A.id, 0)).toEqual([])
    leases.forget(A.id)
    expect(db.prepare('SELECT count(*) FROM cluster_nodes').pluck().get()).toBe(0)
  })
})
