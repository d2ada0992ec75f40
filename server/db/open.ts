import Database from 'better-sqlite3'
import { migrate } from './migrate'

export type Db = Database.Database

/**
 * Opens (creating if needed) and migrates the database. `:memory:` works for throwaway use.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file)
  try {
    // WAL: players' document reads never wait behind an operator's write, and the reverse.
    db.pragma('journal_mode = WAL')
    // FULL: a publish or an approval that was acknowledged must survive a power cut of the
    // server; writes are rare (edits, batched proof-of-play), so the extra fsync is cheap.
    db.pragma('synchronous = FULL')
    // SQLite leaves foreign keys off by default; our ON DELETE rules depend on them.
    db.pragma('foreign_keys = ON')
    // A maintenance script (password reset, backup) may hold the lock for a moment.
    db.pragma('busy_timeout = 5000')
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
