import { ConfigError, loadConfig } from '@server/config'
import { CONNECTION_LIMITS } from '@server/connections/limits'
import { describe, expect, it } from 'vitest'

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', logLevel: 'info', seed: true })
    expect(c.dataDir).toMatch(/data$/)
  })

  it('reads every variable', () => {
    expect(
      loadConfig({ PORT: '9000', HOST: '127.0.0.1', DATA_DIR: '/srv/gc', LOG_LEVEL: 'debug', SEED: 'false' }),
    ).toEqual({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/srv/gc',
      logLevel: 'debug',
      seed: false,
      adminUsername: 'admin',
      adminPassword: undefined,
      trustProxy: false,
      metricsAllow: [],
      backupDir: '/srv/gc/backups',
      backupCron: '30 2 * * *',
      backupKeep: 14,
      redisUrl: undefined,
      databaseUrl: undefined,
      mediaCacheMb: 10_240,
      mediaS3: undefined,
      role: 'primary',
      jobsLeaseMs: 30_000,
      rateLimitPerMinute: 1200,
      socketMessagesPerMinute: 240,
      heapGrowthPercent: 20,
      outboundAllow: [],
      connections: CONNECTION_LIMITS,
      screenshotKeepDays: 14,
      screenshotStorageMb: 500,
      screenshotChromium: null,
    })
  })

  it('reads the bound of the media cache, in whole MB', () => {
    expect(loadConfig({ MEDIA_CACHE_MB: '512' }).mediaCacheMb).toBe(512)
    for (const bad of ['0', '-5', '1.5', 'lots']) {
      expect(() => loadConfig({ MEDIA_CACHE_MB: bad })).toThrow(/MEDIA_CACHE_MB/)
    }
  })

  it('reads the PostgreSQL address, and refuses one it cannot use without echoing its password', () => {
    const url = 'postgres://gatecast:s3cret@db.example:5432/gatecast'
    expect(loadConfig({ DATABASE_URL: ` ${url} ` }).databaseUrl).toBe(url)
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
    for (const bad of [
      'mysql://u:s3cret@db/gatecast',
      'postgres://u:s3cret@db.example',
      'not an address s3cret',
    ]) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(ConfigError)
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL must be a postgres:\/\/ address/)
      try {
        loadConfig({ DATABASE_URL: bad })
      } catch (error) {
        expect((error as Error).message).not.toContain('s3cret')
      }
    }
  })

  it('reads the S3 bucket of the media, its keys percent-decoded, TLS and us-east-1 unless told', () => {
    const DB = 'postgres://gatecast@db.example/gatecast'
    expect(
      loadConfig({ DATABASE_URL: DB, MEDIA_S3_URL: ' s3://AKIA:se%2Fcr%40et@s3.example/gatecast-media ' })
        .mediaS3,
    ).toEqual({
      protocol: 'https:',
      hostname: 's3.example',
      port: 443,
      bucket: 'gatecast-media',
      prefix: '',
      region: 'us-east-1',
      accessKeyId: 'AKIA',
      secretAccessKey: 'se/cr@et',
    })
    expect(
      loadConfig({
        DATABASE_URL: DB,
        MEDIA_S3_URL: 's3://minio:s3cret@10.0.0.5:9000/media/lang-son/?region=ap-southeast-1&tls=false',
      }).mediaS3,
    ).toMatchObject({
      protocol: 'http:',
      port: 9000,
      bucket: 'media',
      prefix: 'lang-son/',
      region: 'ap-southeast-1',
    })
    expect(loadConfig({ DATABASE_URL: DB, MEDIA_S3_URL: '' }).mediaS3).toBeUndefined()
  })

  it('refuses an S3 address it cannot use, saying what is wrong without echoing the secret key', () => {
    const DB = 'postgres://gatecast@db.example/gatecast'
    const refusals: [env: NodeJS.ProcessEnv, why: RegExp][] = [
      [{ MEDIA_S3_URL: 's3://k:s3cret@s3.example/media' }, /MEDIA_S3_URL needs DATABASE_URL/],
      [{ DATABASE_URL: DB, MEDIA_S3_URL: 'https://k:s3cret@s3.example/media' }, /must start with s3:\/\//],
      [{ DATABASE_URL: DB, MEDIA_S3_URL: 's3://s3.example/media' }, /access key and the secret key/],
      [{ DATABASE_URL: DB, MEDIA_S3_URL: 's3://k:s3cret@s3.example' }, /must name a bucket/],
      [{ DATABASE_URL: DB, MEDIA_S3_URL: 's3://k:s3cret@s3.example/Media_Bucket' }, /must name a bucket/],
      [{ DATABASE_URL: DB, MEDIA_S3_URL: 's3://k:s3cret@s3.example/media/lang%20son' }, /key prefix/],
      [
        { DATABASE_URL: DB, MEDIA_S3_URL: 's3://k:s3cret@s3.example/media?tls=no' },
        /tls= other than true or false/,
      ],
      [
        { DATABASE_URL: DB, MEDIA_S3_URL: 's3://k:s3cret@s3.example/media?regoin=eu' },
        /unknown option "regoin"/,
      ],
      [{ DATABASE_URL: DB, MEDIA_S3_URL: 's3://k:s3cret@s3.example/media?region=EU%20West' }, /region/],
      [{ DATABASE_URL: DB, MEDIA_S3_URL: 's3://k:s3%ZZcret@s3.example/media' }, /percent-encoding/],
      [{ DATABASE_URL: DB, MEDIA_S3_URL: 'not an address s3cret' }, /is not an address/],
    ]
    for (const [env, why] of refusals) {
      expect(() => loadConfig(env), env.MEDIA_S3_URL).toThrow(ConfigError)
      expect(() => loadConfig(env), env.MEDIA_S3_URL).toThrow(why)
      try {
        loadConfig(env)
      } catch (error) {
        expect((error as Error).message).not.toContain('s3cret')
      }
    }
  })

  it('reads the node’s role and how long the jobs lease lasts, within a minute’s takeover', () => {
    expect(loadConfig({ NODE_ROLE: 'secondary', JOBS_LEASE_SECONDS: '20' })).toMatchObject({
      role: 'secondary',
      jobsLeaseMs: 20_000,
    })
    expect(() => loadConfig({ NODE_ROLE: 'leader' })).toThrow(
      /NODE_ROLE="leader" must be one of: primary, secondary/,
    )
    expect(() => loadConfig({ JOBS_LEASE_SECONDS: '4' })).toThrow(
      /JOBS_LEASE_SECONDS="4" must be a whole number from 5 to 45/,
    )
    expect(() => loadConfig({ JOBS_LEASE_SECONDS: '46' })).toThrow(/JOBS_LEASE_SECONDS/)
  })

  it('reads how long screenshots are kept and how much room they may take, within bounds', () => {
    const c = loadConfig({ SCREENSHOT_KEEP_DAYS: '30', SCREENSHOT_STORAGE_MB: '2000' })
    expect([c.screenshotKeepDays, c.screenshotStorageMb]).toEqual([30, 2000])
    expect(() => loadConfig({ SCREENSHOT_KEEP_DAYS: '0' })).toThrow(/SCREENSHOT_KEEP_DAYS/)
    expect(() => loadConfig({ SCREENSHOT_STORAGE_MB: '5' })).toThrow(/SCREENSHOT_STORAGE_MB/)
  })

  it('reads the timeouts, the slowest upload pace and the per-address caps', () => {
    expect(
      loadConfig({
        HEADERS_TIMEOUT_SECONDS: '10',
        IDLE_TIMEOUT_SECONDS: '90',
        KEEP_ALIVE_TIMEOUT_SECONDS: '130',
        UPLOAD_MIN_KIB_PER_SECOND: '8',
        CONNECTIONS_PER_ADDRESS: '0',
        ANONYMOUS_CONNECTIONS_PER_ADDRESS: '16',
      }).connections,
    ).toEqual({
      ...CONNECTION_LIMITS,
      headersTimeoutMs: 10_000,
      idleTimeoutMs: 90_000,
      keepAliveTimeoutMs: 130_000,
      bodyMinBytesPerSecond: 8 * 1024,
      perAddress: 0,
      anonymousPerAddress: 16,
    })
  })

  it('reads the first admin and the trusted proxies', () => {
    const c = loadConfig({
      GATECAST_ADMIN_USER: 'ops.admin',
      GATECAST_ADMIN_PASSWORD: 'a long enough secret',
      TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
    })
    expect(c).toMatchObject({
      adminUsername: 'ops.admin',
      adminPassword: 'a long enough secret',
      trustProxy: ['127.0.0.1', '10.0.0.0/8'],
    })
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(loadConfig({ METRICS_ALLOW: '10.0.0.0/8,::1' }).metricsAllow).toEqual(['10.0.0.0/8', '::1'])
    expect(loadConfig({ SOCKET_MESSAGES_PER_MINUTE: '0' }).socketMessagesPerMinute).toBe(0)
  })

  it('reads the private destinations the server may reach: addresses, ranges and host names', () => {
    expect(
      loadConfig({ OUTBOUND_ALLOW: '10.0.0.0/8, hooks.internal,fd00::/8,192.168.1.20' }).outboundAllow,
    ).toEqual(['10.0.0.0/8', 'hooks.internal', 'fd00::/8', '192.168.1.20'])
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty" must be a whole number/],
    [{ PORT: '70000' }, /from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" must be one of/],
    [{ SEED: 'maybe' }, /SEED="maybe" must be true or false/],
    [{ SOCKET_MESSAGES_PER_MINUTE: '-1' }, /SOCKET_MESSAGES_PER_MINUTE="-1" must be a whole number/],
    [{ HEAP_GROWTH_PERCENT: '500' }, /HEAP_GROWTH_PERCENT="500" must be a whole number from 0 to 400/],
    [{ HEAP_GROWTH_PERCENT: '12.5' }, /HEAP_GROWTH_PERCENT="12.5" must be a whole number/],
    [{ IDLE_TIMEOUT_SECONDS: '10' }, /IDLE_TIMEOUT_SECONDS="10" must be a whole number from 25 to 3600/],
    [{ HEADERS_TIMEOUT_SECONDS: '0' }, /HEADERS_TIMEOUT_SECONDS="0" must be a whole number from 1 to 300/],
    [{ CONNECTIONS_PER_ADDRESS: '-1' }, /CONNECTIONS_PER_ADDRESS="-1" must be a whole number from 0/],
    [{ UPLOAD_MIN_KIB_PER_SECOND: 'fast' }, /UPLOAD_MIN_KIB_PER_SECOND="fast" must be a whole number/],
    [{ GATECAST_ADMIN_USER: 'Root User' }, /GATECAST_ADMIN_USER="Root User" must be a username/],
    [
      { GATECAST_ADMIN_PASSWORD: 'short' },
      /GATECAST_ADMIN_PASSWORD must have 10–200 characters \(it has 5\)/,
    ],
    [{ TRUST_PROXY: 'the proxy' }, /TRUST_PROXY="the proxy": "the proxy" is not an address/],
    [
      { METRICS_ALLOW: '10.0.0.0/33' },
      /METRICS_ALLOW="10.0.0.0\/33": "10.0.0.0\/33" is not an address or CIDR range\./,
    ],
    [
      { OUTBOUND_ALLOW: '10.0.0.300' },
      /OUTBOUND_ALLOW="10.0.0.300": "10.0.0.300" is not an address, a CIDR range or a host name/,
    ],
    [{ OUTBOUND_ALLOW: 'http://hooks.internal/' }, /"http:\/\/hooks.internal\/" is not an address/],
  ])('names the variable when a value is wrong: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
