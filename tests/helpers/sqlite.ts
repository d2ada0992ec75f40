import { SqliteStore } from '@server/db/sqlite-store'
import type { Store } from '@server/db/store'

/** The app's store as SQLite's, for a test about SQLite itself (pragmas, the file). */
export function sqliteStore(db: Store): SqliteStore {
  if (!(db instanceof SqliteStore))
    throw new Error(`this test reads SQLite itself; the app runs on ${db.engine}`)
  return db
}
