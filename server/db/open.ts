import { mkdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { migrate, SCHEMA_VERSION } from './migrate'
import { SqliteStore } from './sqlite-store'

export interface OpenOptions {
  /** Told where the database was copied before an upgrade migrated it. */
  onBackup?: (path: string, fromVersion: number) => void
  /** For the backup's name; the server's clock. */
  now?: () => number
}

/**
 * Before migrating a database written by an older Gatecast, copies it whole to
 * `<folder>/backups/<name>-v<version>-<instant>.sqlite` (VACUUM INTO: a consistent copy even with
 * the WAL in use). Should a migration go wrong in a way the transaction cannot undo, or the new
 * version misbehave, that copy is the way back.
 */
function backupBeforeUpgrade(db: Database.Database, file: string, options: OpenOptions): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (file === ':memory:' || version === 0 || version >= SCHEMA_VERSION) return
  const folder = join(dirname(file), 'backups')
  mkdirSync(folder, { recursive: true })
  const stamp = new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-')
  const target = join(folder, `${basename(file, '.sqlite')}-v${version}-${stamp}.sqlite`)
  db.prepare('VACUUM INTO ?').run(target)
  options.onBackup?.(target, version)
}

/**
 * Opens (creating if needed) and migrates the database, after a backup when it is an upgrade.
 * `:memory:` works for throwaway use.
 */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteStore {
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
    backupBeforeUpgrade(db, file, options)
    migrate(db)
    // After migrating: a migration's DDL would invalidate statements compiled before it. From
    // here on every statement goes through the store, which caches them and counts writes.
    return new SqliteStore(db)
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * A read-only connection to a database another connection opened and migrated: the compute
 * workers' (server/compute/worker.ts). WAL lets it read while the server writes.
 */
export function openReader(file: string): SqliteStore {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    return new SqliteStore(db)
  } catch (error) {
    db.close()
    throw error
  }
}
