import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { S3Location } from '@server/media/shared/s3-location'
import S3rver from 's3rver'
import { freePort } from './redis'

/**
 * A real S3-compatible server (npm `s3rver`: S3's REST API over a folder; it refuses an unknown
 * access key but, unlike AWS and MinIO, does not recompute V4 signatures) on a loopback port, its objects in a throwaway folder. `stop()` and `start()`
 * take it down and bring it back on the same port with the same objects, as a store that fails.
 */
export interface TestS3 {
  /** Where the bucket is, with the keys s3rver accepts (its built-in account). */
  location: S3Location
  start: () => Promise<void>
  stop: () => Promise<void>
  /** Stops the server for good and deletes its folder. */
  remove: () => Promise<void>
}

/** s3rver's built-in account: a request with any other access key is refused (403). */
const ACCESS_KEY = 'S3RVER'
const SECRET_KEY = 'S3RVER'
/** s3rver's command, found where npm installed the package. */
const S3RVER_BIN = join(
  dirname(createRequire(import.meta.url).resolve('s3rver/package.json')),
  'bin',
  's3rver.js',
)
/** A cold start on a loaded machine: loading koa and its friends takes a few seconds at worst. */
const SPAWN_WAIT_MS = 30_000

const locationOf = (port: number, bucket: string): S3Location => ({
  protocol: 'http:',
  hostname: '127.0.0.1',
  port,
  bucket,
  prefix: 'media/',
  region: 'us-east-1',
  accessKeyId: ACCESS_KEY,
  secretAccessKey: SECRET_KEY,
})

export async function startS3(bucket = 'gatecast-media'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'gatecast-s3-'))
  let port = 0
  let server: S3rver | undefined
  const start = async () => {
    const next = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    })
    port = (await next.run()).port
    server = next
  }
  const stop = async () => {
    await server?.close()
    server = undefined
  }
  await start()
  return {
    location: locationOf(port, bucket),
    start,
    stop,
    remove: async () => {
      await stop()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

/**
 * The same server in a process of its own (s3rver's command), for measurements of the client
 * alone (bench/media-store.ts): its memory and event loop are then not the measured process's.
 */
export async function spawnS3(
  bucket = 'gatecast-media',
): Promise<{ location: S3Location; stop: () => Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'gatecast-s3-'))
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [
      S3RVER_BIN,
      '-d',
      directory,
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '--configure-bucket',
      bucket,
      '--silent',
    ],
    { stdio: 'ignore' },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    child.kill()
    await exited
    rmSync(directory, { recursive: true, force: true })
  }
  const started = Date.now()
  for (;;) {
    const answered = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    )
    if (answered) break
    if (child.exitCode !== null || Date.now() - started > SPAWN_WAIT_MS) {
      await stop()
      throw new Error(`s3rver did not start on port ${port} within ${SPAWN_WAIT_MS / 1000} s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { location: locationOf(port, bucket), stop }
}
