import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import pg from 'pg'
import type { SharedMediaStore } from './shared-store'

/** lo_open's modes (PostgreSQL's libpq-fs.h). */
const INV_WRITE = 0x20000
const INV_READ = 0x40000
/**
 * One lowrite/loread round trip moves this much: large enough that a 512 MB video is about a
 * thousand round trips, small enough that a transfer holds well under a megabyte at a time.
 */
export const LARGE_OBJECT_CHUNK_BYTES = 512 * 1024
/**
 * The store's own connections, apart from the data store's one (whose synchronous bridge must
 * never carry file bytes): an upload and a few fetches at once, each a transaction while it runs.
 */
const POOL_SIZE = 4
/**
 * The first key of the advisory lock each write of a name takes ('medi'), apart from the data
 * store's one-key lock: two nodes uploading the same file write it once, one after the other.
 */
const NAME_LOCK_CLASS = 0x6d656469

/** The next chunk of the open object; empty at its end. */
async function readChunk(client: pg.PoolClient, fd: number): Promise<Buffer> {
  // Text format, hex on the wire: pg's result parser decodes a connection's rows in one format,
  // and a query asking for binary alone gets its bytes mangled as UTF-8 (the read-back caught it).
  const result = await client.query<{ chunk: Buffer }>('SELECT loread($1, $2) AS chunk', [
    fd,
    LARGE_OBJECT_CHUNK_BYTES,
  ])
  return result.rows[0]?.chunk ?? Buffer.alloc(0)
}

/**
 * The shared media store in PostgreSQL's large objects (the `lo_*` server functions, read and
 * written a chunk per query on a pool of its own), listed in table `media_blobs` (migration 029).
 * PostgreSQL's own backups (pg_dump of the database) hold them with the rest of the data.
 */
export class PostgresLargeObjects implements SharedMediaStore {
  readonly label = 'PostgreSQL large objects'
  private readonly pool: pg.Pool

  constructor(url: string, applicationName = 'gatecast media') {
    this.pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: applicationName })
    // An idle connection the server drops is replaced on the next checkout; its error must not crash the node.
    this.pool.on('error', () => undefined)
  }

  async put(
    blob: { name: string; mediaSha256: string; sha256?: string },
    path: string,
    now: number,
  ): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [NAME_LOCK_CLASS, blob.name])
      const held = await client.query<{ sha256: string; bytes: string; object_id: string }>(
        'SELECT sha256, bytes, object_id FROM media_blobs WHERE name = $1 FOR UPDATE',
        [blob.name],
      )
      const existing = held.rows[0]
      if (existing && (blob.sha256 === undefined || existing.sha256 === blob.sha256)) {
        // Uploading a file again is how a person repairs a damaged copy (media.blob-corrupt):
        // the copy held is read back, and kept only if it is still the file.
        if (await this.holds(client, existing)) {
          await client.query('UPDATE media_blobs SET touched_at = $2 WHERE name = $1', [blob.name, now])
          return
        }
      }
      if (existing) await this.unlink(client, [blob.name]) // damaged, or not the bytes its name says
      const oid = Number((await client.query('SELECT lo_create(0) AS oid')).rows[0].oid)
      const fd = (await client.query('SELECT lo_open($1, $2) AS fd', [oid, INV_READ | INV_WRITE])).rows[0]
        .fd as number
      const sent = createHash('sha256')
      let bytes = 0
      for await (const chunk of createReadStream(path, { highWaterMark: LARGE_OBJECT_CHUNK_BYTES })) {
        sent.update(chunk as Buffer)
        bytes += (chunk as Buffer).length
        await client.query('SELECT lowrite($1, $2)', [fd, chunk])
      }
      const sha256 = sent.digest('hex')
      if (blob.sha256 !== undefined && sha256 !== blob.sha256)
        throw new Error(`${path} changed on disk: SHA-256 ${sha256}, not ${blob.sha256}`)
      // What the store holds, read back: the row commits only if it is the file, byte for byte.
      await client.query('SELECT lo_lseek64($1, 0, 0)', [fd])
      const stored = await this.digest(client, fd)
      if (stored.sha256 !== sha256 || stored.bytes !== bytes)
        throw new Error(
          `${this.label} hold ${stored.bytes} bytes (SHA-256 ${stored.sha256}) for ${blob.name}, sent ${bytes} (${sha256})`,
        )
      await client.query('SELECT lo_close($1)', [fd])
      await client.query(
        `INSERT INTO media_blobs (name, media_sha256, sha256, object_id, bytes, touched_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [blob.name, blob.mediaSha256, sha256, oid, bytes, now],
      )
    })
  }

  async open(name: string): Promise<{ sha256: string; bytes: number; stream: Readable } | null> {
    const client = await this.pool.connect()
    let done = false
    const finish = async (error?: Error | null) => {
      if (done) return
      done = true
      try {
        await client.query(error ? 'ROLLBACK' : 'COMMIT')
        client.release()
      } catch (failed) {
        client.release(failed as Error) // a broken connection is not put back in the pool
      }
    }
    try {
      // A large object's descriptor lives as long as its transaction.
      await client.query('BEGIN')
      const row = (
        await client.query<{ object_id: string; sha256: string; bytes: string }>(
          'SELECT object_id, sha256, bytes FROM media_blobs WHERE name = $1',
          [name],
        )
      ).rows[0]
      if (!row) {
        await finish()
        return null
      }
      const fd = (await client.query('SELECT lo_open($1, $2) AS fd', [row.object_id, INV_READ])).rows[0]
        .fd as number
      let reading = false
      const stream = new Readable({
        read() {
          if (reading) return
          reading = true
          readChunk(client, fd).then(
            (chunk) => {
              reading = false
              this.push(chunk.length > 0 ? chunk : null)
            },
            (error: Error) => this.destroy(error),
          )
        },
        destroy(error, callback) {
          finish(error).then(
            () => callback(error),
            () => callback(error),
          )
        },
      })
      return { sha256: row.sha256, bytes: Number(row.bytes), stream }
    } catch (error) {
      await finish(error as Error)
      throw error
    }
  }

  async names(): Promise<Set<string>> {
    const result = await this.pool.query<{ name: string }>('SELECT name FROM media_blobs')
    return new Set(result.rows.map((r) => r.name))
  }

  async release(touchedBefore: number, mediaSha256?: string): Promise<string[]> {
    return this.inTransaction(async (client) => {
      // Rows and objects go together; a medium uploaded again meanwhile has a row, or a fresh touch.
      const orphans = await client.query<{ name: string }>(
        `SELECT b.name FROM media_blobs b
         WHERE ($2::text IS NULL OR b.media_sha256 = $2) AND b.touched_at < $1
           AND NOT EXISTS (SELECT 1 FROM media m WHERE m.sha256 = b.media_sha256)
         ORDER BY b.name FOR UPDATE OF b SKIP LOCKED`,
        [touchedBefore, mediaSha256 ?? null],
      )
      const names = orphans.rows.map((r) => r.name)
      await this.unlink(client, names)
      return names
    })
  }

  async close(): Promise<void> {
    await this.pool.end()
  }

  /** Deletes the named rows and their large objects, in the caller's transaction. */
  private async unlink(client: pg.PoolClient, names: readonly string[]): Promise<void> {
    if (names.length === 0) return
    await client.query(
      `SELECT lo_unlink(object_id::oid) FROM media_blobs WHERE name = ANY($1::text[])
         AND EXISTS (SELECT 1 FROM pg_largeobject_metadata WHERE oid = object_id::oid)`,
      [names],
    )
    await client.query('DELETE FROM media_blobs WHERE name = ANY($1::text[])', [names])
  }

  /** Whether a row's large object still holds the bytes the row records. */
  private async holds(
    client: pg.PoolClient,
    row: { sha256: string; bytes: string; object_id: string },
  ): Promise<boolean> {
    const present = await client.query('SELECT 1 FROM pg_largeobject_metadata WHERE oid = $1::oid', [
      row.object_id,
    ])
    if (present.rowCount === 0) return false
    const fd = (await client.query('SELECT lo_open($1, $2) AS fd', [row.object_id, INV_READ])).rows[0]
      .fd as number
    const held = await this.digest(client, fd)
    await client.query('SELECT lo_close($1)', [fd])
    return held.sha256 === row.sha256 && held.bytes === Number(row.bytes)
  }

  /** Reads the open object from its position to its end, a chunk a query. */
  private async digest(client: pg.PoolClient, fd: number): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256')
    let bytes = 0
    for (;;) {
      const chunk = await readChunk(client, fd)
      if (chunk.length === 0) break
      hash.update(chunk)
      bytes += chunk.length
    }
    return { sha256: hash.digest('hex'), bytes }
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
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
}
