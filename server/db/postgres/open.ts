import { SyncBridge } from './bridge'
import { migratePostgres } from './migrate'
import type { PgMigration } from './migrations'
import { PostgresStore } from './store'

/**
 * The worker's entry. Bundled (dist/server/main.js), dist/server/db/postgres/bridge-worker.js
 * (scripts/build.mjs); from source (tsx, vitest), the same bundle made on first use.
 */
export const postgresWorkerEntry = async (): Promise<URL> =>
  import.meta.url.endsWith('.ts')
    ? (await import('../../compute/dev-worker')).devWorkerEntry(
        new URL('./bridge-worker.ts', import.meta.url),
      )
    : new URL('./db/postgres/bridge-worker.js', import.meta.url)

export interface PostgresOptions {
  migrations: readonly PgMigration[]
  /** Shown in pg_stat_activity, e.g. the node's name. */
  applicationName?: string
}

/**
 * A store on a database another connection migrated (the compute workers'): its worker starts
 * with the first statement. `entry` is postgresWorkerEntry's answer, found by the main thread.
 */
export function connectPostgres(url: string, entry: URL, applicationName = 'gatecast'): PostgresStore {
  return new PostgresStore(new SyncBridge(entry, url, applicationName), url)
}

/** Connects (through the engine's worker) and migrates; the first statement waits for both. */
export async function openPostgres(url: string, options: PostgresOptions): Promise<PostgresStore> {
  const store = connectPostgres(url, await postgresWorkerEntry(), options.applicationName)
  try {
    migratePostgres(store, options.migrations)
    return store
  } catch (error) {
    store.close()
    throw error
  }
}
