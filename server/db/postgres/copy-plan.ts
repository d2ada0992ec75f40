import type { Database } from 'better-sqlite3'
import type { Store } from '../store'

/**
 * What copying a SQLite database into PostgreSQL (copy.ts) needs to know of its tables: their
 * columns in SQLite's order, the key that orders their rows, and an order of tables the foreign
 * keys allow. Read from both catalogs, so a table or column one engine lacks is found before
 * anything is written.
 */

export interface CopyColumn {
  name: string
  /** PostgreSQL's type (information_schema's data_type): text columns are ordered with COLLATE "C". */
  pgType: string
  /** An identity column in PostgreSQL (SQLite's INTEGER PRIMARY KEY [AUTOINCREMENT]). */
  identity: boolean
}

export interface CopyTable {
  name: string
  columns: CopyColumn[]
  /**
   * The columns the rows are ordered by: the primary key, or every column for a table without
   * one (alert_rules), which is what makes the checksum of either engine's rows comparable.
   */
  order: string[]
  /** Whether `order` is a primary key, whose values PostgreSQL's rows can be paged by. */
  keyed: boolean
  /**
   * Columns written NULL at first and set once every table is in: foreign keys that close a
   * cycle (emergencies.cap_message_id ↔ cap_messages.emergency_id) or name their own table.
   */
  deferred: string[]
}

export class CopyRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CopyRefused'
  }
}

/** A name quoted for either engine's SQL: the catalogs' names, never people's input. */
export const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`

interface SqliteColumn {
  name: string
  notnull: number
  pk: number
}

interface ForeignKey {
  table: string
  from: string
}

/** SQLite's own tables (sqlite_sequence) are the engine's, not Gatecast's. */
export function sqliteTables(db: Database): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .pluck()
    .all() as string[]
}

/** PostgreSQL's tables in the schema Gatecast uses, but its own version table (gatecast_schema). */
export function postgresTables(pg: Store): string[] {
  return pg
    .prepare(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname <> 'gatecast_schema'
       ORDER BY c.relname`,
    )
    .pluck()
    .all() as string[]
}

/**
 * The tables to copy, in an order their foreign keys allow (a table after those it names).
 * Throws CopyRefused naming a SQLite table or column PostgreSQL lacks.
 */
export function planCopy(sqlite: Database, pg: Store): CopyTable[] {
  const targets = new Set(postgresTables(pg))
  const tables = new Map<string, CopyTable>()
  const parents = new Map<string, Map<string, string[]>>()
  const nullable = new Map<string, Set<string>>()
  for (const name of sqliteTables(sqlite)) {
    if (!targets.has(name)) {
      throw new CopyRefused(
        `The SQLite table ${name} has no twin in PostgreSQL's schema: nothing was copied.`,
      )
    }
    const columns = sqlite
      .prepare('SELECT name, "notnull", pk FROM pragma_table_info(?)')
      .all(name) as SqliteColumn[]
    const pgColumns = new Map(
      (
        pg
          .prepare(
            `SELECT column_name AS name, data_type AS type, is_identity AS identity
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
          )
          .all(name) as { name: string; type: string; identity: string }[]
      ).map((c) => [c.name, c]),
    )
    const copied = columns.map((c): CopyColumn => {
      const twin = pgColumns.get(c.name)
      if (!twin)
        throw new CopyRefused(`PostgreSQL's table ${name} has no column ${c.name}: nothing was copied.`)
      return { name: c.name, pgType: twin.type, identity: twin.identity === 'YES' }
    })
    const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
    tables.set(name, {
      name,
      columns: copied,
      order: (key.length > 0 ? key : columns).map((c) => c.name),
      keyed: key.length > 0,
      deferred: [],
    })
    nullable.set(name, new Set(columns.filter((c) => c.notnull === 0 && c.pk === 0).map((c) => c.name)))
    const edges = new Map<string, string[]>()
    for (const fk of sqlite
      .prepare('SELECT "table", "from" FROM pragma_foreign_key_list(?)')
      .all(name) as ForeignKey[]) {
      edges.set(fk.table, [...(edges.get(fk.table) ?? []), fk.from])
    }
    parents.set(name, edges)
  }
  return ordered(tables, parents, nullable)
}

/**
 * Kahn's order over the foreign keys, by name where several tables are ready. A key naming its own
 * table, or closing a cycle, is deferred (copy.ts writes it after every table), which needs its
 * columns nullable; a cycle of NOT NULL keys cannot be copied and is refused.
 */
function ordered(
  tables: Map<string, CopyTable>,
  parents: Map<string, Map<string, string[]>>,
  nullable: Map<string, Set<string>>,
): CopyTable[] {
  const defer = (child: string, parent: string) => {
    const columns = parents.get(child)?.get(parent) ?? []
    const table = tables.get(child) as CopyTable
    table.deferred.push(...columns)
    parents.get(child)?.delete(parent)
  }
  for (const [child, edges] of parents) if (edges.has(child)) defer(child, child)
  const done: CopyTable[] = []
  const left = new Set(tables.keys())
  while (left.size > 0) {
    const ready = [...left].filter((t) => [...(parents.get(t)?.keys() ?? [])].every((p) => !left.has(p)))
    if (ready.length === 0) {
      // A cycle: break it at a key whose columns may all be NULL.
      const edge = [...left]
        .flatMap((child) =>
          [...(parents.get(child) ?? [])].map(([parent, columns]) => ({ child, parent, columns })),
        )
        .find((e) => left.has(e.parent) && e.columns.every((c) => nullable.get(e.child)?.has(c)))
      if (!edge)
        throw new CopyRefused(`The foreign keys of ${[...left].join(', ')} form a cycle of required columns.`)
      defer(edge.child, edge.parent)
      continue
    }
    for (const name of ready.sort()) {
      done.push(tables.get(name) as CopyTable)
      left.delete(name)
    }
  }
  return done
}
