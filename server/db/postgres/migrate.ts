import { DatabaseTooNewError } from '../migrate'
import { CHANNEL } from './channel'
import { SQLITE_FUNCTIONS } from './compat'
import type { PgMigration } from './migrations'
import type { PostgresStore } from './store'

/**
 * The function every table's change trigger calls: one notification per transaction (PostgreSQL
 * folds identical ones), delivered at commit to every node listening (bridge-worker.ts), which
 * then counts it as another connection's commit, as SQLite's data_version does.
 */
const NOTIFY_FUNCTION = `
CREATE OR REPLACE FUNCTION gatecast_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${CHANNEL}', '');
  RETURN NULL;
END $$`

/**
 * Functions of the schema that call another of Gatecast's by its bare name, pinned to the search
 * path the nodes use. pg_dump's output is restored with an empty search path, where that name
 * finds nothing: gatecast_is_json, the CHECK of every JSON column, answered false for every row
 * and pg_restore refused the dump (tests/postgres/pg-dump.test.ts). Pinned on every start rather
 * than in a migration, so that a database made before this line gets it too, as the engine's own
 * functions are made again (migrations are numbered as SQLite's twins, and SQLite has nothing to
 * change). The setting goes into every dump with its function.
 */
const PINNED_FUNCTIONS = ['gatecast_is_json(text)']

/**
 * Applies every migration newer than the database's version (table gatecast_schema), each in its
 * own transaction with the version bump (PostgreSQL's DDL is transactional), then makes sure every
 * table notifies its changes. Several nodes starting at once migrate one after the other: each
 * transaction takes the store's lock. Returns the versions applied.
 */
export function migratePostgres(db: PostgresStore, migrations: readonly PgMigration[]): number[] {
  const latest = migrations.at(-1)?.version ?? 0
  const applied: number[] = []
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS gatecast_schema (version BIGINT NOT NULL)')
    if (db.prepare('SELECT count(*) FROM gatecast_schema').pluck().get() === 0) {
      db.exec('INSERT INTO gatecast_schema (version) VALUES (0)')
    }
  })()
  for (const migration of migrations) {
    db.transaction(() => {
      // Read inside the lock: another node may have applied it meanwhile.
      const current = db.prepare('SELECT version FROM gatecast_schema').pluck().get() as number
      if (current > latest) throw new DatabaseTooNewError(current)
      if (migration.version <= current) return
      db.exec(migration.sql)
      db.prepare('UPDATE gatecast_schema SET version = ?').run(migration.version)
      applied.push(migration.version)
    })()
  }
  db.transaction(() => {
    const current = db.prepare('SELECT version FROM gatecast_schema').pluck().get() as number
    if (current > latest) throw new DatabaseTooNewError(current)
    db.exec(NOTIFY_FUNCTION)
    db.exec(SQLITE_FUNCTIONS)
    // FROM CURRENT: the path this node's session resolves Gatecast's names with. A schema of
    // other migrations (the engine's own tests) may not have the function.
    const exists = db.prepare('SELECT to_regprocedure(?) IS NOT NULL').pluck()
    for (const fn of PINNED_FUNCTIONS) {
      if (exists.get(fn)) db.exec(`ALTER FUNCTION ${fn} SET search_path FROM CURRENT`)
    }
    const tables = db
      .prepare(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname <> 'gatecast_schema'
           AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'gatecast_notify')
         ORDER BY c.relname`,
      )
      .pluck()
      .all() as string[]
    for (const table of tables) {
      db.exec(
        `CREATE TRIGGER gatecast_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION gatecast_notify_change()`,
      )
    }
  })()
  return applied
}

/** The schema version of a PostgreSQL database Gatecast migrated (0 before the first start). */
export function postgresVersion(db: PostgresStore): number {
  const exists = db.prepare("SELECT to_regclass('gatecast_schema') IS NOT NULL").pluck().get()
  if (!exists) return 0
  return (db.prepare('SELECT version FROM gatecast_schema').pluck().get() as number | undefined) ?? 0
}
