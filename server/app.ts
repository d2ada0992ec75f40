import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { VIDEO_BYTES_MAX } from '@playlists/limits'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import './decorations'
import { alertsPlugin } from './alerts/plugin'
import type { AlertOptions } from './alerts/service'
import { createFirstAdmin, type FirstAdmin } from './auth/bootstrap'
import { capPlugin } from './cap/plugin'
import { type Clock, systemClock } from './clock'
import { CONNECTION_LIMITS, type ConnectionLimits, serverTimeouts } from './connections/limits'
import { feedsPlugin } from './feeds/plugin'
import type { FeedOptions } from './feeds/service'
import { JOBS_LEASE_MS_DEFAULT } from './jobs/lease'
import { REQUEST_ID_HEADER } from './logging'
import { MEDIA_CACHE_MB_DEFAULT } from './media/shared/cache'
import { PostgresLargeObjects } from './media/shared/postgres-large-objects'
import type { S3Location } from './media/shared/s3-location'
import { S3Objects } from './media/shared/s3-objects'
import { MediaStore, ORPHAN_GRACE_MS } from './media/store'
import { addressList } from './net'
import { outboundPlugin } from './outbound/plugin'
import type { OutboundOptions } from './outbound/request'
import { CONSOLE_DIST, PLAYER_DIST, SEED_DIR } from './paths'
import { authPlugin, publicRoutes } from './plugins/auth'
import { type BackupSettings, backupsPlugin } from './plugins/backups'
import { type ComputeSettings, computePlugin } from './plugins/compute'
import { connectionsPlugin } from './plugins/connections'
import { dbPlugin } from './plugins/db'
import { registerDocsUi, registerOpenApi } from './plugins/docs'
import { frameworkErrors, registerErrorHandling } from './plugins/errors'
import { jobsPlugin } from './plugins/jobs'
import { metricsPlugin, observeAnswers } from './plugins/metrics'
import { requireBoundedNumbers } from './plugins/number-bounds'
import { RATE_LIMIT_PER_MINUTE, registerRateLimit } from './plugins/rate-limit'
import { acceptReadBack } from './plugins/read-back'
import { realtimePlugin } from './plugins/realtime'
import { registerSecurityHeaders } from './plugins/security-headers'
import { servicesPlugin } from './plugins/services'
import { registerStatic } from './plugins/static'
import { refuseDefaultNamespace } from './realtime/access'
import { registerAgentNamespace } from './realtime/agents'
import { registerConsoleNamespace } from './realtime/console'
import type { SocketLibraries } from './realtime/internals'
import { SOCKET_MESSAGES_PER_MINUTE } from './realtime/message-budget'
import { registerPlayerNamespace } from './realtime/players'
import type { NodeRole } from './repositories/leases'
import { agentRoutes } from './routes/agents'
import { alertRoutes } from './routes/alerts'
import { approvalRoutes } from './routes/approvals'
import { auditRoutes } from './routes/audit'
import { authRoutes } from './routes/auth'
import { backupRoutes } from './routes/backups'
import { capSourceRoutes } from './routes/cap-sources'
import { datasetRoutes } from './routes/datasets'
import { emergencyRoutes } from './routes/emergencies'
import { feedRoutes } from './routes/feeds'
import { healthRoutes } from './routes/health'
import { layoutRoutes } from './routes/layouts'
import { legibilityRoutes } from './routes/legibility'
import { mediaRoutes } from './routes/media'
import { metricsRoutes } from './routes/metrics'
import { onAirRoutes } from './routes/on-air'
import { pairingRoutes } from './routes/pairing'
import { playlistRoutes } from './routes/playlists'
import { playRoutes } from './routes/plays'
import { previewRoutes } from './routes/preview'
import { reportRoutes } from './routes/reports'
import { scheduleRoutes } from './routes/schedules'
import { screenRoutes } from './routes/screens'
import { screenshotRoutes } from './routes/screenshots'
import { siteRoutes } from './routes/sites'
import { statusRoutes } from './routes/status'
import { timelineRoutes } from './routes/timeline'
import { userRoutes } from './routes/users'
import { webOriginRoutes } from './routes/web-origins'
import { sharedCompilers } from './schema-compilers'
import { screenshotsPlugin } from './screenshots/plugin'
import type { ScreenshotSettings } from './screenshots/service'
import { isEmpty, seedDatabase } from './seed/seed'

export const VERSION = '0.1.0'

export interface AppOptions {
  dataDir: string
  /** Load the sample content into an empty database. */
  seed?: boolean
  seedDir?: string
  playerDir?: string
  consoleDir?: string
  clock?: Clock
  /** The largest upload accepted, before the per-type limits; lowered by tests. */
  maxUploadBytes?: number
  /** Cut an upload that sends no byte for this long (default UPLOAD_STALL_MS); lowered by tests. */
  uploadStallMs?: number
  /** Timeouts, the body pace and the per-address caps (connections/limits.ts); tests shorten them. */
  connections?: Partial<ConnectionLimits>
  /**
   * Run the background jobs on their cron schedules, while this node holds the jobs lease (main
   * does; tests call them directly).
   */
  scheduleJobs?: boolean
  logger?: FastifyServerOptions['logger']
  /**
   * The admin account made on the first start (no password: one is generated). `passwordHash`,
   * when given, is `password`'s hash made earlier (hashPassword): the tests build thousands of
   * apps with one password and hash it once, where scrypt costs each start some 100 ms.
   */
  admin?: { username?: string; password?: string; passwordHash?: string }
  /** Told about the first admin once, when it is created: main prints a generated password. */
  onFirstAdmin?: (admin: FirstAdmin) => void
  /** Addresses and CIDR ranges that may scrape /metrics without a token (see config.ts). */
  metricsAllow?: readonly string[]
  /** Reverse proxies whose X-Forwarded-* headers are believed (see config.ts). */
  trustProxy?: boolean | string[]
  /**
   * Redis for socket.io broadcasts shared between several server processes (REDIS_URL); none
   * for one process, the default.
   */
  redisUrl?: string
  /**
   * PostgreSQL instead of the data folder's SQLite file (DATABASE_URL): nodes on several hosts
   * share it, and their media (PostgreSQL large objects; each node's folder caches them).
   */
  databaseUrl?: string
  /**
   * With PostgreSQL: the bound of this node's media folder, which then caches the shared store
   * (MEDIA_CACHE_MB; default MEDIA_CACHE_MB_DEFAULT).
   */
  mediaCacheMb?: number
  /** With PostgreSQL: keep the media in this S3-compatible bucket instead of large objects (MEDIA_S3_URL). */
  mediaS3?: S3Location
  /**
   * `primary` (default) may take the jobs lease and run the scheduled jobs; `secondary` never
   * does (NODE_ROLE). See README "More than one node".
   */
  role?: NodeRole
  /** How long the jobs lease lasts unrenewed (JOBS_LEASE_SECONDS); default JOBS_LEASE_MS_DEFAULT. */
  jobsLeaseMs?: number
  /** /api requests per client per minute before 429 (plugins/rate-limit.ts); 0 turns it off. */
  rateLimitPerMinute?: number
  /** Messages per socket per minute before refusal (realtime/message-budget.ts); 0 turns it off. */
  socketMessagesPerMinute?: number
  /** Where, when and how many backups (see plugins/backups.ts); scheduled only with scheduleJobs. */
  backups?: BackupSettings
  /** Alert delivery settings (server/alerts/service.ts); tests shorten the webhook timeout. */
  alerts?: AlertOptions
  /** Feed fetching (tests shorten the timeout). */
  feeds?: FeedOptions
  /**
   * Where the server's own requests may go (server/outbound/): OUTBOUND_ALLOW's private
   * addresses, ranges and host names; tests also stand in for DNS.
   */
  outbound?: OutboundOptions
  /** The compute workers (server/compute/pool.ts); tests shrink the queue and the time allowed. */
  compute?: ComputeSettings
  /** Screenshots' retention period and storage limit (server/screenshots/service.ts). */
  screenshots?: ScreenshotSettings
  /** The socket.io libraries checked at start-up (realtime/internals.ts); tests pass stand-ins. */
  socketLibraries?: SocketLibraries
}

/**
 * Builds the whole application without listening: tests call `inject` or `listen(0)` on it,
 * `main.ts` listens on the configured port.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const maxUploadBytes = options.maxUploadBytes ?? VIDEO_BYTES_MAX
  const connections = { ...CONNECTION_LIMITS, ...options.connections }
  const app = Fastify({
    logger: options.logger ?? false,
    // The id comes from genReqId, which checks a proxy's X-Request-Id before taking it: ids from
    // outside are echoed and logged, so they must stay short and printable.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers[REQUEST_ID_HEADER]
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID()
    },
    ajv: {
      customOptions: {
        // Unknown fields are an error a person should see (a typo like "duration"), not dropped.
        removeAdditional: false,
        // Never guess: with coercion on, Ajv turns [0] into 0 into null to satisfy a nullable
        // field, silently changing what the operator sent. Query strings here are all text.
        coerceTypes: false,
        // Validate only the item variant named by "kind", for messages about that variant.
        discriminator: true,
      },
    },
    // Compiled route schemas are shared by every app the process builds (schema-compilers.ts).
    schemaController: { compilersFactory: sharedCompilers() },
    // The router's refusals get the same body, with a code, as every other.
    frameworkErrors,
    // Players' documents are small; a console body over 1 MB is a mistake or an attack.
    bodyLimit: 1_048_576,
    // On close, do not wait for players streaming a video: they retry once the server is back.
    forceCloseConnections: true,
    trustProxy: options.trustProxy ?? false,
    // Slow clients are cut: headers, idle and keep-alive timeouts, and a backstop on whole requests.
    ...serverTimeouts(connections, maxUploadBytes),
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerErrorHandling(app)
  requireBoundedNumbers(app)
  acceptReadBack(app)
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id)
    done()
  })
  await app.register(dbPlugin, { dataDir: options.dataDir, databaseUrl: options.databaseUrl })
  await app.register(computePlugin, options.compute ?? {})
  await app.register(realtimePlugin, {
    redisUrl: options.redisUrl,
    messagesPerMinute: options.socketMessagesPerMinute ?? SOCKET_MESSAGES_PER_MINUTE,
    socketLibraries: options.socketLibraries,
  })
  await app.register(metricsPlugin, { dataDir: options.dataDir })
  await app.register(servicesPlugin, {
    clock: options.clock ?? systemClock,
    role: options.role ?? 'primary',
    scheduleJobs: options.scheduleJobs ?? false,
    jobsLeaseMs: options.jobsLeaseMs ?? JOBS_LEASE_MS_DEFAULT,
  })
  await app.register(authPlugin, { metricsAllow: addressList(options.metricsAllow ?? []) })
  await app.register(connectionsPlugin, { limits: connections, trustProxy: options.trustProxy ?? false })
  registerSecurityHeaders(app)
  registerRateLimit(app, options.rateLimitPerMinute ?? RATE_LIMIT_PER_MINUTE, options.clock ?? systemClock)
  observeAnswers(app)
  await app.register(outboundPlugin, options.outbound ?? {})
  await app.register(alertsPlugin, options.alerts ?? {})
  await app.register(capPlugin)
  await app.register(screenshotsPlugin, {
    dataDir: options.dataDir,
    playerDir: options.playerDir ?? PLAYER_DIST,
    settings: options.screenshots ?? {},
  })
  await app.register(jobsPlugin, { schedule: options.scheduleJobs ?? false })
  await app.register(backupsPlugin, {
    dataDir: options.dataDir,
    settings: options.backups ?? {},
    schedule: options.scheduleJobs ?? false,
  })

  const mediaClient = `gatecast media ${hostname()} ${process.pid}`
  const sharedMedia = !options.databaseUrl
    ? undefined
    : options.mediaS3
      ? new S3Objects(options.mediaS3, options.databaseUrl, mediaClient)
      : new PostgresLargeObjects(options.databaseUrl, mediaClient)
  const store = new MediaStore(join(options.dataDir, 'media'), {
    stallMs: options.uploadStallMs,
    ...(sharedMedia && {
      shared: {
        store: sharedMedia,
        cacheBytes: (options.mediaCacheMb ?? MEDIA_CACHE_MB_DEFAULT) * 1024 * 1024,
        log: app.log,
      },
    }),
  })
  let backfill: Promise<void> = Promise.resolve()
  // The backfill below reads files into the store's pool: both end with the app, in that order.
  if (sharedMedia) app.addHook('onClose', () => backfill.then(() => sharedMedia.close()))
  await store.init()
  // Alone, this node knows no upload is in flight: whatever a crash left goes now. Sharing the
  // folder with other nodes, only what is older than any upload could still be.
  const swept = await store.sweep(
    app.repos.media.contentAddresses(),
    options.redisUrl === undefined ? Number.POSITIVE_INFINITY : Date.now() - ORPHAN_GRACE_MS,
  )
  if (swept.length > 0)
    app.log.warn({ files: swept }, `removed ${swept.length} media file(s) a crash left behind`)
  app.decorate('mediaStore', store)
  if (store.cache) {
    // Files this folder held before the store was shared (a SQLite installation moved to
    // PostgreSQL): uploaded once, in the background; the nodes that lack them wait for it.
    backfill = store.cache.backfill(app.repos.media.contentAddresses(), Date.now()).then(
      (sent) => {
        if (sent.length > 0)
          app.log.info({ files: sent.length }, `copied media files into ${sharedMedia?.label}`)
      },
      (error: unknown) =>
        app.log.error({ err: error }, `copying media files into ${sharedMedia?.label} failed`),
    )
  }
  await app.register(feedsPlugin, options.feeds ?? {})

  await registerOpenApi(app, VERSION)
  // The API's description, the player's and console's files and media (named by their SHA-256) are public.
  await publicRoutes(app, async (scope) => {
    await registerDocsUi(scope)
    await registerStatic(
      scope,
      {
        player: options.playerDir ?? PLAYER_DIST,
        console: options.consoleDir ?? CONSOLE_DIST,
        media: store.dir,
      },
      store.cache && ((name) => store.ensure(name)),
    )
  })

  await app.register(healthRoutes, { version: VERSION })
  await app.register(metricsRoutes)
  await app.register(authRoutes)
  await app.register(userRoutes)
  await app.register(auditRoutes)
  await app.register(backupRoutes)
  await app.register(siteRoutes)
  await app.register(onAirRoutes)
  await app.register(screenRoutes)
  await app.register(pairingRoutes)
  await app.register(playlistRoutes)
  await app.register(scheduleRoutes)
  await app.register(emergencyRoutes)
  await app.register(timelineRoutes)
  await app.register(previewRoutes)
  await app.register(layoutRoutes)
  await app.register(approvalRoutes)
  await app.register(legibilityRoutes)
  await app.register(webOriginRoutes)
  await app.register(playRoutes)
  await app.register(reportRoutes)
  await app.register(statusRoutes)
  await app.register(agentRoutes)
  await app.register(alertRoutes)
  await app.register(feedRoutes)
  await app.register(datasetRoutes)
  await app.register(capSourceRoutes)
  await app.register(screenshotRoutes)
  await app.register(mediaRoutes, { store, maxUploadBytes })
  refuseDefaultNamespace(app)
  registerPlayerNamespace(app)
  registerAgentNamespace(app)
  registerConsoleNamespace(app)

  // Documents stored by an older Gatecast are recompiled in this one's format before players ask.
  const upgraded = app.publisher.upgradeDocuments()
  if (upgraded.length > 0)
    app.log.info({ screens: upgraded.map((d) => d.screenId) }, 'recompiled documents after an upgrade')

  if (options.seed && isEmpty(app.db)) {
    const seeded = await seedDatabase({
      db: app.db,
      repos: app.repos,
      approvals: app.approvals,
      audit: (entry) => app.audit(null, entry),
      store,
      seedDir: options.seedDir ?? SEED_DIR,
    })
    app.log.info(seeded, 'seeded the sample sites, screens and playlists')
  }
  const firstAdmin = await createFirstAdmin(app, options.admin ?? {})
  if (firstAdmin) options.onFirstAdmin?.(firstAdmin)
  return app
}
