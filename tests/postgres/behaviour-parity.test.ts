import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHECK_CASES } from '../helpers/check-cases'
import { type Engine, migratedPostgres, postgresEngine, sqliteEngine } from '../helpers/engines'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import { BASE, type Case, TRIGGER_CASES } from '../helpers/schema-cases'

/**
 * The same statements on SQLite (migrated by the server) and PostgreSQL (from its baseline): every
 * trigger and every CHECK that is more than a comparison must accept and refuse alike, a trigger
 * with the same message, and leave the same rows behind. Each case also states its outcome, so
 * the two engines cannot agree on a wrong one.
 */
let server: TestPostgres
let sqlite: Engine
let postgres: Engine

beforeAll(async () => {
  server = await startPostgres()
  sqlite = sqliteEngine()
  postgres = await postgresEngine(await migratedPostgres(server, 'behaviour'))
}, 60_000)

afterAll(async () => {
  await sqlite?.close()
  await postgres?.close()
  await server?.stop()
})

/** Runs a case in a transaction rolled back afterwards, the judged statement behind a savepoint. */
async function run(engine: Engine, c: Case): Promise<{ outcome: string; rows: Array<Array<string | null>> }> {
  await engine.exec('BEGIN')
  try {
    for (const statement of [...BASE, ...(c.given ?? [])]) await engine.exec(statement)
    await engine.exec('SAVEPOINT judged')
    const outcome = await engine.outcome(c.when)
    // PostgreSQL refuses every statement after an error until the savepoint is rolled back.
    if (outcome !== 'ok') await engine.exec('ROLLBACK TO SAVEPOINT judged')
    return { outcome, rows: c.after ? await engine.rows(c.after) : [] }
  } finally {
    await engine.exec('ROLLBACK')
  }
}

describe.each([
  ['triggers', TRIGGER_CASES],
  ['checks and indexes', CHECK_CASES],
])('%s behave alike on SQLite and PostgreSQL', (_, cases) => {
  it.each(cases)('$name', async (c) => {
    const onSqlite = await run(sqlite, c)
    expect(onSqlite.outcome).toBe(c.expect)
    if (c.rows) expect(onSqlite.rows).toEqual(c.rows)
    expect(await run(postgres, c)).toEqual(onSqlite)
  })
})

describe('PostgreSQL alone', () => {
  it.each([
    ['audit_log', 'the audit log is append-only'],
    ['versions', 'versions are kept forever'],
  ])('refuses TRUNCATE %s as it refuses DELETE (TRUNCATE skips row triggers)', async (table, message) => {
    expect(await run(postgres, { name: table, when: `TRUNCATE ${table} CASCADE`, expect: '' })).toEqual({
      outcome: `trigger: ${message}`,
      rows: [],
    })
  })
})
