import { baseline } from './027-baseline'
import { jobLeases } from './028-job-leases'
import { mediaBlobs } from './029-media-blobs'

/** A PostgreSQL migration: SQL the runner applies in one transaction, then records `version`. */
export interface PgMigration {
  version: number
  name: string
  sql: string
}

/**
 * In order, numbered as SQLite's (server/db/migrate.ts): the baseline is SQLite's version 27, and
 * each later SQLite migration N appends its PostgreSQL twin N here. Never edit one that has shipped.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [baseline, jobLeases, mediaBlobs]
