import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { FastifyBaseLogger } from 'fastify'
import type { RunCoordinator } from 'node-cron'
import { isBusy } from '../db/errors'
import { FreshCache } from '../db/fresh-cache'
import type { DataGeneration } from '../db/generation'
import type { Lease, LeasesRepository, NodeIdentity, NodeRole } from '../repositories/leases'

/** The lease that picks the node running the background jobs and the scheduled backups. */
export const JOBS_LEASE = 'jobs'

/**
 * How long a lease lasts without renewal. The bound: when the holder dies, another node
 * takes the jobs over within a minute; it does after at most this plus one renewal period (40 s).
 * Shorter would let a busy database or a long pause of the event loop hand the jobs over
 * without a node dying.
 */
export const JOBS_LEASE_MS_DEFAULT = 30_000

/** Renewed three times per lease: two renewals may fail (a busy database) before it lapses. */
export const RENEWALS_PER_LEASE = 3

/**
 * Claims of ticks are kept this long, then pruned by the holder. Past any clock difference
 * between nodes by far: a node whose clock runs behind still finds the ticks it would run again.
 */
export const TICK_CLAIMS_KEPT_MS = 10 * 60_000

/**
 * How long a tick's claim waits for another connection's lock before the tick is skipped. Other
 * nodes' and processes' ordinary writes hold it for milliseconds, and a daily tick (the backup)
 * must not be lost to one. Waiting out the store's busy timeout instead (5 s) held the event loop
 * at every tick while a maintenance command held the database: publish-due alone ticks every
 * second, and a locked minute left the server answering nothing for minutes. Within a busy spell
 * (a claim already found the database busy) the claims do not wait at all.
 */
export const TICK_CLAIM_WAIT_MS = 250

/** Nodes that died without closing are forgotten after this; nobody reads them past NODE_SILENT_MS. */
const NODES_KEPT_MS = 24 * 3_600_000

/** This process, as the leases and heartbeats name it. */
export const thisNode = (): NodeIdentity => ({ id: randomUUID(), host: hostname(), pid: process.pid })

/** What /api/health and the metrics say: whether this node runs the jobs, and who does. */
export interface JobsLeaseState {
  held: boolean
  holder: (NodeIdentity & { expiresAt: number }) | null
}

/**
 * This node's side of the jobs lease: every renewal beats the node's heartbeat and, when the
 * node may run jobs, takes or renews the lease in one conditional upsert. A job's tick runs only
 * while the lease is held by the last renewal and not expired by this node's clock, and only
 * after the tick is claimed in the database (`coordinator`): a node that lost the lease stops at
 * once, and two nodes that both believe they hold it for a moment still run a tick once.
 */
export class JobLease {
  private lease: Lease | undefined
  private timer: NodeJS.Timeout | undefined
  /** Since when claims have found the database busy (this node's clock), and the ticks skipped since. */
  private busy: { since: number; skipped: number } | undefined

  constructor(
    private readonly repo: LeasesRepository,
    readonly node: NodeIdentity,
    private readonly options: {
      role: NodeRole
      /** Whether this node runs jobs at all (main does; tests run them by hand). */
      schedules: boolean
      ttlMs: number
      log: FastifyBaseLogger
      /** Leases are between processes: the machine's clock, whatever clock the app runs on. */
      now?: () => number
      /** A tick skipped because the database was busy (the metrics count them). */
      skipped?: (job: string) => void
      /**
       * The store's data generation: the lease row `state()` reports is read again only once
       * the database changed (a renewal, a takeover), not on every /api/health request.
       */
      generation?: DataGeneration
    },
  ) {
    this.row = new FreshCache(options.generation, 1)
  }

  /** The jobs lease row as last read (null: nobody holds it), until the database changes. */
  private readonly row: FreshCache<Lease | null>

  private get now(): number {
    return (this.options.now ?? Date.now)()
  }

  /** Whether this node may take the lease: it schedules jobs and is not a NODE_ROLE=secondary. */
  get eligible(): boolean {
    return this.options.schedules && this.options.role === 'primary'
  }

  /** Whether this node holds the lease now, by its last renewal and its own clock. */
  holds(now = this.now): boolean {
    return this.lease !== undefined && now < this.lease.expiresAt
  }

  /** This node is alive: a node starting now sees it (`othersAlive`). */
  beat(now = this.now): void {
    this.repo.beat(this.node, this.options.role, now)
  }

  /** The heartbeat, then the lease taken or renewed (eligible nodes), and old claims pruned by the holder. */
  renew(): void {
    const now = this.now
    this.beat(now)
    if (!this.eligible) return
    const before = this.holds(now)
    this.lease = this.repo.take(JOBS_LEASE, this.node, now, this.options.ttlMs)
    const { log } = this.options
    if (!this.lease) {
      if (before)
        log.warn({ holder: this.repo.find(JOBS_LEASE)?.holder }, 'lost the jobs lease: jobs stop here')
      return
    }
    if (!before)
      log.info({ node: this.node, expiresAt: this.lease.expiresAt }, 'took the jobs lease: jobs run here')
    this.repo.pruneTicks(now - TICK_CLAIMS_KEPT_MS)
    this.repo.pruneNodes(now - NODES_KEPT_MS)
  }

  /**
   * Other nodes heard from within one lease period (they beat RENEWALS_PER_LEASE times in it):
   * a node starting while they serve players must not call those players' screens offline.
   */
  othersAlive(): NodeIdentity[] {
    return this.repo.othersSeenSince(this.node.id, this.now - this.options.ttlMs)
  }

  /** Renews now and then RENEWALS_PER_LEASE times per lease; `guard` keeps a failure from ending the process. */
  start(guard: (work: () => void) => void): void {
    guard(() => this.renew())
    this.timer = setInterval(() => guard(() => this.renew()), this.options.ttlMs / RENEWALS_PER_LEASE)
    // Closing the app stops it; it must not keep a process alive on its own.
    this.timer.unref()
  }

  /** Stops renewing and gives the lease back, so another node takes the jobs without waiting for expiry. */
  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
    // No job starts here from now on, whatever the database answers below.
    const held = this.lease !== undefined
    this.lease = undefined
    if (held) this.repo.release(JOBS_LEASE, this.node.id)
    this.repo.forget(this.node.id)
  }

  /**
   * Claims a job's tick for this node: true when it holds the lease and no node claimed the tick
   * before. A database busy past TICK_CLAIM_WAIT_MS skips the tick (false) rather than hold the
   * event loop: logged once when the busy spell starts and once when it ends, each skip counted.
   */
  claim(job: string, tick: number): boolean {
    const now = this.now
    if (!this.holds(now)) return false
    const { log, skipped } = this.options
    let claimed: boolean
    try {
      claimed = this.repo.claimTick(job, tick, this.node.id, now, this.busy ? 0 : TICK_CLAIM_WAIT_MS)
    } catch (error) {
      if (!isBusy(error)) throw error
      if (!this.busy) {
        this.busy = { since: now, skipped: 0 }
        log.warn({ job, err: error }, 'database busy: job ticks are skipped until it is free')
      }
      this.busy.skipped++
      skipped?.(job)
      return false
    }
    if (this.busy) {
      const { since, skipped: count } = this.busy
      this.busy = undefined
      log.info({ job, skipped: count, busyMs: now - since }, 'database free again: job ticks run again')
    }
    return claimed
  }

  /**
   * node-cron's hook for running a task on one instance (`distributed`): asked before each tick,
   * with the task's name and the tick's instant as its key.
   */
  coordinator(job: string): RunCoordinator {
    return { shouldRun: (key) => this.claim(job, tickOf(job, key)) }
  }

  state(): JobsLeaseState {
    // Expiry is judged on every call: a holder that died writes nothing, so the row stays cached.
    const lease = this.row.get(JOBS_LEASE, () => this.repo.find(JOBS_LEASE) ?? null)
    const valid = lease && this.now < lease.expiresAt ? lease : undefined
    return {
      held: this.holds(),
      holder: valid ? { ...valid.holder, expiresAt: valid.expiresAt } : null,
    }
  }
}

/**
 * The tick's instant from node-cron's key, `<task name>:<ISO instant>`. Another shape (a newer
 * node-cron) throws: node-cron then skips the tick and logs why, rather than run it unclaimed.
 */
export function tickOf(job: string, key: string): number {
  const instant = key.startsWith(`${job}:`) ? Date.parse(key.slice(job.length + 1)) : Number.NaN
  if (Number.isNaN(instant)) throw new Error(`node-cron named a tick "${key}", not "${job}:<instant>"`)
  return instant
}
