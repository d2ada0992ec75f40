import type { PgMigration } from './index'

/**
 * SQLite's migration 028 (server/db/migrations/028-job-leases.ts): the jobs lease, each job
 * tick's claim, and the nodes' heartbeats. Instants are milliseconds, BIGINT.
 */
export const jobLeases: PgMigration = {
  version: 28,
  name: 'job-leases',
  sql: `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  host TEXT NOT NULL,
  pid BIGINT NOT NULL,
  acquired_at BIGINT NOT NULL,
  renewed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  CHECK (expires_at > renewed_at AND renewed_at >= acquired_at)
);

CREATE TABLE job_ticks (
  job TEXT NOT NULL,
  tick BIGINT NOT NULL,
  node TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  PRIMARY KEY (job, tick)
);
CREATE INDEX job_ticks_tick ON job_ticks (tick);

CREATE TABLE cluster_nodes (
  id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  pid BIGINT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('primary', 'secondary')),
  started_at BIGINT NOT NULL,
  seen_at BIGINT NOT NULL
);
`,
}
