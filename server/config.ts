import { join, resolve } from 'node:path'
import { PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '@playlists/limits'
import { USERNAME_PATTERN } from '@playlists/schemas/accounts'
import {
  ANONYMOUS_CONNECTIONS_PER_ADDRESS,
  BODY_MIN_BYTES_PER_SECOND,
  BODY_TIME_BASE_MS,
  CONNECTIONS_PER_ADDRESS,
  type ConnectionLimits,
  HEADERS_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
} from './connections/limits'
import { HEAP_GROWTH_PERCENT_DEFAULT } from './heap'
import { checkJobCron } from './jobs/dialect'
import { JOBS_LEASE_MS_DEFAULT } from './jobs/lease'
import { MEDIA_CACHE_MB_DEFAULT } from './media/shared/cache'
import { parseS3Url, type S3Location } from './media/shared/s3-location'
import { isAddressOrRange } from './net'
import { isAllowEntry } from './outbound/policy'
import { ROOT } from './paths'
import { SOCKET_MESSAGES_PER_MINUTE } from './realtime/message-budget'
import type { NodeRole } from './repositories/leases'
import { SCREENSHOT_KEEP_DAYS_DEFAULT, SCREENSHOT_STORAGE_MB_DEFAULT } from './screenshots/service'

/**
 * Every environment variable Gatecast reads, with its default. A bad value stops the start with
 * a message naming the variable, rather than a stack trace or a silently ignored setting.
 */
export interface Config {
  port: number
  host: string
  dataDir: string
  logLevel: string
  /** Load the sample sites, screens and playlists into a new, empty database. */
  seed: boolean
  /** The first admin, created on the first start only; without a password one is generated and printed once. */
  adminUsername: string
  adminPassword: string | undefined
  /**
   * Which reverse proxies to believe for the client's address and https (X-Forwarded-*): false,
   * true, or a comma-separated list of addresses and CIDR ranges. Sign-in cookies are marked
   * Secure when the request came over https.
   */
  trustProxy: boolean | string[]
  /** Addresses and CIDR ranges whose requests to /metrics need no token (default: none). */
  metricsAllow: string[]
  /** Where backups go (default `<DATA_DIR>/backups`; another disk is better), when, and how many stay. */
  backupDir: string
  backupCron: string
  backupKeep: number
  /** Redis for sharing socket.io broadcasts between several server processes; none by default. */
  redisUrl: string | undefined
  /** PostgreSQL holding the data of nodes on several hosts; none by default (SQLite in DATA_DIR). */
  databaseUrl: string | undefined
  /** With PostgreSQL: how many MB of media each node keeps in its data folder (least recently used go first). */
  mediaCacheMb: number
  /**
   * With PostgreSQL: the S3-compatible bucket that holds the media instead of PostgreSQL's large
   * objects (MEDIA_S3_URL); none by default.
   */
  mediaS3: S3Location | undefined
  /**
   * `primary` (the default) may take the jobs lease and so run the jobs and scheduled backups;
   * `secondary` never does, and only serves (see README "More than one node").
   */
  role: NodeRole
  /** How long the jobs lease lasts unrenewed: another node takes the jobs over within this and a third. */
  jobsLeaseMs: number
  /** /api requests per client per minute before 429; 0 turns the limit off. */
  rateLimitPerMinute: number
  /** Messages per socket per minute before they are refused (server/realtime/message-budget.ts); 0: no limit. */
  socketMessagesPerMinute: number
  /** How far V8's heap may grow past its live size before a full collection; 0: V8's own choice (server/heap.ts). */
  heapGrowthPercent: number
  /** Timeouts, the slowest upload pace and the per-address caps (server/connections/limits.ts). */
  connections: ConnectionLimits
  /**
   * Private destinations the server's own requests (webhooks) may reach: addresses, CIDR ranges
   * and exact host names. Loopback, private and link-local addresses are refused otherwise
   * (server/outbound/).
   */
  outboundAllow: string[]
  /** Screenshots are kept this many days, and their files in at most this many MB (each screen's newest always). */
  screenshotKeepDays: number
  screenshotStorageMb: number
  /** The Chromium that renders the picture a screen should show, to compare its screenshots with; none by default. */
  screenshotChromium: string | null
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const USERNAME = new RegExp(USERNAME_PATTERN)

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const database = databaseUrl(env)
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(ROOT, env.DATA_DIR?.trim() || 'data'),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    seed: boolean(env, 'SEED', true),
    adminUsername: matching(
      env,
      'GATECAST_ADMIN_USER',
      'admin',
      USERNAME,
      'a username: lower-case letters, digits, . _ -',
    ),
    adminPassword: adminPassword(env),
    trustProxy: trustProxy(env),
    metricsAllow: addresses(env, 'METRICS_ALLOW') ?? [],
    backupDir: resolve(ROOT, env.BACKUP_DIR?.trim() || join(env.DATA_DIR?.trim() || 'data', 'backups')),
    backupCron: cronExpression(env, 'BACKUP_CRON', '30 2 * * *'),
    backupKeep: integer(env, 'BACKUP_KEEP', 14, 1, 1000),
    redisUrl: redisUrl(env),
    databaseUrl: database,
    mediaCacheMb: integer(env, 'MEDIA_CACHE_MB', MEDIA_CACHE_MB_DEFAULT, 1, 100_000_000),
    mediaS3: mediaS3(env, database),
    role: oneOf(env, 'NODE_ROLE', 'primary', ['primary', 'secondary']) as NodeRole,
    jobsLeaseMs:
      integer(
        env,
        'JOBS_LEASE_SECONDS',
        JOBS_LEASE_MS_DEFAULT / SECOND_MS,
        JOBS_LEASE_SECONDS_MIN,
        JOBS_LEASE_SECONDS_MAX,
      ) * SECOND_MS,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1_200, 0, 1_000_000),
    socketMessagesPerMinute: integer(
      env,
      'SOCKET_MESSAGES_PER_MINUTE',
      SOCKET_MESSAGES_PER_MINUTE,
      0,
      1_000_000,
    ),
    heapGrowthPercent: integer(env, 'HEAP_GROWTH_PERCENT', HEAP_GROWTH_PERCENT_DEFAULT, 0, 400),
    outboundAllow: outboundAllow(env),
    connections: connectionLimits(env),
    screenshotKeepDays: integer(env, 'SCREENSHOT_KEEP_DAYS', SCREENSHOT_KEEP_DAYS_DEFAULT, 1, 3650),
    screenshotStorageMb: integer(env, 'SCREENSHOT_STORAGE_MB', SCREENSHOT_STORAGE_MB_DEFAULT, 10, 10_000_000),
    screenshotChromium: env.SCREENSHOT_CHROMIUM?.trim() || null,
  }
}

const SECOND_MS = 1000
/** A shorter lease lapses when a busy database delays two renewals, and the jobs change node for nothing. */
const JOBS_LEASE_SECONDS_MIN = 5
/** Past this, a dead holder's jobs would wait more than the minute: the lease and one renewal period. */
const JOBS_LEASE_SECONDS_MAX = 45
const KIB = 1024
/** A polling player's request waits up to 20 s with nothing to say: an idle timeout must outlast it. */
const IDLE_TIMEOUT_SECONDS_MIN = 25

function connectionLimits(env: NodeJS.ProcessEnv): ConnectionLimits {
  const seconds = (name: string, fallbackMs: number, min: number, max: number) =>
    integer(env, name, fallbackMs / SECOND_MS, min, max) * SECOND_MS
  const count = (name: string, fallback: number) => integer(env, name, fallback, 0, 1_000_000)
  return {
    headersTimeoutMs: seconds('HEADERS_TIMEOUT_SECONDS', HEADERS_TIMEOUT_MS, 1, 300),
    bodyTimeBaseMs: BODY_TIME_BASE_MS,
    bodyMinBytesPerSecond:
      integer(env, 'UPLOAD_MIN_KIB_PER_SECOND', BODY_MIN_BYTES_PER_SECOND / KIB, 1, 1_000_000) * KIB,
    idleTimeoutMs: seconds('IDLE_TIMEOUT_SECONDS', IDLE_TIMEOUT_MS, IDLE_TIMEOUT_SECONDS_MIN, 3600),
    keepAliveTimeoutMs: seconds('KEEP_ALIVE_TIMEOUT_SECONDS', KEEP_ALIVE_TIMEOUT_MS, 1, 3600),
    perAddress: count('CONNECTIONS_PER_ADDRESS', CONNECTIONS_PER_ADDRESS),
    anonymousPerAddress: count('ANONYMOUS_CONNECTIONS_PER_ADDRESS', ANONYMOUS_CONNECTIONS_PER_ADDRESS),
  }
}

function outboundAllow(env: NodeJS.ProcessEnv): string[] {
  const raw = env.OUTBOUND_ALLOW?.trim()
  if (!raw) return []
  const list = raw.split(',').map((s) => s.trim())
  const bad = list.find((entry) => !isAllowEntry(entry))
  if (bad !== undefined) {
    throw new ConfigError(
      `OUTBOUND_ALLOW="${raw}": "${bad}" is not an address, a CIDR range or a host name (e.g. 10.0.0.0/8,hooks.internal).`,
    )
  }
  return list
}

function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DATABASE_URL?.trim()
  if (!raw) return undefined
  let url: URL | null = null
  try {
    url = new URL(raw)
  } catch {
    // Reported below.
  }
  if (
    !url ||
    !['postgres:', 'postgresql:'].includes(url.protocol) ||
    !url.hostname ||
    url.pathname.length < 2
  ) {
    // The value may hold a password: never echo it.
    throw new ConfigError(
      'DATABASE_URL must be a postgres:// address with a host and a database, e.g. postgres://gatecast:secret@db.example:5432/gatecast; leave it unset to keep the data in SQLite.',
    )
  }
  return raw
}

function mediaS3(env: NodeJS.ProcessEnv, database: string | undefined): S3Location | undefined {
  const raw = env.MEDIA_S3_URL?.trim()
  if (!raw) return undefined
  // The bucket's list of files lives in PostgreSQL; on SQLite the data folder is the one store.
  if (database === undefined)
    throw new ConfigError(
      'MEDIA_S3_URL needs DATABASE_URL: media are shared through an S3 bucket only by nodes on PostgreSQL.',
    )
  try {
    return parseS3Url(raw)
  } catch (error) {
    // The value holds the secret key: the refusal says what is wrong, never what was written.
    throw new ConfigError(`MEDIA_S3_URL ${(error as Error).message}.`)
  }
}

function redisUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.REDIS_URL?.trim()
  if (!raw) return undefined
  let url: URL | null = null
  try {
    url = new URL(raw)
  } catch {
    // Reported below.
  }
  if (!url || !['redis:', 'rediss:'].includes(url.protocol)) {
    // The value may hold a password: never echo it.
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// address, e.g. redis://127.0.0.1:6379.')
  }
  return raw
}

/**
 * A cron expression that node-cron and the schedule rules read the same way (see
 * `jobs/dialect.ts`); `off` turns the schedule off (backups on demand only).
 */
function cronExpression(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  if (raw === 'off') return raw
  try {
    checkJobCron(raw)
    return raw
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new ConfigError(
      `${name}="${raw}" must be a cron expression such as "${fallback}", or off (${why}).`,
    )
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${raw}" must be a whole number from ${min} to ${max}.`)
  }
  return value
}

function oneOf(env: NodeJS.ProcessEnv, name: string, fallback: string, allowed: string[]): string {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  if (!allowed.includes(raw)) throw new ConfigError(`${name}="${raw}" must be one of: ${allowed.join(', ')}.`)
  return raw
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name}="${env[name]}" must be true or false.`)
}

function matching(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: string,
  pattern: RegExp,
  what: string,
): string {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  if (!pattern.test(raw)) throw new ConfigError(`${name}="${raw}" must be ${what}.`)
  return raw
}

/** Never echoed back: a message about a password must not print it into a log. */
function adminPassword(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.GATECAST_ADMIN_PASSWORD
  if (raw === undefined || raw === '') return undefined
  if (raw.length < PASSWORD_CHARS_MIN || raw.length > PASSWORD_CHARS_MAX) {
    throw new ConfigError(
      `GATECAST_ADMIN_PASSWORD must have ${PASSWORD_CHARS_MIN}–${PASSWORD_CHARS_MAX} characters (it has ${raw.length}).`,
    )
  }
  return raw
}

function trustProxy(env: NodeJS.ProcessEnv): boolean | string[] {
  const raw = env.TRUST_PROXY?.trim()
  if (!raw || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true
  return addresses(env, 'TRUST_PROXY', ' (or use true/false)') ?? false
}

function addresses(env: NodeJS.ProcessEnv, name: string, hint = ''): string[] | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  const list = raw.split(',').map((s) => s.trim())
  const bad = list.find((a) => !isAddressOrRange(a))
  if (bad !== undefined) {
    throw new ConfigError(`${name}="${raw}": "${bad}" is not an address or CIDR range${hint}.`)
  }
  return list
}
