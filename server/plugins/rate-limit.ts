import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../auth/actor'
import { RequestBudget } from '../auth/request-budget'
import { systemClock } from '../clock'
import { errorBody } from '../errors'

/** Requests to /api per client per minute by default: far above a busy console, far below a flood. */
export const RATE_LIMIT_PER_MINUTE = 1_200
const WINDOW_MS = 60_000

/**
 * Who a request counts against: the credentials it proved (an API token, a session, a screen's
 * token), else its address. Screens behind one gateway do not share an operator's budget.
 * Credentials that do not hold never get here: authentication answers them 401 first.
 */
function budgetKey(actor: Actor, ip: string): string {
  switch (actor.kind) {
    case 'user':
      return actor.via === 'token' ? `t:${actor.tokenId}` : `s:${actor.sessionId}`
    case 'screen':
      return `d:${actor.tokenId}`
    default:
      return `a:${ip}`
  }
}

/**
 * A ceiling on /api requests per client per minute (RATE_LIMIT_PER_MINUTE; 0 turns it off),
 * answered with 429 and Retry-After. Runs after authentication (registered after the auth
 * plugin), so it knows whose credentials a request carries. Players' files and media are not
 * limited (a screen downloads a whole document's media at once), nor is socket.io, whose events
 * are validated one by one. Sign-in failures have their own, much lower limit
 * (server/auth/rate-limit.ts).
 *
 * A synchronous hook and one map lookup: it runs on every API request, and a general-purpose
 * plugin with per-key timers and three headers on each answer cost more than the rest of the
 * pipeline (bench `api`).
 */
export function registerRateLimit(app: FastifyInstance, perMinute: number, clock = systemClock): void {
  if (perMinute <= 0) return
  const budget = new RequestBudget(clock, perMinute, WINDOW_MS)
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!request.url.startsWith('/api/')) return done()
    const waitMs = budget.spend(budgetKey(request.actor, request.ip))
    if (waitMs === 0) return done()
    const seconds = Math.ceil(waitMs / 1000)
    reply
      .code(429)
      .header('Retry-After', String(seconds))
      .send(
        errorBody(
          429,
          'rate-limit.requests',
          `More than ${perMinute} requests in a minute from this client; try again in ${seconds} s.`,
          { params: { limit: perMinute, retryAfterSeconds: seconds } },
        ),
      )
  })
}
