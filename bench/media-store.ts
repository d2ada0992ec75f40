import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { pipeline } from 'node:stream/promises'
import { mediaBlobs } from '@server/db/postgres/migrations/029-media-blobs'
import { PostgresLargeObjects } from '@server/media/shared/postgres-large-objects'
import { S3Objects } from '@server/media/shared/s3-objects'
import type { SharedMediaStore } from '@server/media/shared/shared-store'
import pg from 'pg'
import { startPostgres } from '../tests/helpers/postgres'
import { spawnS3 } from '../tests/helpers/s3'
import { round } from './browser'
import type { BenchResult } from './run'

/**
 * `media-store`: a video the size of the largest upload class moved through each shared media
 * store of nodes on several hosts (server/media/shared/): PostgreSQL's large objects against a real
 * PostgreSQL on loopback (fsync off: the figure is the protocol's and the store's, not the disk's),
 * and an S3 bucket (MEDIA_S3_URL) on s3rver in a process of its own, its list in that PostgreSQL.
 * `putMs` writes it as an upload does (sent, read back and checked), `fetchMs` streams it to a file
 * as a node lacking it does. Alongside: the event loop's longest stall during the transfers (a
 * transfer must never block it) and how much the process's resident memory grew (it must not hold
 * the file). The baseline is copying the same file on the local disk.
 */

const FILE_MB = 128

interface StoreFigures {
  putMs: number
  fetchMs: number
  fetchMbPerS: number
  eventLoopMaxStallMs: number
  rssGrowthMb: number
}

async function measure(
  store: SharedMediaStore,
  name: string,
  source: string,
  dir: string,
): Promise<StoreFigures> {
  const rssBefore = process.memoryUsage().rss
  let rssPeak = rssBefore
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
  }, 20)
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const putStarted = performance.now()
  await store.put({ name, mediaSha256: 'bench' }, source, Date.now())
  const putMs = performance.now() - putStarted
  const fetchStarted = performance.now()
  const opened = await store.open(name)
  if (!opened) throw new Error(`${store.label} lost the file it was given`)
  await pipeline(opened.stream, createWriteStream(join(dir, 'fetched.mp4')))
  const fetchMs = performance.now() - fetchStarted
  loop.disable()
  clearInterval(sampler)
  return {
    putMs: round(putMs, 0),
    fetchMs: round(fetchMs, 0),
    fetchMbPerS: round(FILE_MB / (fetchMs / 1000), 1),
    eventLoopMaxStallMs: round(loop.max / 1e6, 1),
    rssGrowthMb: round((rssPeak - rssBefore) / (1024 * 1024), 1),
  }
}

export async function mediaStoreBench(): Promise<BenchResult> {
  const server = await startPostgres()
  const s3 = await spawnS3()
  const dir = await mkdtemp(join(tmpdir(), 'gatecast-bench-media-'))
  const largeObjects = new PostgresLargeObjects(server.url, 'gatecast bench')
  const bucket = new S3Objects(s3.location, server.url, 'gatecast bench s3')
  try {
    const setup = new pg.Client({ connectionString: server.url })
    await setup.connect()
    await setup.query('CREATE TABLE media (sha256 TEXT)') // what release() consults; unused here
    await setup.query(mediaBlobs.sql)
    await setup.end()
    const source = join(dir, 'video.mp4')
    await writeFile(source, randomBytes(FILE_MB * 1024 * 1024))

    const copyStarted = performance.now()
    await copyFile(source, join(dir, 'copy.mp4'))
    const copyMs = performance.now() - copyStarted

    const figures = await measure(largeObjects, 'large-object.mp4', source, dir)
    const s3Figures = await measure(bucket, 's3-object.mp4', source, dir)
    return {
      bench: 'media-store',
      fileMb: FILE_MB,
      ...figures,
      s3: s3Figures,
      baseline: { localCopyMs: round(copyMs, 0) },
      ratio: round(figures.fetchMs / copyMs),
    }
  } finally {
    await largeObjects.close()
    await bucket.close()
    await s3.stop()
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
