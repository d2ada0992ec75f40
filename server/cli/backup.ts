import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createBackup, pruneBackups } from '../backup/backup'
import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/open'
import { DATABASE_FILE } from '../plugins/db'

/**
 * `npm run backup`: a backup made from the server's shell, the same as the scheduled one and the
 * API's (server/backup/backup.ts). The server may keep running: SQLite's backup API copies a
 * consistent snapshot while it writes.
 */
async function main(): Promise<number> {
  const config = loadConfig()
  const file = join(config.dataDir, DATABASE_FILE)
  if (!existsSync(file)) {
    console.error(`No Gatecast database at ${file}. Set DATA_DIR to the server's data folder.`)
    return 2
  }
  const db = openDatabase(file)
  try {
    const manifest = await createBackup({
      db,
      mediaDir: join(config.dataDir, 'media'),
      backupsDir: config.backupDir,
      now: Date.now(),
    })
    const pruned = await pruneBackups(config.backupDir, config.backupKeep)
    console.info(
      `Backed up to ${join(config.backupDir, manifest.name)}: database ${manifest.database.bytes} bytes, ` +
        `${manifest.media.files} media files.` +
        (pruned.length > 0
          ? ` Removed ${pruned.length} older backup(s) (BACKUP_KEEP=${config.backupKeep}).`
          : ''),
    )
    if (manifest.media.missing.length > 0)
      console.warn(`Media deleted during the backup, not in it: ${manifest.media.missing.join(', ')}`)
    return 0
  } finally {
    db.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Backup failed: ${error instanceof ConfigError ? error.message : String(error)}`)
    process.exit(1)
  },
)
