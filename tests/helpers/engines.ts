import { openDatabase } from '@server/db/open'
import { PG_MIGRATIONS } from '@server/db/postgres/migrations/index'
import type { Store } from '@server/db/store'
import pg from 'pg'
import type { TestPostgres } from './postgres'

/**
 * The two engines behind one small interface, for tests that run the same SQL on both and compare:
 * SQLite migrated by the server's own code, PostgreSQL from its baseline. Values come back as text
 * (PostgreSQL's int8 arrives as a string, SQLite's integer as a number; booleans as 1/0), so rows
 * compare equal when the engines agree.
 */
export interface Engine {
  name: 'sqlite' | 'postgres'
  exec: (sql: string) => Promise<void>
  rows: (sql: string) => Promise<Array<Array<string | null>>>
  /** What became of a statement: 'ok', or the kind of refusal (a trigger's by its message). */
  outcome: (sql: string) => Promise<string>
  close: () => Promise<void>
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'boolean') return value ? '1' : '0'
  return String(value)
}

/** SQLite's extended result codes for a refused row, as the names the cases expect. */
const SQLITE_REFUSALS: Record<string, string> = {
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not-null',
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign-key',
}

/**
 * PostgreSQL's SQLSTATEs for the same; 23000 is what the baseline's triggers raise. ON DELETE
 * RESTRICT answers 23001 (SQLite: SQLITE_CONSTRAINT_TRIGGER, "FOREIGN KEY constraint failed").
 */
const POSTGRES_REFUSALS: Record<string, string> = {
  '23001': 'foreign-key',
  '23514': 'check',
  '23502': 'not-null',
  '23505': 'unique',
  '23503': 'foreign-key',
}

/** SQLite reports ON DELETE RESTRICT as a trigger's refusal, under this message. */
const SQLITE_RESTRICT = 'FOREIGN KEY constraint failed'

function refusal(error: unknown, kinds: Record<string, string>, trigger: string): string {
  const { code, message } = error as { code?: string; message?: string }
  if (code === trigger && message === SQLITE_RESTRICT) return 'foreign-key'
  if (code === trigger) return `trigger: ${message}`
  return (code && kinds[code]) ?? `error ${code}: ${message}`
}

export function sqliteEngine(store: Store = openDatabase(':memory:')): Engine & { store: Store } {
  return {
    name: 'sqlite',
    store,
    exec: async (sql) => {
      store.exec(sql)
    },
    rows: async (sql) =>
      store
        .prepare(sql)
        .all()
        .map((row) => Object.values(row as object).map(text)),
    outcome: async (sql) => {
      try {
        store.exec(sql)
        return 'ok'
      } catch (error) {
        return refusal(error, SQLITE_REFUSALS, 'SQLITE_CONSTRAINT_TRIGGER')
      }
    },
    close: async () => store.close(),
  }
}

export async function postgresEngine(url: string): Promise<Engine & { client: pg.Client }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    name: 'postgres',
    client,
    exec: async (sql) => {
      await client.query(sql)
    },
    rows: async (sql) => {
      const result = await client.query({ text: sql, rowMode: 'array' })
      return (result.rows as unknown[][]).map((row) => row.map(text))
    },
    outcome: async (sql) => {
      try {
        await client.query(sql)
        return 'ok'
      } catch (error) {
        return refusal(error, POSTGRES_REFUSALS, '23000')
      }
    },
    close: () => client.end(),
  }
}

/** A new database on `server` holding the PostgreSQL migrations, applied as the runner does. */
export async function migratedPostgres(server: TestPostgres, name: string): Promise<string> {
  const url = await server.createDatabase(name)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    for (const migration of PG_MIGRATIONS) {
      await client.query('BEGIN')
      await client.query(migration.sql)
      await client.query('COMMIT')
    }
  } finally {
    await client.end()
  }
  return url
}
