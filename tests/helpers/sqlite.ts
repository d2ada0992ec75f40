import { SqliteStore } from '@server/db/sqlite-store'
import type { Store } from '@server/db/store'

/** The app's store as SQLite's, for a test about SQLite itself (pragmas, the file). */
export function sqliteStore(db: Store): SqliteStore {
  if (!(db instanceof SqliteStore))
    throw new Error(`this test reads SQLite itself; the app runs on ${db.engine}`)
  return db
}

/**
 * `edit` with the foreign keys unchecked, as a person editing the database by hand may leave it:
 * SQLite's pragma, or PostgreSQL's replica mode for the session (its foreign keys are triggers,
 * which that mode does not fire; the test server's user is a superuser, which the mode needs).
 */
export function withoutForeignKeys(db: Store, edit: () => void): void {
  if (db instanceof SqliteStore) db.pragma('foreign_keys = OFF')
  else db.exec('SET session_replication_role = replica')
  try {
    edit()
  } finally {
    if (db instanceof SqliteStore) db.pragma('foreign_keys = ON')
    else db.exec('SET session_replication_role = DEFAULT')
  }
}
