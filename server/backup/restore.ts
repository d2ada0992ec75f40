import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { SCHEMA_VERSION } from '../db/migrate'
import { BACKUP_DATABASE, type BackupManifest, listFiles } from './backup'
import { inspectOffLoop } from './inspection'
import { ManifestRefused, readManifest } from './manifest'

export class RestoreRefused extends Error {
  override name = 'RestoreRefused'
}

export interface RestoreResult {
  manifest: BackupManifest
  /** Where the data that was there before now lies (nothing is deleted). */
  setAside: string | null
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )

/** Checks a backup folder before anything is touched: a bad backup must not replace good data. */
export async function verifyBackup(source: string): Promise<BackupManifest> {
  let manifest: BackupManifest
  try {
    manifest = await readManifest(source)
  } catch (error) {
    throw error instanceof ManifestRefused ? new RestoreRefused(error.message) : error
  }
  if (manifest.schemaVersion > SCHEMA_VERSION) {
    throw new RestoreRefused(
      `The backup was made by a newer Gatecast (schema ${manifest.schemaVersion}, this one knows ` +
        `${SCHEMA_VERSION}). Restore it with that version or newer.`,
    )
  }
  const inspection = await inspectOffLoop(join(source, BACKUP_DATABASE)).catch(() => null)
  if (inspection?.sha256 !== manifest.database.sha256) {
    throw new RestoreRefused(
      `The backup's database does not match its manifest: it is damaged or was changed.`,
    )
  }
  if (inspection.integrity !== 'ok')
    throw new RestoreRefused(`The backup's database fails its integrity check: ${inspection.integrity}`)
  const named = inspection.media
  const present = new Set(await listFiles(join(source, 'media')))
  const missing = named.filter((f) => !present.has(f))
  if (missing.length > 0) {
    throw new RestoreRefused(
      `The backup lacks ${missing.length} media file(s) its database names, e.g. ${missing[0]}.`,
    )
  }
  return manifest
}

/**
 * Replaces a stopped server's data with a backup. The current database and media are moved to
 * `<data>/pre-restore-<instant>/`, never deleted, so a restore of the wrong backup can be undone
 * by hand. The database is copied under a temporary name and renamed last, so an interrupted
 * restore never leaves a half-copied database in place: run the command again.
 */
export async function restoreBackup(source: string, dataDir: string, now: number): Promise<RestoreResult> {
  const manifest = await verifyBackup(source)
  await mkdir(dataDir, { recursive: true })
  const current = join(dataDir, BACKUP_DATABASE)
  const mediaDir = join(dataDir, 'media')
  let setAside: string | null = null
  const previous = [current, `${current}-wal`, `${current}-shm`, mediaDir]
  if ((await Promise.all(previous.map(exists))).some(Boolean)) {
    setAside = join(dataDir, `pre-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`)
    await mkdir(setAside, { recursive: true })
    for (const path of previous)
      if (await exists(path)) await rename(path, join(setAside, path.slice(dataDir.length + 1)))
  }
  const incoming = join(dataDir, `.${BACKUP_DATABASE}.restoring`)
  await copyFile(join(source, BACKUP_DATABASE), incoming)
  for (const file of await listFiles(join(source, 'media'))) {
    const to = join(mediaDir, file)
    await mkdir(join(to, '..'), { recursive: true })
    await copyFile(join(source, 'media', file), to)
  }
  await rename(incoming, current)
  await rm(incoming, { force: true })
  return { manifest, setAside }
}
