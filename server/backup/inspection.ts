import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'

/**
 * What a backup's database holds and whether SQLite vouches for it: read when a backup is made
 * (for its manifest) and before a restore. `PRAGMA integrity_check` reads every page, and the
 * hash every byte: on a database of a few hundred megabytes that is seconds of work, which on
 * the event loop would stop every player's heartbeat and every request of a server making its
 * nightly backup. So it runs in a worker thread of its own (inspection-worker.ts), one per
 * backup: a backup is rare, and the compute pool's queue and time limit are for requests.
 */
export interface DatabaseInspection {
  /** 'ok', or SQLite's list of what is wrong. */
  integrity: string
  schemaVersion: number
  /** Rows per table, so a restore can be checked at a glance. */
  rows: Record<string, number>
  /** The media files (`<sha256>.<ext>`) its rows name. */
  media: string[]
  sha256: string
  bytes: number
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** The inspection itself, on the calling thread: what the worker runs. */
export async function inspectDatabaseFile(file: string): Promise<DatabaseInspection> {
  const [sha256, { size }] = await Promise.all([sha256File(file), stat(file)])
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const integrity = String(db.pragma('integrity_check', { simple: true }))
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
    const rows: Record<string, number> = {}
    for (const table of tables)
      rows[table] = db
        .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number
    const media = tables.includes('media')
      ? (db.prepare("SELECT sha256 || '.' || ext FROM media").pluck().all() as string[])
      : []
    const schemaVersion = db.pragma('user_version', { simple: true }) as number
    return { integrity, schemaVersion, rows, media, sha256, bytes: size }
  } catch (error) {
    // Not a database SQLite can open (zeroed, truncated): a failed check, not a failed inspection,
    // so that a restore can still say whether the file is the one the manifest names.
    const integrity = `SQLite cannot read it (${(error as Error).message})`
    return { integrity, schemaVersion: 0, rows: {}, media: [], sha256, bytes: size }
  } finally {
    db?.close()
  }
}

/**
 * The worker's entry. Bundled (dist/server/*.js), dist/server/backup/inspection-worker.js
 * (scripts/build.mjs); from source (tsx, vitest), the same bundle made on first use.
 */
const workerEntry = async (): Promise<URL> =>
  import.meta.url.endsWith('.ts')
    ? (await import('../compute/dev-worker')).devWorkerEntry(
        new URL('./inspection-worker.ts', import.meta.url),
      )
    : new URL('./backup/inspection-worker.js', import.meta.url)

/** inspectDatabaseFile in a worker thread: the event loop only waits for the answer. */
export async function inspectOffLoop(file: string): Promise<DatabaseInspection> {
  const worker = new Worker(await workerEntry(), { workerData: { file } })
  return new Promise<DatabaseInspection>((resolve, reject) => {
    let answered = false
    worker.once(
      'message',
      (reply: { ok: true; value: DatabaseInspection } | { ok: false; error: string }) => {
        answered = true
        if (reply.ok) resolve(reply.value)
        else reject(new Error(reply.error))
      },
    )
    worker.once('error', (error) => {
      answered = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the backup inspection worker exited (code ${code}) without an answer`))
    })
  })
}
