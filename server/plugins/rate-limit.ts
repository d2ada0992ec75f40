import { createHash } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'

/** Requests to /api per client per minute by default: far above a busy console, far below a flood. */
export const RATE_LIMIT_PER_MINUTE = 1_200

/**
 * A ceiling on /api requests per client per minute (RATE_LIMIT_PER_MINUTE; 0 turns it off),
 * answered with 429 and Retry-After. A client is its credentials (an API token, a session) when
 * it sends any, else its address: screens behind one gateway do not share an operator's budget.
 * Players' files and media are not limited (a screen downloads a whole document's media at once),
 * nor is socket.io, whose events are validated one by one. Sign-in failures have their own,
 * much lower limit (server/auth/rate-limit.ts).
 */
export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute <= 0) return
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => !request.url.startsWith('/api/'),
    keyGenerator: (request: FastifyRequest) => {
      const credential = request.headers.authorization ?? request.cookies?.gatecast_session
      return credential
        ? `c:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`
        : `a:${request.ip}`
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `More than ${context.max} requests in a minute from this client; try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  })
}
