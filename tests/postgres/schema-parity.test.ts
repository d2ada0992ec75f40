import { SCHEMA_VERSION } from '@server/db/migrate'
import { openDatabase } from '@server/db/open'
import { baseline } from '@server/db/postgres/migrations/027-baseline'
import { PG_MIGRATIONS } from '@server/db/postgres/migrations/index'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migratedPostgres } from '../helpers/engines'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import { describePostgres, describeSqlite, type Schema, type Table } from '../helpers/schema-description'

/** The contract's types: every SQLite INTEGER is a BIGINT, REAL a DOUBLE PRECISION, BLOB a BYTEA. */
const TYPES: Record<string, string> = {
  INTEGER: 'bigint',
  REAL: 'double precision',
  TEXT: 'text',
  BLOB: 'bytea',
}

/**
 * Triggers PostgreSQL needs and SQLite does not: TRUNCATE skips row triggers (SQLite has no
 * TRUNCATE), so the tables refusing DELETE refuse it too.
 */
const POSTGRES_ONLY_TRIGGERS = [
  'audit_log_no_truncate BEFORE TRUNCATE ON audit_log',
  'versions_no_truncate BEFORE TRUNCATE ON versions',
]

/** SQLite's schema as PostgreSQL must hold it, by the contract's mapping rules. */
function asPostgres(sqlite: Schema): Schema {
  const tables = Object.fromEntries(
    Object.entries(sqlite.tables).map(([name, table]) => [
      name,
      {
        ...table,
        columns: table.columns.map((column) => ({
          ...column,
          type: TYPES[column.type.toUpperCase()] ?? `unmapped ${column.type}`,
          // PostgreSQL's primary keys are NOT NULL; SQLite lets a rowid table's TEXT key be NULL.
          notNull: column.notNull || table.primaryKey.includes(column.name),
        })),
      },
    ]),
  )
  return { ...sqlite, tables, triggers: [...sqlite.triggers, ...POSTGRES_ONLY_TRIGGERS].sort() }
}

/** One part of every table, by table name: one comparison shows every table that differs. */
function part<K extends keyof Table>(schema: Schema, key: K): Record<string, Table[K]> {
  return Object.fromEntries(Object.entries(schema.tables).map(([name, table]) => [name, table[key]]))
}

describe('the PostgreSQL baseline', () => {
  let server: TestPostgres
  let client: pg.Client

  beforeAll(async () => {
    server = await startPostgres()
    client = new pg.Client({ connectionString: await migratedPostgres(server, 'parity') })
    await client.connect()
  }, 60_000)

  afterAll(async () => {
    await client?.end()
    await server?.stop()
  })

  it('starts at the baseline, SQLite’s version 27, and has a twin of every later SQLite migration', () => {
    const later = Array.from({ length: SCHEMA_VERSION - 27 }, (_, i) => 28 + i)
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual([27, ...later])
  })

  it('applies to an empty database in one transaction, which undoes it whole', async () => {
    const fresh = new pg.Client({ connectionString: await server.createDatabase('undone') })
    await fresh.connect()
    try {
      const count = async () =>
        Number(
          (
            await fresh.query(
              `SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)
                    + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace) AS n`,
            )
          ).rows[0].n,
        )
      await fresh.query('BEGIN')
      await fresh.query(baseline.sql)
      expect(await count()).toBeGreaterThan(100)
      await fresh.query('ROLLBACK')
      expect(await count()).toBe(0)
    } finally {
      await fresh.end()
    }
  })

  describe('holds SQLite’s schema at the same version', () => {
    let sqlite: Schema
    let postgres: Schema

    beforeAll(async () => {
      const store = openDatabase(':memory:')
      sqlite = asPostgres(describeSqlite(store))
      store.close()
      postgres = await describePostgres(client)
    })

    it('has the same tables and views', () => {
      expect(Object.keys(postgres.tables).sort()).toEqual(Object.keys(sqlite.tables).sort())
      expect(Object.keys(sqlite.tables)).toHaveLength(46)
      expect(postgres.views).toEqual(sqlite.views)
      expect(Object.keys(postgres.views)).toEqual(['published_documents'])
    })

    it('has the same columns in the same order, types mapped, NOT NULL, defaults and identities', () => {
      expect(part(postgres, 'columns')).toEqual(part(sqlite, 'columns'))
    })

    it('has the same primary keys and unique constraints', () => {
      expect(part(postgres, 'primaryKey')).toEqual(part(sqlite, 'primaryKey'))
      expect(part(postgres, 'unique')).toEqual(part(sqlite, 'unique'))
    })

    it('has the same indexes: names, columns and order, uniqueness, partial predicates', () => {
      expect(part(postgres, 'indexes')).toEqual(part(sqlite, 'indexes'))
      expect(Object.values(sqlite.tables).flatMap((t) => t.indexes)).toHaveLength(41)
    })

    it('has the same foreign keys, with the same ON DELETE and ON UPDATE actions', () => {
      expect(part(postgres, 'foreignKeys')).toEqual(part(sqlite, 'foreignKeys'))
    })

    it('starts with the same rows (instants aside): the default alert rules', async () => {
      const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
      const value = (v: unknown) => (v === null ? null : instant.test(String(v)) ? 'an instant' : String(v))
      const store = openDatabase(':memory:')
      const rows = async (read: (sql: string) => Promise<unknown[][]>) =>
        Object.fromEntries(
          await Promise.all(
            Object.keys(sqlite.tables).map(async (t) => [
              t,
              (await read(`SELECT * FROM ${t}`)).map((r) => r.map(value)),
            ]),
          ),
        )
      const onSqlite = await rows(async (sql) =>
        store
          .prepare(sql)
          .all()
          .map((r) => Object.values(r as object)),
      )
      store.close()
      const onPostgres = await rows(async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows)
      expect(onPostgres).toEqual(onSqlite)
      expect(onSqlite.alert_rules).toEqual([
        [null, '1', '15', '1', '60', '1', '5', '10', '1', '90', 'an instant'],
      ])
    })

    it('has the same triggers, on the same events, and the TRUNCATE guards', () => {
      expect(postgres.triggers).toEqual(sqlite.triggers)
      expect(sqlite.triggers).toHaveLength(31 + POSTGRES_ONLY_TRIGGERS.length)
    })
  })
})
