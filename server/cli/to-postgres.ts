import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config'
import { CopyRefused, type CopyResult, copyToPostgres, isSame } from '../db/postgres/copy'
import { DATABASE_FILE } from '../plugins/db'

const USAGE =
  'Usage: npm run to-postgres -- --to postgres://user:password@host:5432/database [--from data/gatecast.sqlite]'

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

/**
 * `npm run to-postgres -- --to postgres://… [--from <file>]`: copies a SQLite database (by
 * default the server's, <DATA_DIR>/gatecast.sqlite) into an empty PostgreSQL database, then
 * checks every table's rows and checksum on both sides (server/db/postgres/copy.ts). Exit 0 when
 * every table is the same, 1 when one differs, 2 when refused before copying anything.
 */
async function main(): Promise<number> {
  let args: { to?: string; from?: string }
  try {
    args = parseArgs({ options: { to: { type: 'string' }, from: { type: 'string' } } }).values
  } catch {
    console.error(USAGE)
    return 2
  }
  if (!args.to) {
    console.error(USAGE)
    return 2
  }
  const from = args.from ? resolve(args.from) : join(loadConfig().dataDir, DATABASE_FILE)
  console.info(
    `Copying ${from} into PostgreSQL. The server should be stopped: what it writes meanwhile is not copied (the copy reads one snapshot).`,
  )
  const started = performance.now()
  const result = await copyToPostgres(from, args.to)
  console.info(`Schema version ${result.schemaVersion}, into ${result.target}:`)
  console.info(formatResult(result, performance.now() - started))
  return result.tables.every(isSame) ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof CopyRefused || error instanceof ConfigError
    console.error(`Copy refused: ${known ? error.message : String(error)}`)
    process.exit(known ? 2 : 1)
  },
)
