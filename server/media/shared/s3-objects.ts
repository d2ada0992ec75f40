import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type pg from 'pg'
import {
  type BlobRow,
  type BlobToWrite,
  blobNames,
  blobRow,
  deleteBlobs,
  IN_S3_BUCKET,
  inTransaction,
  mediaPool,
  orphanBlobs,
  writeBlob,
} from './blob-rows'
import { S3Bucket } from './s3-bucket'
import type { S3Location } from './s3-location'
import type { SharedMediaStore } from './shared-store'

interface Digest {
  sha256: string
  bytes: number
}

async function digestOf(stream: AsyncIterable<Buffer>): Promise<Digest> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of stream) {
    hash.update(chunk)
    bytes += chunk.length
  }
  return { sha256: hash.digest('hex'), bytes }
}

/**
 * The shared media store in a bucket of an S3-compatible object store (MEDIA_S3_URL): the bytes
 * there, one object a file under its name below /media/; the list of what it holds, with each
 * file's size and SHA-256, in PostgreSQL's `media_blobs` as for large objects, so that the two
 * stores keep one bookkeeping, one lock per name across nodes and one orphan rule. The bucket's
 * own backups (versioning, replication) are the store's; `pg_dump` holds only the list.
 */
export class S3Objects implements SharedMediaStore {
  readonly label: string
  private readonly pool: pg.Pool
  private readonly bucket: S3Bucket

  constructor(at: S3Location, databaseUrl: string, applicationName = 'gatecast media') {
    this.label = `S3 objects (bucket ${at.bucket} at ${at.hostname}:${at.port})`
    this.bucket = new S3Bucket(at)
    this.pool = mediaPool(databaseUrl, applicationName)
  }

  async put(blob: BlobToWrite, path: string, now: number): Promise<void> {
    const holds = (_client: pg.PoolClient, row: BlobRow) => this.holds(blob.name, row)
    await writeBlob(this.pool, blob, now, holds, async (client, existing) => {
      const file = await digestOf(createReadStream(path))
      if (blob.sha256 !== undefined && file.sha256 !== blob.sha256)
        throw new Error(`${path} changed on disk: SHA-256 ${file.sha256}, not ${blob.sha256}`)
      await this.bucket.put(blob.name, path, file.bytes, file.sha256)
      // What the bucket holds, read back: the row commits only if it is the file, byte for byte.
      const object = await this.bucket.get(blob.name)
      const stored = object ? await digestOf(object) : { sha256: 'none', bytes: 0 }
      if (stored.sha256 !== file.sha256 || stored.bytes !== file.bytes) {
        // Nothing names a new object: it goes. A damaged one keeps its row, still refused as before.
        if (!existing) await this.bucket.delete(blob.name).catch(() => undefined)
        throw new Error(
          `${this.label} hold ${stored.bytes} bytes (SHA-256 ${stored.sha256}) for ${blob.name}, sent ${file.bytes} (${file.sha256})`,
        )
      }
      if (existing) await deleteBlobs(client, [blob.name])
      return { ...file, objectId: IN_S3_BUCKET }
    })
  }

  async open(name: string): Promise<{ sha256: string; bytes: number; stream: Readable } | null> {
    const row = await blobRow(this.pool, name)
    if (!row) return null
    // A listed object the bucket lost is a damaged copy: no bytes, which the reader refuses.
    const stream = (await this.bucket.get(name)) ?? Readable.from([])
    return { sha256: row.sha256, bytes: Number(row.bytes), stream }
  }

  names(): Promise<Set<string>> {
    return blobNames(this.pool, true)
  }

  async release(touchedBefore: number, mediaSha256?: string): Promise<string[]> {
    return inTransaction(this.pool, async (client) => {
      const names = await orphanBlobs(client, touchedBefore, mediaSha256)
      // Objects first: if the bucket fails midway the rows stay, and a later sweep finishes
      // (a row whose object is gone is never served, and an upload of it writes it anew).
      for (const name of names) await this.bucket.delete(name)
      await deleteBlobs(client, names)
      return names
    })
  }

  async close(): Promise<void> {
    this.bucket.close()
    await this.pool.end()
  }

  /** Whether the bucket still holds the bytes the row records. */
  private async holds(name: string, row: BlobRow): Promise<boolean> {
    const object = await this.bucket.get(name)
    if (!object) return false
    const held = await digestOf(object)
    return held.sha256 === row.sha256 && held.bytes === Number(row.bytes)
  }
}
