import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { S3Location } from '@server/media/shared/s3-location'
import S3rver from 's3rver'

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
    location: {
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      bucket,
      prefix: 'media/',
      region: 'us-east-1',
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET_KEY,
    },
    start,
    stop,
    remove: async () => {
      await stop()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
