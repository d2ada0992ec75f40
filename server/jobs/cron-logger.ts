import type { FastifyBaseLogger } from 'fastify'
import type { Logger } from 'node-cron'

/**
 * node-cron's own messages (a tick missed while the event loop was busy, a task still running)
 * through the server's JSON log, with the job's name. Its default logger writes coloured text
 * to the console, which broke the one-JSON-object-per-line log that collectors parse.
 */
export function cronLogger(log: FastifyBaseLogger, job: string): Logger {
  const entry = (message: string | Error, err?: Error) =>
    message instanceof Error ? { job, err: message } : { job, ...(err ? { err } : {}), cron: message }
  return {
    info: (message) => log.info({ job }, `cron: ${message}`),
    warn: (message) => log.warn({ job }, `cron: ${message}`),
    error: (message, err) => log.error(entry(message, err), 'cron: error'),
    debug: (message, err) => log.debug(entry(message, err), 'cron: debug'),
  }
}
