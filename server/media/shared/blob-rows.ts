import pg from 'pg'

/**
 * The shared stores' list of what they hold: table `media_blobs` in PostgreSQL (migration 029),
 * whichever store holds the bytes (large objects, or an S3 bucket). Its rows give the size and
 * SHA-256 a fetching node checks, the advisory lock that makes two nodes uploading one file write
 * it once, and the touch that spares a file from the orphan sweep while an upload may still name it.
 */
export interface BlobRow {
  sha256: string
  bytes: string
  object_id: string
}

/**
 * A shared store's own connections, apart from the data store's one (whose synchronous bridge must
 * never carry file bytes or wait on a transfer): an upload and a few fetches at once, each a
 * transaction while it runs.
 */
const POOL_SIZE = 4

export function mediaPool(url: string, applicationName: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: applicationName })
  // An idle connection the server drops is replaced on the next checkout; its error must not crash the node.
  pool.on('error', () => undefined)
  return pool
}

/**
 * The first key of the advisory lock each write of a name takes ('medi'), apart from the data
 * store's one-key lock: two nodes uploading the same file write it once, one after the other.
 */
const NAME_LOCK_CLASS = 0x6d656469

/**
 * Takes the name's write lock for the caller's transaction and returns its row, if any, locked
 * as well.
 */
async function lockBlob(client: pg.PoolClient, name: string): Promise<BlobRow | undefined> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [NAME_LOCK_CLASS, name])
  const held = await client.query<BlobRow>(
    'SELECT sha256, bytes, object_id FROM media_blobs WHERE name = $1 FOR UPDATE',
    [name],
  )
  return held.rows[0]
}

async function touchBlob(client: pg.PoolClient, name: string, now: number): Promise<void> {
  await client.query('UPDATE media_blobs SET touched_at = $2 WHERE name = $1', [name, now])
}

async function insertBlob(
  client: pg.PoolClient,
  row: { name: string; mediaSha256: string; sha256: string; objectId: number; bytes: number },
  now: number,
): Promise<void> {
  await client.query(
    `INSERT INTO media_blobs (name, media_sha256, sha256, object_id, bytes, touched_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.name, row.mediaSha256, row.sha256, row.objectId, row.bytes, now],
  )
}

/** A file a store is asked to hold (SharedMediaStore.put). */
export interface BlobToWrite {
  name: string
  mediaSha256: string
  sha256?: string
}

/**
 * The frame of both stores' put(), in one transaction under the name's lock: a file the store
 * holds already (`holds` reads it back) is only touched; otherwise `write` stores and verifies it,
 * replacing the copy `existing` names (damaged, or not the bytes its name says; `write` removes
 * that row), and its row is written. Whatever throws leaves the list as it was.
 */
export async function writeBlob(
  pool: pg.Pool,
  blob: BlobToWrite,
  now: number,
  holds: (client: pg.PoolClient, row: BlobRow) => Promise<boolean>,
  write: (
    client: pg.PoolClient,
    existing: BlobRow | undefined,
  ) => Promise<{ sha256: string; bytes: number; objectId: number }>,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    const existing = await lockBlob(client, blob.name)
    // Uploading a file again is how a person repairs a damaged copy (media.blob-corrupt): the copy
    // held is read back, and kept only if it is still the file.
    if (existing && (blob.sha256 === undefined || existing.sha256 === blob.sha256)) {
      if (await holds(client, existing)) {
        await touchBlob(client, blob.name, now)
        return
      }
    }
    const stored = await write(client, existing)
    await insertBlob(client, { ...blob, ...stored }, now)
  })
}

export async function deleteBlobs(client: pg.PoolClient, names: readonly string[]): Promise<void> {
  await client.query('DELETE FROM media_blobs WHERE name = ANY($1::text[])', [names])
}

/**
 * Names of files of media no library row names, touched before `touchedBefore` (all, or only
 * `mediaSha256`'s), locked for the caller's transaction to remove. A medium uploaded again
 * meanwhile has a row, or a fresh touch; a row another node is removing is skipped.
 */
export async function orphanBlobs(
  client: pg.PoolClient,
  touchedBefore: number,
  mediaSha256?: string,
): Promise<string[]> {
  const orphans = await client.query<{ name: string }>(
    `SELECT b.name FROM media_blobs b
     WHERE ($2::text IS NULL OR b.media_sha256 = $2) AND b.touched_at < $1
       AND NOT EXISTS (SELECT 1 FROM media m WHERE m.sha256 = b.media_sha256)
     ORDER BY b.name FOR UPDATE OF b SKIP LOCKED`,
    [touchedBefore, mediaSha256 ?? null],
  )
  return orphans.rows.map((r) => r.name)
}

/** The media list names files in the other store: the node must not start (main prints the message alone). */
export class MediaStoreMismatch extends Error {
  override name = 'MediaStoreMismatch'
}

/** `media_blobs.object_id` of a file held in an S3 bucket: no PostgreSQL large object is behind the row. */
export const IN_S3_BUCKET = 0

/**
 * The names the list holds, all of them in the store asking (`inBucket`: the S3 store; else
 * large objects). Files listed in the other store stop the node's start with a clear message
 * (MEDIA_S3_URL set or unset on a database whose media are in the other store): served, every
 * one of them would be refused as damaged. Moving files between the stores is not built yet.
 */
export async function blobNames(pool: pg.Pool, inBucket: boolean): Promise<Set<string>> {
  const result = await pool.query<{ name: string; in_bucket: boolean }>(
    'SELECT name, object_id = $1 AS in_bucket FROM media_blobs',
    [IN_S3_BUCKET],
  )
  const elsewhere = result.rows.filter((r) => r.in_bucket !== inBucket).length
  if (elsewhere > 0) {
    const [here, there] = inBucket
      ? ['an S3 bucket', 'PostgreSQL large objects']
      : ['PostgreSQL large objects', 'an S3 bucket']
    throw new MediaStoreMismatch(
      `The media store is ${here} but ${elsewhere} media file(s) are kept in ${there}: ${
        inBucket ? 'unset' : 'set'
      } MEDIA_S3_URL as it was when they were uploaded (moving media between the two stores is not built yet).`,
    )
  }
  return new Set(result.rows.map((r) => r.name))
}

/** The row of `name` (unlocked), or undefined. */
export async function blobRow(pool: pg.Pool, name: string): Promise<BlobRow | undefined> {
  const result = await pool.query<BlobRow>(
    'SELECT sha256, bytes, object_id FROM media_blobs WHERE name = $1',
    [name],
  )
  return result.rows[0]
}

/** Runs `work` in a transaction on a connection of `pool`; a connection that broke is not put back. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    client.release()
    return result
  } catch (error) {
    await client.query('ROLLBACK').then(
      () => client.release(),
      (failed: Error) => client.release(failed),
    )
    throw error
  }
}
