import { MIGRATIONS, migrate } from '@server/db/migrate'
import Database from 'better-sqlite3'

/** An in-memory database as Gatecast left it at schema `version`, for a later migration to upgrade. */
export function databaseAt(version: number): Database.Database {
  const db = new Database(':memory:')
  // As openDatabase has it: the migrations' ON DELETE rules and foreign keys depend on it.
  db.pragma('foreign_keys = ON')
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  )
  return db
}
