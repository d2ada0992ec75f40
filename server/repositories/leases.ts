import type { Store } from '../db/store'

/**
 * The server process asking: random per process (a restarted process is another node, whose
 * old lease must not be taken for its own), with its host name and pid for people reading.
 */
export interface NodeIdentity {
  id: string
  host: string
  pid: number
}

export type NodeRole = 'primary' | 'secondary'

/** A lease as stored: who holds it and until when (milliseconds since the epoch). */
export interface Lease {
  name: string
  holder: NodeIdentity
  acquiredAt: number
  renewedAt: number
  expiresAt: number
}

interface LeaseRow {
  name: string
  holder: string
  host: string
  pid: number
  acquired_at: number
  renewed_at: number
  expires_at: number
}

const toLease = (r: LeaseRow): Lease => ({
  name: r.name,
  holder: { id: r.holder, host: r.host, pid: r.pid },
  acquiredAt: r.acquired_at,
  renewedAt: r.renewed_at,
  expiresAt: r.expires_at,
})

const COLUMNS = 'name, holder, host, pid, acquired_at, renewed_at, expires_at'

/**
 * Leases with expiry, tick claims and nodes' heartbeats (migration 028): what lets several
 * server processes over one database run each background job once. Every write is one statement
 * whose condition the database checks, never a read followed by a write, so two nodes asking at
 * the same moment cannot both win; the SQL is plain enough for the PostgreSQL engine too
 * (`ON CONFLICT … DO UPDATE … WHERE`, `RETURNING`).
 */
export class LeasesRepository {
  constructor(private readonly db: Store) {}

  /**
   * Takes the lease, or renews it, until `now + ttlMs`: when nobody holds it, when it expired,
   * or when `node` already holds it. Returns the lease when `node` holds it now, undefined when
   * another node's lease is still valid (the update's WHERE refuses, and nothing is returned).
   */
  take(name: string, node: NodeIdentity, now: number, ttlMs: number): Lease | undefined {
    const row = this.db
      .prepare(
        `INSERT INTO leases (${COLUMNS}) VALUES (@name, @holder, @host, @pid, @now, @now, @expires)
         ON CONFLICT (name) DO UPDATE SET
           acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at
                              ELSE excluded.acquired_at END,
           holder = excluded.holder, host = excluded.host, pid = excluded.pid,
           renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.renewed_at
         RETURNING ${COLUMNS}`,
      )
      .get({ name, holder: node.id, host: node.host, pid: node.pid, now, expires: now + ttlMs }) as
      | LeaseRow
      | undefined
    return row && toLease(row)
  }

  /** Gives the lease up (a node closing cleanly): only its own, never another node's. */
  release(name: string, nodeId: string): boolean {
    return (
      this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ? RETURNING name').get(name, nodeId) !==
      undefined
    )
  }

  /** The lease as stored, expired or not (the caller compares `expiresAt` with its clock). */
  find(name: string): Lease | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM leases WHERE name = ?`).get(name) as
      | LeaseRow
      | undefined
    return row && toLease(row)
  }

  /**
   * Claims a job's tick for `nodeId`: true for the one node that inserted the row, false for
   * any other (and for the same node asking again). With `waitMs`, waits at most that long for
   * another connection's lock (the store's usual wait otherwise), then throws the busy error.
   */
  claimTick(job: string, tick: number, nodeId: string, now: number, waitMs?: number): boolean {
    const statement = this.db.prepare(
      `INSERT INTO job_ticks (job, tick, node, claimed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (job, tick) DO NOTHING RETURNING job`,
    )
    const claim = () => statement.get(job, tick, nodeId, now)
    return (waitMs === undefined ? claim() : this.db.waitingAtMost(waitMs, claim)) !== undefined
  }

  /** Forgets the claims of ticks before `before`; returns how many. */
  pruneTicks(before: number): number {
    return this.db.prepare('DELETE FROM job_ticks WHERE tick < ?').run(before).changes
  }

  /** This node is alive (every renewal, whatever its role). */
  beat(node: NodeIdentity, role: NodeRole, now: number): void {
    this.db
      .prepare(
        `INSERT INTO cluster_nodes (id, host, pid, role, started_at, seen_at)
         VALUES (@id, @host, @pid, @role, @now, @now)
         ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`,
      )
      .run({ ...node, role, now })
  }

  /** Other nodes seen at or after `since`: a node starting while one serves players must not reset their presence. */
  othersSeenSince(nodeId: string, since: number): NodeIdentity[] {
    return this.db
      .prepare('SELECT id, host, pid FROM cluster_nodes WHERE id <> ? AND seen_at >= ? ORDER BY id')
      .all(nodeId, since) as NodeIdentity[]
  }

  /** A node closing cleanly leaves the table at once. */
  forget(nodeId: string): void {
    this.db.prepare('DELETE FROM cluster_nodes WHERE id = ?').run(nodeId)
  }

  /** Nodes that died without closing leave it once their heartbeat is older than `before`. */
  pruneNodes(before: number): number {
    return this.db.prepare('DELETE FROM cluster_nodes WHERE seen_at < ?').run(before).changes
  }
}
