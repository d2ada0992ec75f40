import { cpSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseS3Url } from '@server/media/shared/s3-location'
import { S3Objects } from '@server/media/shared/s3-objects'
import { ORPHAN_GRACE_MS } from '@server/media/store'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminTokenOn } from '../helpers/app'
import { makePng } from '../helpers/files'
import {
  bytesOf,
  expectOneFetch,
  expectServedElsewhere,
  GATE,
  inFolder,
  MARKET,
  type MediaNode,
  MediaNodes,
  type Medium,
  MOUNTAIN,
  VIDEO,
} from '../helpers/media-nodes'
import { startPostgres, type TestPostgres } from '../helpers/postgres'

/**
 * Media without a shared disk (issue 21 part 3): nodes with their own data folders share one
 * PostgreSQL, which holds every medium's files as large objects. A file uploaded on one node is
 * served by any other, fetched once into its folder, checked, and evicted again past MEDIA_CACHE_MB.
 */

let server: TestPostgres
let db: pg.Client
const media = new MediaNodes(() => ({ databaseUrl: server.url }))
const node = (mediaCacheMb?: number, dir?: string) =>
  media.node(mediaCacheMb === undefined ? {} : { mediaCacheMb }, dir)
const auth = () => media.auth()
const upload = media.upload.bind(media)
const uploaded = media.uploaded.bind(media)
type Node = MediaNode

const blobCount = async () =>
  Number((await db.query('SELECT count(*) AS n FROM pg_largeobject_metadata')).rows[0].n)

let b: Node
let c: Node
let gate: Medium
let video: Medium

beforeAll(async () => {
  server = await startPostgres()
  db = new pg.Client({ connectionString: server.url })
  await db.connect()
  b = await node()
  c = await node()
  media.token = await adminTokenOn(b.app, 'media nodes')
  gate = await uploaded(b, 'huu-nghi-gate.jpg', GATE, 'image/jpeg')
  video = await uploaded(b, 'border-clouds.mp4', VIDEO, 'video/mp4')
}, 120_000)

afterAll(async () => {
  await media.close()
  await db?.end()
  await server?.stop()
})

describe('media shared through PostgreSQL large objects', () => {
  it('keeps an upload in the store, checked, before its row: the file and its thumbnail', async () => {
    const rows = await db.query('SELECT name, media_sha256, sha256, bytes FROM media_blobs ORDER BY name')
    const names = rows.rows.map((r) => r.name)
    expect(names).toContain(gate.url.slice('/media/'.length))
    expect(names).toContain(gate.thumbnailUrl.slice('/media/'.length))
    const original = rows.rows.find((r) => r.name === `${gate.sha256}.jpg`)
    expect(original).toMatchObject({
      media_sha256: gate.sha256,
      sha256: gate.sha256,
      bytes: String(GATE.length),
    })
    const stored = await db.query('SELECT lo_get(object_id::oid) AS data FROM media_blobs WHERE name = $1', [
      `${video.sha256}.mp4`,
    ])
    expect(Buffer.compare(stored.rows[0].data, VIDEO)).toBe(0)
  })

  it('serves on another node, byte for byte, a file only the uploading node had, ranges included', async () => {
    await expectServedElsewhere(c, b, video, gate)
  })

  it('fetches a missing file once for requests that ask for it together, a range first among them', async () => {
    await expectOneFetch(await node(), gate)
  })

  it('answers 404 for a file neither the folder nor the store holds', async () => {
    const res = await fetch(`${c.base}/media/${'0'.repeat(64)}.jpg`)
    expect(res.status).toBe(404)
    // Not a name the store holds: never looked up, and never a file outside the folder.
    expect((await fetch(`${c.base}/media/thumbs/..%2F..%2Fgatecast.sqlite`)).status).not.toBe(200)
  })

  it('keeps the folder within MEDIA_CACHE_MB, evicting the least recently used, and fetches it again', async () => {
    const market = await uploaded(b, 'ky-lua-market.jpg', MARKET, 'image/jpeg')
    // Room for the video and one image, not two.
    const small = await node((VIDEO.length + MARKET.length + 20_000) / (1024 * 1024))
    const get = async (url: string) => {
      const res = await fetch(`${small.base}${url}`)
      expect(res.status).toBe(200)
      return bytesOf(res)
    }
    expect(Buffer.compare(await get(gate.url), GATE)).toBe(0)
    expect(Buffer.compare(await get(video.url), VIDEO)).toBe(0)
    expect(inFolder(small, gate.url)).toBe(true)
    await get(market.url)
    // The gate photo was the least recently used: gone; the two newer stay.
    expect(inFolder(small, gate.url)).toBe(false)
    expect(inFolder(small, video.url)).toBe(true)
    expect(inFolder(small, market.url)).toBe(true)
    expect(small.app.mediaStore.cache?.bytes).toBeLessThanOrEqual(VIDEO.length + MARKET.length + 20_000)
    // Asked for again, it comes back from the store, whole; now the video is the oldest.
    expect(Buffer.compare(await get(gate.url), GATE)).toBe(0)
    expect(inFolder(small, gate.url)).toBe(true)
    expect(inFolder(small, video.url)).toBe(false)
  })

  it('refuses to serve a damaged or short copy, and an upload of the file again repairs it', async () => {
    const mountain = await uploaded(b, 'mau-son-mountain.jpg', MOUNTAIN, 'image/jpeg')
    const name = `${mountain.sha256}.jpg`
    await db.query(
      `SELECT lo_put(object_id::oid, 500, '\\xdeadbeef'::bytea) FROM media_blobs WHERE name = $1`,
      [name],
    )
    const e = await node()
    const damaged = await fetch(`${e.base}${mountain.url}`)
    expect(damaged.status).toBe(503)
    expect((await damaged.json()).code).toBe('media.blob-corrupt')
    expect(inFolder(e, mountain.url)).toBe(false)

    // Short: cut to its first kilobyte.
    await db.query('BEGIN')
    await db.query(
      `SELECT lo_truncate(lo_open(object_id::oid, 131072), 1024) FROM media_blobs WHERE name = $1`,
      [name],
    )
    await db.query('COMMIT')
    const short = await fetch(`${e.base}${mountain.url}`)
    expect(short.status).toBe(503)
    expect((await short.json()).code).toBe('media.blob-corrupt')
    expect(readdirSync(join(e.dir, 'media', '.incoming'))).toEqual([])

    // The same bytes uploaded again: the copy held is read back, found wrong, and replaced.
    const again = await upload(c, 'mau-son-mountain.jpg', MOUNTAIN, 'image/jpeg')
    expect(again.status).toBe(200)
    const repaired = await fetch(`${e.base}${mountain.url}`)
    expect(repaired.status).toBe(200)
    expect(Buffer.compare(await bytesOf(repaired), MOUNTAIN)).toBe(0)
  })

  it('refuses an upload with 503 when the store cannot take it, and the store keeps what it held', async () => {
    const before = await blobCount()
    const rowsBefore = (await db.query('SELECT count(*) AS n FROM media')).rows[0].n
    // The store's row refused at commit time: the large object just written must go with it.
    await db.query(`CREATE FUNCTION refuse_blob() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'store full'; END $$`)
    await db.query(
      'CREATE TRIGGER refuse_blob BEFORE INSERT ON media_blobs FOR EACH ROW EXECUTE FUNCTION refuse_blob()',
    )
    try {
      const res = await upload(c, 'cua-khau.png', makePng(64, 48, 7), 'image/png')
      expect(res.status).toBe(503)
      expect((await res.json()).code).toBe('media.store-unavailable')
    } finally {
      await db.query('DROP TRIGGER refuse_blob ON media_blobs')
      await db.query('DROP FUNCTION refuse_blob')
    }
    expect(await blobCount()).toBe(before)
    expect((await db.query('SELECT count(*) AS n FROM media')).rows[0].n).toBe(rowsBefore)
    // What was stored before still serves.
    expect((await fetch(`${c.base}${gate.url}`)).status).toBe(200)
  })
})

describe('a data folder that held media before the store was shared', () => {
  it('has its library files copied into the store when its node starts', async () => {
    // The gate photo's copies gone from the store, as when a SQLite installation moves to PostgreSQL.
    await db.query('SELECT lo_unlink(object_id::oid) FROM media_blobs WHERE media_sha256 = $1', [gate.sha256])
    await db.query('DELETE FROM media_blobs WHERE media_sha256 = $1', [gate.sha256])
    const dir = mkdtempSync(join(tmpdir(), 'gatecast-pg-media-'))
    cpSync(join(b.dir, 'media'), join(dir, 'media'), { recursive: true })
    const moved = await node(undefined, dir)
    await moved.app.close() // waits for the copy it started
    const names = await db.query('SELECT name FROM media_blobs WHERE media_sha256 = $1 ORDER BY name', [
      gate.sha256,
    ])
    expect(names.rows.map((r) => r.name)).toEqual([`${gate.sha256}.jpg`, `thumbs/${gate.sha256}.jpg`])
    const fresh = await node()
    const served = await fetch(`${fresh.base}${gate.url}`)
    expect(Buffer.compare(await bytesOf(served), GATE)).toBe(0)
  })
})

describe('a database whose media are large objects', () => {
  it('is refused by the S3 store, which would find every file damaged: start without MEDIA_S3_URL', async () => {
    // Never reached: the list alone, in PostgreSQL, tells where the files are.
    const bucket = new S3Objects(parseS3Url('s3://key:secret@127.0.0.1:9/media?tls=false'), server.url)
    try {
      await expect(bucket.names()).rejects.toThrow(
        /media store is an S3 bucket but \d+ media file\(s\) are kept in PostgreSQL large objects: unset MEDIA_S3_URL/,
      )
    } finally {
      await bucket.close()
    }
  })
})

describe('deleting shared media', () => {
  it('removes the files from the store once no row names them and no upload touched them lately', async () => {
    const market = (
      await (await fetch(`${b.base}/api/media?q=ky-lua`, { headers: auth() })).json()
    )[0] as Medium
    const names = [`${market.sha256}.jpg`, `thumbs/${market.sha256}.jpg`]
    const before = await blobCount()
    await db.query('UPDATE media_blobs SET touched_at = $1 WHERE media_sha256 = $2', [
      Date.now() - ORPHAN_GRACE_MS - 1000,
      market.sha256,
    ])
    const removed = await fetch(`${c.base}/api/media/${market.id}`, { method: 'DELETE', headers: auth() })
    expect(removed.status).toBe(204)
    const left = await db.query('SELECT name FROM media_blobs WHERE name = ANY($1)', [names])
    expect(left.rows).toEqual([])
    expect(await blobCount()).toBe(before - 2)
    const d = await node()
    expect((await fetch(`${d.base}${market.url}`)).status).toBe(404)
  })

  it('keeps the files of a medium deleted just after an upload touched them, for the sweep to remove later', async () => {
    const again = await uploaded(b, 'ky-lua-market.jpg', MARKET, 'image/jpeg')
    const removed = await fetch(`${b.base}/api/media/${again.id}`, { method: 'DELETE', headers: auth() })
    expect(removed.status).toBe(204)
    const held = async () =>
      (await db.query('SELECT count(*) AS n FROM media_blobs WHERE media_sha256 = $1', [again.sha256]))
        .rows[0].n
    expect(await held()).toBe('2')
    await b.app.jobs.run('media-sweep').pending
    expect(await held()).toBe('2')
    await db.query('UPDATE media_blobs SET touched_at = $1 WHERE media_sha256 = $2', [
      Date.now() - ORPHAN_GRACE_MS - 1000,
      again.sha256,
    ])
    await c.app.jobs.run('media-sweep').pending
    expect(await held()).toBe('0')
  })
})
