import { createHash, type Hash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { Store } from '../store'
import { type CopyTable, quote } from './copy-plan'

/**
 * The checksum the copy (copy.ts) compares across engines: SHA-256 over a table's rows in key
 * order, each row the canonical JSON of its columns in SQLite's order (numbers as numbers, text
 * as text, blobs as hex), one line each. Both engines order text by its bytes (SQLite's BINARY,
 * PostgreSQL's "C"), whatever collation the PostgreSQL database was created with.
 */
export class TableChecksum {
  private readonly hash: Hash = createHash('sha256')
  rows = 0

  constructor(private readonly table: CopyTable) {}

  add(row: Record<string, unknown>): void {
    const canonical: Record<string, unknown> = {}
    for (const { name } of this.table.columns) {
      const value = row[name]
      // A bytea crosses the engine's worker thread as a Uint8Array; better-sqlite3 gives Buffers.
      canonical[name] = value instanceof Uint8Array ? Buffer.from(value).toString('hex') : (value ?? null)
    }
    this.hash.update(`${JSON.stringify(canonical)}\n`)
    this.rows++
  }

  digest(): string {
    return this.hash.digest('hex')
  }
}

const columnList = (table: CopyTable) => table.columns.map((c) => quote(c.name)).join(', ')

/** SQLite's rows of `table` in key order, one at a time (inside the copy's read transaction). */
export function sqliteRows(db: Database, table: CopyTable): IterableIterator<Record<string, unknown>> {
  const order = table.order.map((c) => `${quote(c)} COLLATE BINARY NULLS FIRST`).join(', ')
  return db
    .prepare(`SELECT ${columnList(table)} FROM ${quote(table.name)} ORDER BY ${order}`)
    .iterate() as IterableIterator<Record<string, unknown>>
}

/** Rows read from PostgreSQL per round trip while checking: a page the worker clones at once. */
export const CHECK_PAGE_ROWS = 2_000

/**
 * PostgreSQL's rows of `table` in the same order as sqliteRows', a page at a time: after the
 * last key seen (keyset paging), or all at once for a table without a key (a handful of rows).
 */
export function* postgresRows(pg: Store, table: CopyTable): Generator<Record<string, unknown>> {
  const ordered = table.order.map((name) => {
    const column = table.columns.find((c) => c.name === name)
    return column?.pgType === 'text' ? `${quote(name)} COLLATE "C"` : quote(name)
  })
  const select = `SELECT ${columnList(table)} FROM ${quote(table.name)}`
  const orderBy = `ORDER BY ${ordered.map((o) => `${o} NULLS FIRST`).join(', ')}`
  if (!table.keyed) {
    yield* pg.prepare(`${select} ${orderBy}`).all() as Record<string, unknown>[]
    return
  }
  const first = pg.prepare(`${select} ${orderBy} LIMIT ${CHECK_PAGE_ROWS}`)
  const next = pg.prepare(
    `${select} WHERE (${ordered.join(', ')}) > (${ordered.map(() => '?').join(', ')}) ${orderBy} LIMIT ${CHECK_PAGE_ROWS}`,
  )
  let page = first.all() as Record<string, unknown>[]
  while (page.length > 0) {
    yield* page
    if (page.length < CHECK_PAGE_ROWS) return
    const last = page.at(-1) as Record<string, unknown>
    page = next.all(...table.order.map((c) => last[c])) as Record<string, unknown>[]
  }
}

/** The checksum of PostgreSQL's copy of `table`. */
export function postgresChecksum(pg: Store, table: CopyTable): { rows: number; checksum: string } {
  const sum = new TableChecksum(table)
  for (const row of postgresRows(pg, table)) sum.add(row)
  return { rows: sum.rows, checksum: sum.digest() }
}
