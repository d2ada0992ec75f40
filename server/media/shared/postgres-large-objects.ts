import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type pg from 'pg'
import {
  type BlobRow,
  type BlobToWrite,
  blobNames,
  deleteBlobs,
  inTransaction,
  mediaPool,
  orphanBlobs,
  writeBlob,
} from './blob-rows'
import type { SharedMediaStore } from './shared-store'

/** lo_open's modes (PostgreSQL's libpq-fs.h). */
const INV_WRITE = 0x20000
const INV_READ = 0x40000
/**
 * One lowrite/loread round trip moves this much: large enough that a 512 MB video is about a
 * thousand round trips, small enough that a transfer holds well under a megabyte at a time.
 */
export const LARGE_OBJECT_CHUNK_BYTES = 512 * 1024
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
    this.pool = mediaPool(url, applicationName)
  }

  async put(blob: BlobToWrite, path: string, now: number): Promise<void> {
    await writeBlob(this.pool, blob, now, this.holds.bind(this), async (client, existing) => {
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
      return { sha256, bytes, objectId: oid }
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

  names(): Promise<Set<string>> {
    return blobNames(this.pool, false)
  }

  async release(touchedBefore: number, mediaSha256?: string): Promise<string[]> {
    return inTransaction(this.pool, async (client) => {
      // Rows and objects go together.
      const names = await orphanBlobs(client, touchedBefore, mediaSha256)
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
    await deleteBlobs(client, names)
  }

  /** Whether a row's large object still holds the bytes the row records. */
  private async holds(client: pg.PoolClient, row: BlobRow): Promise<boolean> {
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
}
