import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config'
import { CopyRefused, copyToPostgres, isSame } from '../db/postgres/copy'
import { DATABASE_FILE } from '../plugins/db'
import { formatResult } from './to-postgres-report'

const USAGE =
  'Usage: npm run to-postgres -- --to postgres://user:password@host:5432/database [--from data/gatecast.sqlite]'

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
