import { buildApp } from './app'
import type { FirstAdmin } from './auth/bootstrap'
import { ConfigError, loadConfig } from './config'
import { DatabaseTooNewError } from './db/migrate'
import { limitHeapGrowth } from './heap'
import { loggerOptions, logProcessWarnings } from './logging'
import { MediaStoreMismatch } from './media/shared/blob-rows'
import { RedisUnavailable } from './plugins/realtime'
import { SocketInternalsMissing } from './realtime/internals'

/** The entry point: read the environment, build the app, listen, close cleanly on signals. */
async function main(): Promise<void> {
  const config = loadConfig()
  limitHeapGrowth(config.heapGrowthPercent)
  let firstAdmin: FirstAdmin | undefined
  const app = await buildApp({
    dataDir: config.dataDir,
    seed: config.seed,
    // Every node schedules the jobs (and the backups); only the one holding the jobs lease runs
    // them, and a NODE_ROLE=secondary never takes it.
    scheduleJobs: true,
    role: config.role,
    jobsLeaseMs: config.jobsLeaseMs,
    redisUrl: config.redisUrl,
    databaseUrl: config.databaseUrl,
    mediaCacheMb: config.mediaCacheMb,
    ...(config.mediaS3 && { mediaS3: config.mediaS3 }),
    rateLimitPerMinute: config.rateLimitPerMinute,
    socketMessagesPerMinute: config.socketMessagesPerMinute,
    connections: config.connections,
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    metricsAllow: config.metricsAllow,
    outbound: { allow: config.outboundAllow },
    backups: { dir: config.backupDir, cron: config.backupCron, keep: config.backupKeep },
    screenshots: {
      keepDays: config.screenshotKeepDays,
      storageMb: config.screenshotStorageMb,
      chromium: config.screenshotChromium,
    },
    admin: { username: config.adminUsername, password: config.adminPassword },
    onFirstAdmin: (admin) => {
      firstAdmin = admin
    },
  })

  logProcessWarnings(app.log)
  if (firstAdmin?.generated) {
    // Printed once, to the terminal only (never the log): the sole copy of this password.
    console.info(
      [
        '',
        '  Gatecast: created the first admin account.',
        `    username: ${firstAdmin.username}`,
        `    password: ${firstAdmin.password}`,
        '  Write the password down now: it is not shown again. Change it after signing in,',
        '  or set another with `npm run reset-password -- <username>`.',
        '',
      ].join('\n'),
    )
  } else if (firstAdmin) {
    app.log.info(
      { username: firstAdmin.username },
      'created the first admin account (password from GATECAST_ADMIN_PASSWORD)',
    )
  }

  let closing = false
  const close = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'closing')
    // A stuck connection must not keep a restart waiting forever.
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void close('SIGINT'))
  process.on('SIGTERM', () => void close('SIGTERM'))

  await app.listen({ port: config.port, host: config.host })
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  app.log.info(
    `Gatecast is up: console http://${shown}:${config.port}/console/ — players http://${shown}:${config.port}/player/ — API http://${shown}:${config.port}/docs`,
  )
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseTooNewError ||
    error instanceof MediaStoreMismatch ||
    error instanceof RedisUnavailable ||
    error instanceof SocketInternalsMissing
  ) {
    console.error(`Gatecast cannot start: ${error.message}`)
    process.exit(2)
  }
  console.error('Gatecast failed to start:', error)
  process.exit(1)
})
