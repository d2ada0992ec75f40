import { copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { BACKUP_FORMAT, type BackupManifest } from '@playlists/schemas/backup'
import type { SqliteStore } from '../db/sqlite-store'
import { inspectOffLoop } from './inspection'
import { BACKUP_MANIFEST, readManifest } from './manifest'

export type { BackupManifest }

/**
 * Online backups: the database through SQLite's backup API (better-sqlite3 `db.backup`), which
 * copies a consistent snapshot page by page while the server keeps reading and writing, then
 * the media files. A backup is a folder `gatecast-<instant>/` holding `gatecast.sqlite`,
 * `media/` and `manifest.json`; it is written under a dot-name and renamed when complete, so a
 * folder without the dot is always whole.
 *
 * The database goes first: media files are written before the rows that name them and are never
 * changed (content-addressed), so every medium of the snapshot is on disk when the files are
 * copied. A file deleted in between is reported in the manifest rather than failing the backup.
 */

export const BACKUP_DATABASE = 'gatecast.sqlite'
const PREFIX = 'gatecast-'
/** Pages copied per step of the backup API: small steps let requests run in between. */
const PAGES_PER_STEP = 256

export interface BackupOptions {
  db: SqliteStore
  mediaDir: string
  backupsDir: string
  now: number
}

const folderName = (now: number) => `${PREFIX}${new Date(now).toISOString().replace(/[:.]/g, '-')}`

/** Every file under `dir` (relative paths), leaving out dot-folders such as uploads in progress. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (at: string) => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = await readdir(at, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(at, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) out.push(relative(dir, path))
    }
  }
  await walk(dir)
  return out.sort()
}

/** A hard link when the backup is on the same disk (media never change), else a copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error
    await copyFile(from, to)
  }
}

export async function createBackup({
  db,
  mediaDir,
  backupsDir,
  now,
}: BackupOptions): Promise<BackupManifest> {
  const name = folderName(now)
  const partial = join(backupsDir, `.${name}`)
  const final = join(backupsDir, name)
  await rm(partial, { recursive: true, force: true })
  await mkdir(join(partial, 'media'), { recursive: true })
  try {
    const dbFile = join(partial, BACKUP_DATABASE)
    await db.backup(dbFile, { progress: () => PAGES_PER_STEP })
    const snapshot = await inspectOffLoop(dbFile)
    if (snapshot.integrity !== 'ok')
      throw new Error(`the backup's database fails its integrity check: ${snapshot.integrity}`)

    let bytes = 0
    const files = await listFiles(mediaDir)
    for (const file of files) {
      const to = join(partial, 'media', file)
      await mkdir(join(to, '..'), { recursive: true })
      try {
        await linkOrCopy(join(mediaDir, file), to)
        bytes += (await stat(to)).size
      } catch (error) {
        // Deleted since the listing: only a problem if the snapshot still names it (checked below).
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    const copied = new Set(await listFiles(join(partial, 'media')))
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      name,
      createdAt: new Date(now).toISOString(),
      schemaVersion: snapshot.schemaVersion,
      database: { file: BACKUP_DATABASE, bytes: snapshot.bytes, sha256: snapshot.sha256 },
      media: { files: copied.size, bytes, missing: snapshot.media.filter((f) => !copied.has(f)) },
      rows: snapshot.rows,
    }
    await writeFile(join(partial, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
    await rename(partial, final)
    return manifest
  } catch (error) {
    await rm(partial, { recursive: true, force: true })
    throw error
  }
}

/** The backups in a folder, newest first (complete ones only: a dot-folder is unfinished). */
export async function listBackups(backupsDir: string): Promise<BackupManifest[]> {
  let names: string[]
  try {
    names = (await readdir(backupsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && e.name.startsWith(PREFIX))
      .map((e) => e.name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const out: BackupManifest[] = []
  for (const name of names) {
    try {
      out.push(await readManifest(join(backupsDir, name)))
    } catch {
      // A folder copied in by hand without its manifest, or with one edited out of shape: not ours
      // to list (the API would fail to describe it); a restore of it says what is wrong.
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/** Deletes all but the newest `keep` backups; returns the names removed. */
export async function pruneBackups(backupsDir: string, keep: number): Promise<string[]> {
  const old = (await listBackups(backupsDir)).slice(keep)
  for (const b of old) await rm(join(backupsDir, b.name), { recursive: true, force: true })
  return old.map((b) => b.name)
}
