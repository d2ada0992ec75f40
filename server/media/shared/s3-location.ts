/**
 * Where an S3-compatible object store keeps the media of nodes on several hosts (MEDIA_S3_URL):
 *
 *   s3://ACCESS_KEY:SECRET_KEY@HOST[:PORT]/BUCKET[/PREFIX][?region=REGION&tls=false]
 *
 * One address holds everything a node needs, like DATABASE_URL. Requests go path-style
 * (`https://HOST/BUCKET/KEY`): MinIO, Garage, Ceph and AWS all answer it, and it needs no DNS name
 * per bucket. The keys are percent-encoded in the address (a `/` in a secret is `%2F`).
 */
export interface S3Location {
  protocol: 'https:' | 'http:'
  hostname: string
  port: number
  bucket: string
  /** Put before every object's name: empty, or ends with `/`. */
  prefix: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}

/** S3's own rule for bucket names (3 to 63 lower-case letters, digits, dots and hyphens). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
/** Characters a key prefix may hold without percent-encoding in the signed path. */
const PREFIX = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/
const REGION = /^[a-z0-9-]{1,40}$/
const OPTIONS = new Set(['region', 'tls'])
/** What AWS signs with when a bucket names none; MinIO and s3rver take it too. */
export const S3_REGION_DEFAULT = 'us-east-1'

export const S3_URL_EXAMPLE = 's3://ACCESS_KEY:SECRET_KEY@s3.example:9000/gatecast-media?region=us-east-1'

/**
 * Reads MEDIA_S3_URL. A refusal says which part is wrong and never repeats the address, which holds
 * the secret key.
 */
export function parseS3Url(raw: string): S3Location {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`is not an address; write it as ${S3_URL_EXAMPLE}`)
  }
  if (url.protocol !== 's3:') throw new Error(`must start with s3://, as in ${S3_URL_EXAMPLE}`)
  if (!url.hostname) throw new Error('names no host')
  if (!url.username || !url.password)
    throw new Error(
      'must hold the access key and the secret key before the host (s3://ACCESS_KEY:SECRET_KEY@host)',
    )
  const [bucket = '', ...rest] = url.pathname.slice(1).split('/')
  if (!BUCKET.test(bucket))
    throw new Error('must name a bucket after the host: 3 to 63 lower-case letters, digits, dots and hyphens')
  const prefix = rest.join('/').replace(/\/$/, '')
  // Dot segments are gone already (the URL parser resolves them); a % is refused here.
  if (prefix !== '' && !PREFIX.test(prefix))
    throw new Error('has a key prefix after the bucket that is not letters, digits, . _ - separated by /')
  for (const key of url.searchParams.keys())
    if (!OPTIONS.has(key)) throw new Error(`has an unknown option "${key}" (known: region, tls)`)
  const region = url.searchParams.get('region') ?? S3_REGION_DEFAULT
  if (!REGION.test(region)) throw new Error('has a region that is not lower-case letters, digits and hyphens')
  const tls = url.searchParams.get('tls') ?? 'true'
  if (tls !== 'true' && tls !== 'false') throw new Error('has tls= other than true or false')
  const protocol = tls === 'true' ? 'https:' : 'http:'
  let accessKeyId: string
  let secretAccessKey: string
  try {
    accessKeyId = decodeURIComponent(url.username)
    secretAccessKey = decodeURIComponent(url.password)
  } catch {
    throw new Error('has a key with a broken percent-encoding')
  }
  return {
    protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : protocol === 'https:' ? 443 : 80,
    bucket,
    prefix: prefix === '' ? '' : `${prefix}/`,
    region,
    accessKeyId,
    secretAccessKey,
  }
}
