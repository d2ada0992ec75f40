import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'

/**
 * What never reaches a log line, wherever it appears: credentials in request and response
 * headers, and any field named like a password, a secret or a token at the first levels of an
 * object logged (request bodies are not logged at all). pino replaces each with "[Redacted]".
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...['password', 'currentPassword', 'newPassword', 'secret', 'token', 'cookie', 'authorization'].flatMap(
    (field) => [field, `*.${field}`, `*.*.${field}`],
  ),
]

/** Request ids: the proxy's X-Request-Id when it sends one, so one id follows a request end to end. */
export const REQUEST_ID_HEADER = 'x-request-id'

/** Structured JSON logs (pino) at the configured level, with secrets redacted. */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    ...(stream ? { stream } : {}),
  }
}

/**
 * Node's process warnings (a deprecation in a dependency, too many listeners) as JSON log lines
 * rather than Node's own text on stderr, which broke the one-object-per-line log that
 * collectors parse. Node prints them through a 'warning' listener of its own: replace it.
 */
export function logProcessWarnings(log: FastifyBaseLogger, target: NodeJS.Process = process): void {
  target.removeAllListeners('warning')
  target.on('warning', (warning) =>
    log.warn(
      { warning: { name: warning.name, code: (warning as { code?: unknown }).code, stack: warning.stack } },
      `node warning: ${warning.message}`,
    ),
  )
}
