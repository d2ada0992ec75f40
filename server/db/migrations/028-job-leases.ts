import type { Migration } from '../migrate'

/**
 * Jobs exactly once across nodes (issue 21 part 4):
 *  - `leases`: who runs the background jobs. One row per lease name (`jobs`), taken, renewed and
 *    released by one conditional upsert each (repositories/leases.ts); it expires by itself when
 *    its holder dies, and another node takes it over.
 *  - `job_ticks`: each job's tick, claimed before it runs; the primary key lets one node only
 *    insert it, so two nodes that both believe they hold the lease for a moment still run a tick
 *    once. Old claims are pruned by the holder.
 *  - `cluster_nodes`: each live server process's heartbeat, so a node starting can tell whether
 *    other nodes serve players (then it must not call their screens offline).
 *
 * Plain tables (not STRICT), integer milliseconds and no SQLite-only syntax: the repository's
 * statements run unchanged on the PostgreSQL engine of the shared-store cluster (issue 21), whose
 * DDL for these tables takes BIGINT for the instants (32-bit INTEGER would overflow).
 */
export const jobLeases: Migration = {
  version: 28,
  name: 'job-leases',
  up: (db) => {
    db.exec(`
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        -- The holding node's id (random per process), and its host name and pid for people.
        holder TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        acquired_at INTEGER NOT NULL,
        renewed_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        CHECK (expires_at > renewed_at AND renewed_at >= acquired_at)
      );
      CREATE TABLE job_ticks (
        job TEXT NOT NULL,
        -- The instant the tick stands for (its cron slot), the same on every node.
        tick INTEGER NOT NULL,
        node TEXT NOT NULL,
        claimed_at INTEGER NOT NULL,
        PRIMARY KEY (job, tick)
      );
      -- Pruning by age reads this, not the whole table.
      CREATE INDEX job_ticks_tick ON job_ticks (tick);
      CREATE TABLE cluster_nodes (
        id TEXT PRIMARY KEY,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('primary', 'secondary')),
        started_at INTEGER NOT NULL,
        seen_at INTEGER NOT NULL
      );
    `)
  },
}
