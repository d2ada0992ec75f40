import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import postgres from 'postgres'
import { startPostgres } from '../tests/helpers/postgres'
import { round } from './browser'
import type { BenchResult } from './run'

/**
 * `pg-drivers`: the two PostgreSQL drivers for Node worth choosing between, node-postgres (`pg`)
 * and postgres.js (`postgres`), on the statements Gatecast's repositories run, one at a time as
 * the engine runs them (server/db/postgres/: one connection per node, one statement after
 * another): a row by primary key, a page of 100 rows, a single-row insert, and a transaction of
 * three writes. Each figure is the median µs per operation over ROUNDS rounds, the drivers
 * taking turns. The baseline is better-sqlite3 on the same statements and rows (a file in WAL
 * mode with synchronous=FULL, as the server opens it): what PostgreSQL costs against the embedded
 * default. Against a real PostgreSQL on loopback (tests/helpers/postgres.ts: fsync off, so that
 * the figure is the driver's and the protocol's, not the disk's).
 */

const ROUNDS = 5
const OPS = 2_000
const ROWS = 1_000

type Op = 'byId' | 'page' | 'insert' | 'transaction'
type Runner = Record<Op, (i: number) => Promise<unknown> | unknown>

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const SCHEMA = (bigint: string) =>
  `CREATE TABLE items (id TEXT PRIMARY KEY, site_id TEXT NOT NULL, name TEXT NOT NULL, updated_at ${bigint} NOT NULL, enabled ${bigint} NOT NULL, body TEXT NOT NULL);
   CREATE INDEX items_site ON items (site_id, name);
   CREATE TABLE writes (id ${bigint} PRIMARY KEY, at ${bigint} NOT NULL, note TEXT NOT NULL)`

const row = (i: number) => [
  `item-${i}`,
  `site-${i % 10}`,
  `Cửa khẩu ${i} 友谊关`,
  1_765_000_000_000 + i,
  i % 2,
  `{"n":${i}}`,
]

/** Keys of the rows written: never the same twice across rounds. */
let next = 1

async function measure(run: Runner): Promise<Record<Op, number>> {
  const out = {} as Record<Op, number>
  for (const op of Object.keys(run) as Op[]) {
    const started = process.hrtime.bigint()
    for (let i = 0; i < OPS; i++) await run[op](next++)
    out[op] = Number(process.hrtime.bigint() - started) / 1_000 / OPS
  }
  return out
}

export async function pgDriversBench(): Promise<BenchResult> {
  const server = await startPostgres()
  const dir = mkdtempSync(join(tmpdir(), 'gatecast-bench-pg-'))
  const sqlite = new Database(join(dir, 'bench.sqlite'))
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  const nodePg = new pg.Client({ connectionString: server.url })
  // One connection, as the engine has: postgres.js would otherwise spread statements over ten.
  const pgJs = postgres(server.url, { max: 1, onnotice: () => {} })
  try {
    sqlite.exec(SCHEMA('INTEGER'))
    const insertItem = sqlite.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)')
    sqlite.transaction(() => {
      for (let i = 0; i < ROWS; i++) insertItem.run(row(i))
    })()
    await nodePg.connect()
    await nodePg.query(SCHEMA('BIGINT'))
    await nodePg.query(
      `INSERT INTO items SELECT 'item-' || i, 'site-' || (i % 10), 'Cửa khẩu ' || i || ' 友谊关',
         1765000000000 + i, i % 2, '{"n":' || i || '}' FROM generate_series(0, ${ROWS - 1}) i`,
    )
    await nodePg.query('ANALYZE')

    const byId = 'SELECT * FROM items WHERE id = $1'
    const page = 'SELECT * FROM items WHERE site_id = $1 ORDER BY name LIMIT 100'
    const insert = 'INSERT INTO writes (id, at, note) VALUES ($1, $2, $3)'
    const sqliteStatements = {
      byId: sqlite.prepare(byId.replace('$1', '?')),
      page: sqlite.prepare(page.replace('$1', '?')),
      insert: sqlite.prepare('INSERT INTO writes (id, at, note) VALUES (?, ?, ?)'),
    }
    const sqliteRun: Runner = {
      byId: (i) => sqliteStatements.byId.get(`item-${i % ROWS}`),
      page: (i) => sqliteStatements.page.all(`site-${i % 10}`),
      insert: (i) => sqliteStatements.insert.run(i, Date.now(), 'bench'),
      transaction: sqlite.transaction((i: number) => {
        for (let k = 0; k < 3; k++) sqliteStatements.insert.run(-(i * 3 + k), Date.now(), 'bench')
      }),
    }
    const nodePgRun: Runner = {
      byId: (i) => nodePg.query({ name: 'byId', text: byId, values: [`item-${i % ROWS}`] }),
      page: (i) => nodePg.query({ name: 'page', text: page, values: [`site-${i % 10}`] }),
      insert: (i) => nodePg.query({ name: 'insert', text: insert, values: [i + 1e9, Date.now(), 'bench'] }),
      transaction: async (i) => {
        await nodePg.query('BEGIN')
        for (let k = 0; k < 3; k++) {
          await nodePg.query({
            name: 'insert',
            text: insert,
            values: [-(i * 3 + k) - 1e9, Date.now(), 'bench'],
          })
        }
        await nodePg.query('COMMIT')
      },
    }
    const pgJsRun: Runner = {
      byId: (i) => pgJs.unsafe(byId, [`item-${i % ROWS}`], { prepare: true }),
      page: (i) => pgJs.unsafe(page, [`site-${i % 10}`], { prepare: true }),
      insert: (i) => pgJs.unsafe(insert, [i + 2e9, Date.now(), 'bench'], { prepare: true }),
      transaction: (i) =>
        pgJs.begin(async (tx) => {
          for (let k = 0; k < 3; k++) {
            await tx.unsafe(insert, [-(i * 3 + k) - 2e9, Date.now(), 'bench'], { prepare: true })
          }
        }),
    }

    const runs: Record<'sqlite' | 'pg' | 'postgres', Record<Op, number>[]> = {
      sqlite: [],
      pg: [],
      postgres: [],
    }
    // A first round of each warms up (JIT, prepared statements) and is not counted.
    for (let r = 0; r <= ROUNDS; r++) {
      const sqliteRound = await measure(sqliteRun)
      const pgRound = await measure(nodePgRun)
      const pgJsRound = await measure(pgJsRun)
      if (r === 0) continue
      runs.sqlite.push(sqliteRound)
      runs.pg.push(pgRound)
      runs.postgres.push(pgJsRound)
    }
    const medians = (list: Record<Op, number>[]) =>
      Object.fromEntries(
        (Object.keys(list[0]!) as Op[]).map((op) => [`${op}_us`, round(median(list.map((m) => m[op])), 1)]),
      ) as Record<`${Op}_us`, number>
    const sqliteUs = medians(runs.sqlite)
    const pgUs = medians(runs.pg)
    const pgJsUs = medians(runs.postgres)
    const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0)
    return {
      bench: 'pg-drivers',
      pg: pgUs,
      postgres: pgJsUs,
      // Above 1: node-postgres is slower than postgres.js, summed over the four statements.
      pg_vs_postgres: round(total(pgUs) / total(pgJsUs), 2),
      baseline: sqliteUs,
      // The driver the engine uses (node-postgres) against better-sqlite3, summed likewise.
      ratio: round(total(pgUs) / total(sqliteUs), 2),
    }
  } finally {
    await nodePg.end().catch(() => {})
    await pgJs.end({ timeout: 1 }).catch(() => {})
    sqlite.close()
    rmSync(dir, { recursive: true, force: true })
    await server.stop()
  }
}
