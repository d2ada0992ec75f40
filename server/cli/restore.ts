import { resolve } from 'node:path'
import { RestoreRefused, restoreBackup } from '../backup/restore'
import { ConfigError, loadConfig } from '../config'

/**
 * `npm run restore -- <backup folder>`: puts a backup's database and media in DATA_DIR, with the
 * server stopped. What was there is moved aside, not deleted. Refuses a damaged backup, one made
 * by a newer Gatecast, and a server that still answers on its port (it would keep writing into
 * the database being replaced).
 */
async function main(): Promise<number> {
  const source = process.argv[2]
  if (!source) {
    console.error(
      'Usage: npm run restore -- <backup folder>   (e.g. data/backups/gatecast-2026-11-26T02-30-00-000Z)',
    )
    return 2
  }
  const config = loadConfig()
  const running = await fetch(`http://127.0.0.1:${config.port}/api/health`, {
    signal: AbortSignal.timeout(2000),
  })
    .then((r) => r.ok)
    .catch(() => false)
  if (running) {
    console.error(`A Gatecast server answers on port ${config.port}. Stop it first, then restore.`)
    return 2
  }
  const { manifest, setAside } = await restoreBackup(resolve(source), config.dataDir, Date.now())
  console.info(
    `Restored ${manifest.name} (made ${manifest.createdAt}, schema ${manifest.schemaVersion}) into ${config.dataDir}.`,
  )
  if (setAside) console.info(`The data that was there is kept in ${setAside}.`)
  console.info('Start the server: it migrates the database if the backup came from an older Gatecast.')
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof RestoreRefused || error instanceof ConfigError
    console.error(`Restore refused: ${known ? error.message : String(error)}`)
    process.exit(known ? 2 : 1)
  },
)
