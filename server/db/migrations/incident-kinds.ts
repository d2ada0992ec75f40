import type { Database } from 'better-sqlite3'

/** The alert tables, parents first: rebuilt together so no cascade runs while they are apart. */
const ALERT_TABLES = ['alert_incidents', 'alert_deliveries', 'alert_delivery_attempts'] as const

/**
 * Adds an incident kind. `alert_incidents` names its kinds in a CHECK, which SQLite cannot alter,
 * so the table is rebuilt from its own stored definition with one kind more (whatever kinds
 * another migration added stay), and the two tables that reference it are rebuilt with it:
 * dropping the parent alone would cascade its deletion into their rows. `version` names the
 * migration's temporary copies.
 */
export function addIncidentKind(db: Database, kind: string, version: number): void {
  const definitions = ALERT_TABLES.map((table) => {
    const sql = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
      .pluck()
      .get(table) as string
    const indexes = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .pluck()
      .all(table) as string[]
    return { table, sql, indexes }
  })
  const incidents = definitions[0]
  if (!incidents) throw new Error('alert_incidents is missing')
  const kinds = /kind TEXT NOT NULL CHECK \(kind IN \(([^)]*)\)\)/.exec(incidents.sql)
  if (!kinds) throw new Error("alert_incidents' kind CHECK is not where migration 012 put it")
  incidents.sql = incidents.sql.replace(
    kinds[0],
    `kind TEXT NOT NULL CHECK (kind IN (${kinds[1]}, '${kind}'))`,
  )

  for (const { table } of definitions)
    db.exec(`CREATE TEMP TABLE ${table}_v${version} AS SELECT * FROM ${table}`)
  // Children first: each drop then finds nothing left that references what it removes.
  for (const { table } of [...definitions].reverse()) db.exec(`DROP TABLE ${table}`)
  for (const { table, sql, indexes } of definitions) {
    db.exec(sql)
    db.exec(
      `INSERT INTO ${table} SELECT * FROM temp.${table}_v${version}; DROP TABLE temp.${table}_v${version};`,
    )
    for (const index of indexes) db.exec(index)
  }
}
