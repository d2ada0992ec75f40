import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PostgresLargeObjects } from '@server/media/shared/postgres-large-objects'
import { S3Bucket } from '@server/media/shared/s3-bucket'
import type { S3Location } from '@server/media/shared/s3-location'
import { ORPHAN_GRACE_MS } from '@server/media/store'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminTokenOn } from '../helpers/app'
import { makePng } from '../helpers/files'
import {
  bytesOf,
  expectOneFetch,
  expectServedElsewhere,
  fileOf,
  GATE,
  MARKET,
  type MediaNode,
  MediaNodes,
  type Medium,
  MOUNTAIN,
  VIDEO,
} from '../helpers/media-nodes'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import { startS3, type TestS3 } from '../helpers/s3'

/**
 * Media without a shared disk, in an S3-compatible bucket (MEDIA_S3_URL; issue 21 part 3): nodes
 * with their own data folders share one PostgreSQL, which lists the files, and one bucket on a real
 * S3 server (s3rver: S3's REST API over a folder), which holds their bytes.
 */

let server: TestPostgres
let s3: TestS3
let bucket: S3Bucket
let db: pg.Client
const scratch = mkdtempSync(join(tmpdir(), 'gatecast-s3-scratch-'))
const media = new MediaNodes(() => ({ databaseUrl: server.url, mediaS3: s3.location }))
const node = (mediaS3?: S3Location) => media.node(mediaS3 ? { mediaS3 } : {})
const auth = () => media.auth()
const upload = media.upload.bind(media)
const uploaded = media.uploaded.bind(media)
type Node = MediaNode

/** The object's bytes as the bucket holds them, or null. */
async function inBucket(name: string): Promise<Buffer | null> {
  const object = await bucket.get(name)
  if (!object) return null
  const chunks: Buffer[] = []
  for await (const chunk of object) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Writes other bytes over an object, as a failing disk or a hand in the bucket would. */
async function overwrite(name: string, data: Buffer): Promise<void> {
  const path = join(scratch, 'damage.bin')
  writeFileSync(path, data)
  await bucket.put(name, path, data.length, createHash('sha256').update(data).digest('hex'))
}

const rowCount = async (table: 'media' | 'media_blobs') =>
  Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)

let b: Node
let c: Node
let gate: Medium
let video: Medium

beforeAll(async () => {
  server = await startPostgres()
  s3 = await startS3()
  bucket = new S3Bucket(s3.location)
  db = new pg.Client({ connectionString: server.url })
  await db.connect()
  b = await node()
  c = await node()
  media.token = await adminTokenOn(b.app, 'media s3')
  gate = await uploaded(b, 'huu-nghi-gate.jpg', GATE, 'image/jpeg')
  video = await uploaded(b, 'border-clouds.mp4', VIDEO, 'video/mp4')
}, 120_000)

afterAll(async () => {
  await media.close()
  bucket?.close()
  await db?.end()
  await s3?.remove()
  await server?.stop()
  rmSync(scratch, { recursive: true, force: true })
})

describe('media shared through an S3-compatible bucket', () => {
  it('keeps an upload in the bucket, checked, before its row: the file and its thumbnail', async () => {
    const rows = await db.query('SELECT name, media_sha256, sha256, bytes, object_id FROM media_blobs')
    expect(rows.rows.map((r) => r.name).sort()).toEqual(
      [gate.url, gate.thumbnailUrl, video.url, video.thumbnailUrl].map(fileOf).sort(),
    )
    expect(rows.rows.find((r) => r.name === fileOf(gate.url))).toMatchObject({
      media_sha256: gate.sha256,
      sha256: gate.sha256,
      bytes: String(GATE.length),
      object_id: '0',
    })
    // The bytes are in the bucket, not in PostgreSQL.
    expect(Buffer.compare((await inBucket(fileOf(video.url))) ?? Buffer.alloc(0), VIDEO)).toBe(0)
    const thumbOnB = readFileSync(join(b.dir, 'media', fileOf(gate.thumbnailUrl)))
    expect(Buffer.compare((await inBucket(fileOf(gate.thumbnailUrl))) ?? Buffer.alloc(0), thumbOnB)).toBe(0)
    expect((await db.query('SELECT count(*) AS n FROM pg_largeobject_metadata')).rows[0].n).toBe('0')
  })

  it('serves on another node, byte for byte, a file only the uploading node had, ranges included', async () => {
    await expectServedElsewhere(c, b, video, gate)
  })

  it('fetches a missing file once for requests that ask for it together, a range first among them', async () => {
    const d = await node()
    expect(d.app.mediaStore.cache?.store.label).toContain('S3')
    await expectOneFetch(d, gate)
    expect((await fetch(`${d.base}/media/${'0'.repeat(64)}.jpg`)).status).toBe(404)
  })

  it('refuses to serve a damaged, short or lost object, and an upload of the file again repairs it', async () => {
    const mountain = await uploaded(b, 'mau-son-mountain.jpg', MOUNTAIN, 'image/jpeg')
    const name = fileOf(mountain.url)
    const damaged = Buffer.from(MOUNTAIN)
    damaged.write('deadbeef', 500, 'hex')
    const refused = async () => {
      const e = await node()
      const res = await fetch(`${e.base}${mountain.url}`)
      expect(res.status).toBe(503)
      expect((await res.json()).code).toBe('media.blob-corrupt')
      expect(readdirSync(join(e.dir, 'media', '.incoming'))).toEqual([])
      expect(readdirSync(join(e.dir, 'media')).includes(name)).toBe(false)
    }
    await overwrite(name, damaged)
    await refused()
    await overwrite(name, MOUNTAIN.subarray(0, 1024))
    await refused()
    await bucket.delete(name)
    await refused()

    // The same bytes uploaded again: the object is read back, found missing, and written anew.
    const again = await upload(c, 'mau-son-mountain.jpg', MOUNTAIN, 'image/jpeg')
    expect(again.status).toBe(200)
    expect(Buffer.compare((await inBucket(name)) ?? Buffer.alloc(0), MOUNTAIN)).toBe(0)
    const repaired = await fetch(`${(await node()).base}${mountain.url}`)
    expect(repaired.status).toBe(200)
    expect(Buffer.compare(await bytesOf(repaired), MOUNTAIN)).toBe(0)
  })

  it('refuses an upload with 503 and writes no row while the bucket is down, and takes it once back', async () => {
    const media = await rowCount('media')
    const blobs = await rowCount('media_blobs')
    const png = makePng(64, 48, 7)
    await s3.stop()
    try {
      const res = await upload(c, 'cua-khau.png', png, 'image/png')
      expect(res.status).toBe(503)
      expect((await res.json()).code).toBe('media.store-unavailable')
      expect(await rowCount('media')).toBe(media)
      expect(await rowCount('media_blobs')).toBe(blobs)
      // A node asked for a file it lacks cannot fetch it either: 503, not 404, not a hang.
      const d = await node()
      const res2 = await fetch(`${d.base}${video.url}`)
      expect(res2.status).toBe(503)
      expect((await res2.json()).code).toBe('media.store-unavailable')
    } finally {
      await s3.start()
    }
    const res = await upload(c, 'cua-khau.png', png, 'image/png')
    expect(res.status).toBe(201)
    expect(await rowCount('media_blobs')).toBe(blobs + 2)
  })

  it('refuses an upload with 503 when the bucket refuses the node’s keys', async () => {
    const media = await rowCount('media')
    const wrong = await node({ ...s3.location, accessKeyId: 'NOT-A-KEY' })
    const res = await upload(wrong, 'tam-thanh.png', makePng(40, 30, 3), 'image/png')
    expect(res.status).toBe(503)
    expect((await res.json()).code).toBe('media.store-unavailable')
    expect(await rowCount('media')).toBe(media)
  })
})

describe('a database whose media are in a bucket', () => {
  it('is refused by the large-object store, which would find every file damaged: start with MEDIA_S3_URL', async () => {
    const largeObjects = new PostgresLargeObjects(server.url)
    try {
      await expect(largeObjects.names()).rejects.toThrow(
        /media store is PostgreSQL large objects but \d+ media file\(s\) are kept in an S3 bucket: set MEDIA_S3_URL/,
      )
    } finally {
      await largeObjects.close()
    }
  })
})

describe('deleting media shared through a bucket', () => {
  it('removes the objects once no row names them and no upload touched them lately', async () => {
    const market = await uploaded(b, 'ky-lua-market.jpg', MARKET, 'image/jpeg')
    const names = [fileOf(market.url), fileOf(market.thumbnailUrl)]
    expect(await inBucket(names[0] as string)).not.toBeNull()
    await db.query('UPDATE media_blobs SET touched_at = $1 WHERE media_sha256 = $2', [
      Date.now() - ORPHAN_GRACE_MS - 1000,
      market.sha256,
    ])
    const removed = await fetch(`${c.base}/api/media/${market.id}`, { method: 'DELETE', headers: auth() })
    expect(removed.status).toBe(204)
    expect((await db.query('SELECT name FROM media_blobs WHERE name = ANY($1)', [names])).rows).toEqual([])
    for (const name of names) expect(await inBucket(name)).toBeNull()
    expect((await fetch(`${(await node()).base}${market.url}`)).status).toBe(404)
  })

  it('keeps the objects of a medium deleted just after an upload touched them, for the sweep to remove', async () => {
    const again = await uploaded(b, 'ky-lua-market.jpg', MARKET, 'image/jpeg')
    const removed = await fetch(`${b.base}/api/media/${again.id}`, { method: 'DELETE', headers: auth() })
    expect(removed.status).toBe(204)
    expect(await inBucket(fileOf(again.url))).not.toBeNull()
    await db.query('UPDATE media_blobs SET touched_at = $1 WHERE media_sha256 = $2', [
      Date.now() - ORPHAN_GRACE_MS - 1000,
      again.sha256,
    ])
    await c.app.jobs.run('media-sweep').pending
    expect(await inBucket(fileOf(again.url))).toBeNull()
    expect(await inBucket(fileOf(again.thumbnailUrl))).toBeNull()
    expect(
      (await db.query('SELECT count(*) AS n FROM media_blobs WHERE media_sha256 = $1', [again.sha256]))
        .rows[0].n,
    ).toBe('0')
  })
})
