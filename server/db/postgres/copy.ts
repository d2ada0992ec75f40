import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { DatabaseTooNewError, SCHEMA_VERSION } from '../migrate'
import { openDatabase } from '../open'
import type { Store } from '../store'
import { PostgresError } from './bridge'
import { postgresChecksum, sqliteRows, TableChecksum } from './copy-checksum'
import { CopyRefused, type CopyTable, planCopy, postgresTables, quote } from './copy-plan'
import { PG_MIGRATIONS } from './migrations'
import { openPostgres } from './open'
import { withoutPassword } from './url'

export { CopyRefused } from './copy-plan'

/**
 * Moves a Gatecast SQLite database into an empty PostgreSQL database (issue 21): every table in
 * an order the foreign keys allow, in one PostgreSQL transaction (a failure leaves the target as
 * it was), read from one SQLite read transaction (a consistent snapshot even if a server still
 * writes), then checked table by table: rows and a checksum on both sides (copy-checksum.ts).
 * The command around it is server/cli/to-postgres.ts.
 */

export interface TableResult {
  table: string
  rows: number
  /** SHA-256 of SQLite's rows, and of PostgreSQL's after the commit. */
  checksum: string
  targetRows: number
  targetChecksum: string
}

export interface CopyResult {
  schemaVersion: number
  /** The target's address without its password. */
  target: string
  tables: TableResult[]
}

/** A table's rows the copy writes per INSERT: PostgreSQL takes at most 65,535 parameters in one. */
export const COPY_BATCH_ROWS = 500
const PARAMETERS_MAX = 65_535

/** Node's and PostgreSQL's codes for a server that cannot be reached or will not let us in. */
const UNREACHABLE = /^(E[A-Z]+|08...|28...|3D000|57P03)$/

export const isSame = (t: TableResult): boolean => t.rows === t.targetRows && t.checksum === t.targetChecksum

/** Opens the SQLite file read-only, refusing anything but a Gatecast database at this Gatecast's version. */
export function openSource(file: string): Database.Database {
  if (!existsSync(file)) {
    throw new CopyRefused(
      `No SQLite database at ${file}: name it with --from, or set DATA_DIR to the server's data folder.`,
    )
  }
  let db: Database.Database | undefined
  let version: number
  let tables: number
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    version = db.pragma('user_version', { simple: true }) as number
    tables = db
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'sites')")
      .pluck()
      .get() as number
  } catch {
    db?.close()
    throw new CopyRefused(`${file} is not a SQLite database.`)
  }
  if (version === 0 || tables < 2) {
    db.close()
    throw new CopyRefused(`${file} is not a Gatecast database.`)
  }
  if (version !== SCHEMA_VERSION) {
    db.close()
    throw new CopyRefused(
      version < SCHEMA_VERSION
        ? `${file} is at schema version ${version}, this Gatecast's is ${SCHEMA_VERSION}: start the server once on SQLite (DATABASE_URL unset) to upgrade it, stop it, then copy.`
        : `${file} is at schema version ${version}, written by a newer Gatecast than this one (${SCHEMA_VERSION}): copy with that version.`,
    )
  }
  return db
}

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Opens and migrates the target, refusing one that cannot be reached, with the password left out. */
async function openTarget(url: string): Promise<Store> {
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    // Reported below, without the text: it may hold a password.
  }
  if (
    !parsed ||
    !['postgres:', 'postgresql:'].includes(parsed.protocol) ||
    !parsed.hostname ||
    parsed.pathname.length < 2
  ) {
    throw new CopyRefused(
      '--to must be a postgres:// address with a host and a database, e.g. postgres://gatecast:secret@db.example:5432/gatecast.',
    )
  }
  const shown = withoutPassword(url)
  // Left out of any message, as written and as PostgreSQL may quote it (decoded).
  const passwords = [parsed.password, safeDecode(parsed.password)].filter((p) => p.length > 0)
  try {
    return await openPostgres(url, { migrations: PG_MIGRATIONS, applicationName: 'gatecast-to-postgres' })
  } catch (error) {
    if (error instanceof DatabaseTooNewError) throw new CopyRefused(`${shown}: ${error.message}`)
    if (error instanceof PostgresError && UNREACHABLE.test(error.code ?? '')) {
      const reason = passwords.reduce((text, p) => text.replaceAll(p, '***'), error.message)
      throw new CopyRefused(`PostgreSQL at ${shown} cannot be reached: ${reason}`)
    }
    throw error
  }
}

/**
 * The rows a freshly migrated database holds by itself (the default alert rule), per table: a
 * target holding exactly those is empty; more means someone's data, which the copy refuses.
 */
function seededRows(tables: readonly string[]): Map<string, number> {
  const fresh = openDatabase(':memory:')
  try {
    const known = new Set(fresh.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all())
    return new Map(
      tables.map((t) => [
        t,
        known.has(t)
          ? (fresh
              .prepare(`SELECT count(*) FROM ${quote(t)}`)
              .pluck()
              .get() as number)
          : 0,
      ]),
    )
  } finally {
    fresh.close()
  }
}

function refuseNonEmpty(pg: Store, seeded: Map<string, number>): void {
  const held = [...seeded]
    .map(([table, fresh]) => ({
      table,
      rows: pg
        .prepare(`SELECT count(*) FROM ${quote(table)}`)
        .pluck()
        .get() as number,
      fresh,
    }))
    .filter((t) => t.rows !== t.fresh)
  if (held.length > 0) {
    const named = held.slice(0, 3).map((t) => `${t.table} ${t.rows}`)
    throw new CopyRefused(
      `${withoutPassword(pg.name)} already holds Gatecast data (rows: ${named.join(', ')}${held.length > 3 ? ', …' : ''}): an empty database is required; create a new one (createdb) and copy into it.`,
    )
  }
}

/** One table's rows from SQLite into PostgreSQL in multi-row INSERTs; its deferred columns NULL for now. */
function copyTable(
  sqlite: Database.Database,
  pg: Store,
  table: CopyTable,
  later: { table: CopyTable; row: Record<string, unknown> }[],
): TableChecksum {
  const sum = new TableChecksum(table)
  const columns = table.columns.map((c) => c.name)
  const perRow = `(${columns.map(() => '?').join(', ')})`
  const batchRows = Math.max(1, Math.min(COPY_BATCH_ROWS, Math.floor(PARAMETERS_MAX / columns.length)))
  const insert = (rows: Record<string, unknown>[]) =>
    pg
      .prepare(
        `INSERT INTO ${quote(table.name)} (${columns.map(quote).join(', ')}) VALUES ${rows.map(() => perRow).join(', ')}`,
      )
      .run(rows.flatMap((row) => columns.map((c) => (table.deferred.includes(c) ? null : row[c]))))
  let batch: Record<string, unknown>[] = []
  for (const row of sqliteRows(sqlite, table)) {
    sum.add(row)
    if (table.deferred.some((c) => row[c] !== null)) later.push({ table, row })
    batch.push(row)
    if (batch.length === batchRows) {
      insert(batch)
      batch = []
    }
  }
  if (batch.length > 0) insert(batch)
  return sum
}

/** Identity columns continue after the copied rows (and after SQLite's AUTOINCREMENT high mark). */
function advanceIdentities(sqlite: Database.Database, pg: Store, table: CopyTable): void {
  const hasSequence = sqlite
    .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'")
    .pluck()
    .get()
  for (const column of table.columns.filter((c) => c.identity)) {
    const copied = pg
      .prepare(`SELECT max(${quote(column.name)}) FROM ${quote(table.name)}`)
      .pluck()
      .get() as number | null
    const mark = hasSequence
      ? ((sqlite.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table.name) as
          | number
          | undefined) ?? 0)
      : 0
    const last = Math.max(copied ?? 0, mark)
    if (last > 0) {
      pg.prepare('SELECT setval(pg_get_serial_sequence(?, ?), ?)').get(quote(table.name), column.name, last)
    }
  }
}

/**
 * Copies `sourceFile` into the database at `url` and checks the copy. Throws CopyRefused (nothing
 * written) for a source or target it will not use; otherwise answers every table's counts and
 * checksums, equal when the copy is faithful.
 */
export async function copyToPostgres(sourceFile: string, url: string): Promise<CopyResult> {
  const sqlite = openSource(sourceFile)
  let pg: Store | undefined
  try {
    pg = await openTarget(url)
    const target = pg
    refuseNonEmpty(target, seededRows(postgresTables(target)))
    const plan = planCopy(sqlite, target)
    // One read transaction: every table from the same instant, even with a server still writing.
    sqlite.exec('BEGIN')
    const sums = new Map<string, TableChecksum>()
    target.transaction(() => {
      for (const table of plan) target.exec(`ALTER TABLE ${quote(table.name)} DISABLE TRIGGER USER`)
      // The migration's own rows (the default alert rule) give way to SQLite's.
      for (const table of [...plan].reverse()) target.exec(`DELETE FROM ${quote(table.name)}`)
      const later: { table: CopyTable; row: Record<string, unknown> }[] = []
      for (const table of plan) sums.set(table.name, copyTable(sqlite, target, table, later))
      for (const { table, row } of later) {
        const set = table.deferred.map((c) => `${quote(c)} = ?`).join(', ')
        const where = table.order.map((c) => `${quote(c)} = ?`).join(' AND ')
        target
          .prepare(`UPDATE ${quote(table.name)} SET ${set} WHERE ${where}`)
          .run([...table.deferred.map((c) => row[c]), ...table.order.map((c) => row[c])])
      }
      for (const table of plan) advanceIdentities(sqlite, target, table)
      for (const table of plan) target.exec(`ALTER TABLE ${quote(table.name)} ENABLE TRIGGER USER`)
    })()
    sqlite.exec('COMMIT')
    const tables = plan.map((table): TableResult => {
      const source = sums.get(table.name) as TableChecksum
      const copied = postgresChecksum(target, table)
      return {
        table: table.name,
        rows: source.rows,
        checksum: source.digest(),
        targetRows: copied.rows,
        targetChecksum: copied.checksum,
      }
    })
    return { schemaVersion: SCHEMA_VERSION, target: withoutPassword(url), tables }
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    sqlite.close()
    pg?.close()
  }
}
