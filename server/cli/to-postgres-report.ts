import { type CopyResult, isSame } from '../db/postgres/copy'

/** The checksum as the table shows it: enough hex to tell two apart at a glance. */
const SHORT_HEX = 12

/** The report: one line per table, by name, then the totals and the time taken. */
export function formatResult(result: CopyResult, ms: number): string {
  const width = Math.max(5, ...result.tables.map((t) => t.table.length))
  const rowsWidth = Math.max(4, ...result.tables.map((t) => String(t.rows).length))
  const lines = [
    `${'table'.padEnd(width)}  ${'rows'.padStart(rowsWidth)}  ${'checksum'.padEnd(SHORT_HEX)}  check`,
  ]
  // By name: the copy's own order (the foreign keys') is no help to a person finding a table.
  for (const t of [...result.tables].sort((a, b) => a.table.localeCompare(b.table))) {
    const check = isSame(t)
      ? 'same'
      : `DIFFERENT (PostgreSQL: ${t.targetRows} rows, ${t.targetChecksum.slice(0, SHORT_HEX)})`
    lines.push(
      `${t.table.padEnd(width)}  ${String(t.rows).padStart(rowsWidth)}  ${t.checksum.slice(0, SHORT_HEX)}  ${check}`,
    )
  }
  const rows = result.tables.reduce((sum, t) => sum + t.rows, 0)
  const different = result.tables.filter((t) => !isSame(t)).length
  lines.push(
    `${result.tables.length} tables, ${rows} rows, ${different === 0 ? 'all the same' : `${different} different`}, in ${(ms / 1000).toFixed(1)} s`,
  )
  return lines.join('\n')
}
