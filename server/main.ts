import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'
import { DatabaseTooNewError } from './db/migrate'

/** The entry point: read the environment, build the app, listen, close cleanly on signals. */
async function main(): Promise<void> {
  const config = loadConfig()
  const app = await buildApp({
    dataDir: config.dataDir,
    seed: config.seed,
    scheduleJobs: true,
    logger: { level: config.logLevel },
  })

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
    `Gatecast is up: player http://${shown}:${config.port}/player/?screen=tan-thanh-led — API http://${shown}:${config.port}/docs`,
  )
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseTooNewError) {
    console.error(`Gatecast cannot start: ${error.message}`)
    process.exit(2)
  }
  console.error('Gatecast failed to start:', error)
  process.exit(1)
})
