import type { SqliteStore } from '@server/db/sqlite-store'
import type pg from 'pg'

/**
 * A schema as both engines can describe it from their own catalogs (SQLite's pragmas, PostgreSQL's
 * pg_catalog), in one shape, so that tests/postgres/schema-parity.test.ts compares them whole.
 * Expressions (index columns and predicates) are compared as text without casts, parentheses,
 * spaces or case: PostgreSQL writes `(state = 'pending'::text)` for SQLite's `state = 'pending'`.
 */
export interface Column {
  name: string
  type: string
  notNull: boolean
  default: string | null
  /** SQLite's rowid alias (INTEGER PRIMARY KEY), PostgreSQL's identity column. */
  identity: boolean
}

export interface Index {
  name: string
  unique: boolean
  columns: string[]
  predicate: string | null
}

export interface ForeignKey {
  columns: string[]
  table: string
  to: string[]
  onDelete: string
  onUpdate: string
}

export interface Table {
  columns: Column[]
  primaryKey: string[]
  /** UNIQUE constraints, each as its columns joined by commas, sorted. */
  unique: string[]
  indexes: Index[]
  foreignKeys: ForeignKey[]
}

export interface Schema {
  tables: Record<string, Table>
  views: Record<string, string[]>
  /** `<name> <timing> <event> ON <table>`, sorted. */
  triggers: string[]
}

export function normalizeExpression(sql: string): string {
  return sql
    .replace(/::(text|bigint|integer|double precision)/gi, '')
    .replace(/[()\s"]/g, '')
    .toLowerCase()
}

/** Splits at commas outside parentheses and quotes: an index's column list. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < list.length; i++) {
    const c = list[i]
    if (c === "'") quoted = !quoted
    else if (!quoted && c === '(') depth++
    else if (!quoted && c === ')') depth--
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(list.slice(start, i))
      start = i + 1
    }
  }
  parts.push(list.slice(start))
  return parts.map((p) => p.trim())
}

/** The parenthesised list after `ON <table>` and what follows WHERE, from CREATE INDEX text. */
function indexParts(sql: string): { columns: string[]; predicate: string | null } {
  const open = sql.indexOf('(', sql.search(/\sON\s/i))
  let depth = 0
  let close = open
  for (; close < sql.length; close++) {
    if (sql[close] === '(') depth++
    if (sql[close] === ')' && --depth === 0) break
  }
  const where = sql.slice(close + 1).match(/^\s*WHERE\s+([\s\S]*)$/i)
  return {
    columns: splitTopLevel(sql.slice(open + 1, close)).map(normalizeExpression),
    predicate: where?.[1] === undefined ? null : normalizeExpression(where[1]),
  }
}

/** `BEFORE UPDATE OF a, b ON t` from a CREATE TRIGGER statement of either engine. */
export function triggerEvent(sql: string): string {
  const match = sql.match(
    /CREATE\s+TRIGGER\s+(\w+)\s+(BEFORE|AFTER|INSTEAD OF)\s+(INSERT|DELETE|TRUNCATE|UPDATE(?:\s+OF\s+[\w\s,]+?)?)\s+ON\s+(?:public\.)?"?(\w+)"?/i,
  )
  if (!match) throw new Error(`unreadable trigger: ${sql}`)
  const [, name, timing = '', event = '', table] = match
  return `${name} ${timing.toUpperCase()} ${event.replace(/\s+/g, ' ').toUpperCase()} ON ${table}`
}

const sortByJson = <T>(list: T[]) => list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))

export function describeSqlite(store: SqliteStore): Schema {
  const objects = store
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ type: string; name: string; sql: string | null }>
  const pragma = <T>(name: string, arg: string) => store.pragma(`${name}("${arg}")`) as T[]
  const schema: Schema = { tables: {}, views: {}, triggers: [] }
  for (const { type, name, sql } of objects) {
    if (type === 'view') {
      schema.views[name] = pragma<{ name: string }>('table_info', name).map((c) => c.name)
    } else if (type === 'trigger') {
      schema.triggers.push(triggerEvent(sql ?? ''))
    } else if (type === 'table') {
      const info = pragma<{
        name: string
        type: string
        notnull: number
        dflt_value: string | null
        pk: number
      }>('table_info', name)
      const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
      const rowidAlias = primaryKey.length === 1 && primaryKey[0]?.type.toUpperCase() === 'INTEGER'
      const list = pragma<{ name: string; unique: number; origin: string }>('index_list', name)
      type Reference = {
        id: number
        table: string
        from: string
        to: string
        on_delete: string
        on_update: string
      }
      // One row per column of a key, in order; `id` tells the keys apart.
      const keys = new Map<number, ForeignKey>()
      for (const r of pragma<Reference>('foreign_key_list', name)) {
        const key = keys.get(r.id) ?? {
          columns: [],
          table: r.table,
          to: [],
          onDelete: r.on_delete,
          onUpdate: r.on_update,
        }
        key.columns.push(r.from)
        key.to.push(r.to)
        keys.set(r.id, key)
      }
      schema.tables[name] = {
        columns: info.map((c) => ({
          name: c.name,
          type: c.type,
          notNull: c.notnull === 1,
          default: c.dflt_value,
          identity: rowidAlias && c.pk === 1,
        })),
        primaryKey: primaryKey.map((c) => c.name),
        unique: list
          .filter((i) => i.origin === 'u')
          .map((i) =>
            pragma<{ name: string }>('index_info', i.name)
              .map((c) => c.name)
              .join(','),
          )
          .sort(),
        indexes: list
          .filter((i) => i.origin === 'c')
          .map((i) => {
            const text = objects.find((o) => o.name === i.name)?.sql ?? ''
            return { name: i.name, unique: i.unique === 1, ...indexParts(text) }
          })
          .sort((a, b) => a.name.localeCompare(b.name)),
        foreignKeys: sortByJson([...keys.values()]),
      }
    }
  }
  schema.triggers.sort()
  return schema
}

/** PostgreSQL's ON DELETE/UPDATE codes (pg_constraint.confdeltype) under SQLite's names. */
const ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
}

export async function describePostgres(client: pg.Client): Promise<Schema> {
  const query = async <T>(sql: string) => (await client.query(sql)).rows as T[]
  const schema: Schema = { tables: {}, views: {}, triggers: [] }
  const relations = await query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v') ORDER BY c.relname`,
  )
  const columns = await query<Column & { table: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity <> '' AS identity
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  )
  const constraints = await query<{
    table: string
    type: string
    columns: string[]
    target: string | null
    to: string[] | null
    on_delete: string
    on_update: string
  }>(
    `SELECT c.conrelid::regclass::text AS table, c.contype AS type,
       (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
       c.confrelid::regclass::text AS target,
       (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS to,
       c.confdeltype AS on_delete, c.confupdtype AS on_update
     FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'u', 'f')`,
  )
  const indexes = await query<Index & { table: string }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique,
       (SELECT array_agg(pg_get_indexdef(x.indexrelid, k, true)
          || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END ORDER BY k)
        FROM generate_series(1, x.indnkeyatts) k) AS columns,
       pg_get_expr(x.indpred, x.indrelid) AS predicate
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY i.relname`,
  )
  const triggers = await query<{ definition: string }>(
    `SELECT pg_get_triggerdef(t.oid) AS definition FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal`,
  )
  for (const { name, kind } of relations) {
    const own = columns.filter((c) => c.table === name)
    if (kind === 'v') {
      schema.views[name] = own.map((c) => c.name)
      continue
    }
    const mine = constraints.filter((c) => c.table === name)
    schema.tables[name] = {
      // A default as SQLite writes it: PostgreSQL adds the type ('off'::text).
      columns: own.map(({ table: _, ...column }) => ({
        ...column,
        default: column.default?.replace(/::(text|bigint|double precision)$/, '') ?? null,
      })),
      primaryKey: mine.find((c) => c.type === 'p')?.columns ?? [],
      unique: mine
        .filter((c) => c.type === 'u')
        .map((c) => c.columns.join(','))
        .sort(),
      indexes: indexes
        .filter((i) => i.table === name)
        .map(({ table: _, ...index }) => ({
          ...index,
          columns: index.columns.map(normalizeExpression),
          predicate: index.predicate === null ? null : normalizeExpression(index.predicate),
        })),
      foreignKeys: sortByJson(
        mine
          .filter((c) => c.type === 'f')
          .map((c) => ({
            columns: c.columns,
            table: c.target ?? '',
            to: c.to ?? [],
            onDelete: ACTIONS[c.on_delete] ?? c.on_delete,
            onUpdate: ACTIONS[c.on_update] ?? c.on_update,
          })),
      ),
    }
  }
  schema.triggers = triggers.map((t) => triggerEvent(t.definition)).sort()
  return schema
}
