import { type BlockList, isIPv6 } from 'node:net'
import cookie from '@fastify/cookie'
import { isPermission, type Permission } from '@playlists/auth/permissions'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { AccountsService } from '../auth/accounts'
import { type Actor, ANONYMOUS, auditActor, BadCredentials, SESSION_COOKIE } from '../auth/actor'
import { ActorCache } from '../auth/actor-cache'
import { type Refusal, refusal } from '../auth/refusal'
import { SNAPSHOTS } from '../auth/snapshots'
import { errorBody } from '../errors'
import type { NewAuditEntry } from '../repositories/audit'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route: required on every route (the app refuses to start without it). */
    permission?: Permission
    /**
     * The audit action a successful call records, `<object type>.<verb>`, e.g. `playlist.update`.
     * Required on every route that changes something.
     */
    audit?: string
  }
  interface FastifyRequest {
    actor: Actor
    /** The object as it stood before this request, for the audit entry. */
    auditBefore: unknown
    /** Set once the route recorded its own audit entry, so the generic one is skipped. */
    audited: boolean
  }
  interface FastifyInstance {
    /** Appends to the audit log, as the request's actor (or the system when there is none). */
    audit(request: FastifyRequest | null, entry: AuditInput): void
    accounts: AccountsService
    /** Who holds a request's or a socket's credentials (cached while the database is unchanged). */
    actors: ActorCache
    /** Every route registered, with its declarations: for the authorization test and the docs. */
    routeTable: readonly RouteOptions[]
  }
}

export type AuditInput = Pick<NewAuditEntry, 'action'> & Partial<Omit<NewAuditEntry, 'action'>>

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
const methods = (route: RouteOptions) => (Array.isArray(route.method) ? route.method : [route.method])

/** The request's credentials, as resolveCredentials reads them. */
const credentials = (request: FastifyRequest) => ({
  authorization: request.headers.authorization,
  session: request.cookies[SESSION_COOKIE],
})

function deny(request: FastifyRequest, reply: FastifyReply, { statusCode, code, message, params }: Refusal) {
  // A refused upload's body is never read: close the connection rather than wait for it.
  const hasBody = request.headers['content-length'] !== '0' && request.headers['content-length'] !== undefined
  if (hasBody || request.headers['transfer-encoding'] !== undefined) reply.header('Connection', 'close')
  return reply.code(statusCode).send(errorBody(statusCode, code, message, { params }))
}

/**
 * Authentication, authorization and audit for every route, in one place:
 * - each route declares `config.permission` (checked when the app becomes ready: an undeclared
 *   route stops the server from starting), and the onRequest hook below enforces it before the
 *   body is even read;
 * - each changing route declares `config.audit`; a successful call is recorded with the object
 *   before and after, a refused one (401/403) as a security event.
 */
export const authPlugin = fp<{ metricsAllow?: BlockList }>(
  async (app, { metricsAllow }) => {
    await app.register(cookie)
    app.decorateRequest('actor', null as never)
    app.decorateRequest('auditBefore', null)
    app.decorateRequest('audited', false)

    app.decorate('accounts', new AccountsService(app))
    app.decorate('actors', new ActorCache(app.repos, app.db.generation, app.clock))

    const routes: RouteOptions[] = []
    app.decorate('routeTable', routes)
    app.addHook('onRoute', (route) => {
      routes.push(route)
      // The object as it stood before a change, for the audit entry: only routes that change
      // something read it, so reads pay nothing for it.
      const action = route.config?.audit
      if (action && SNAPSHOTS[action.split('.')[0] ?? '']) {
        const own = route.preHandler ?? []
        route.preHandler = [snapshotBefore, ...(Array.isArray(own) ? own : [own])]
      }
    })

    function snapshotBefore(request: FastifyRequest, _reply: FastifyReply, done: () => void) {
      const action = request.routeOptions.config.audit ?? ''
      const snapshot = SNAPSHOTS[action.split('.')[0] ?? '']
      const id = (request.params as { id?: unknown } | undefined)?.id
      if (snapshot && typeof id === 'string') request.auditBefore = snapshot(app.repos, id) ?? null
      else if (snapshot && action.startsWith('web-origins.')) request.auditBefore = snapshot(app.repos, '')
      done()
    }
    app.addHook('onReady', async () => {
      const undeclared = routes.filter((r) => !isPermission(r.config?.permission))
      if (undeclared.length > 0) {
        const list = undeclared.map((r) => `${methods(r).join('|')} ${r.url}`).join(', ')
        throw new Error(`Routes without a permission declaration (config.permission): ${list}`)
      }
      const unaudited = routes.filter((r) => methods(r).some((m) => !READS.has(m)) && !r.config?.audit)
      if (unaudited.length > 0) {
        const list = unaudited.map((r) => `${methods(r).join('|')} ${r.url}`).join(', ')
        throw new Error(`Changing routes without an audit declaration (config.audit): ${list}`)
      }
    })

    app.decorate('audit', (request: FastifyRequest | null, entry: AuditInput) => {
      const who = request ? auditActor(request.actor ?? ANONYMOUS) : { actor: SYSTEM, via: null }
      app.repos.audit.append({
        ...who,
        objectType: null,
        objectId: null,
        outcome: 'ok',
        ip: request?.ip ?? null,
        userAgent: request?.headers['user-agent'] ?? null,
        before: null,
        after: null,
        detail: null,
        ...entry,
      })
      if (request) request.audited = true
    })

    // Synchronous hooks (done callbacks): they run on every request, and an async hook costs
    // a promise and a microtask turn each (bench `api`).
    app.addHook(
      'onRequest',
      (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
        request.actor = ANONYMOUS
        if (request.is404) return done()
        const permission = request.routeOptions.config.permission
        if (!permission)
          return void deny(request, reply, {
            statusCode: 403,
            code: 'auth.route-undeclared',
            message: 'This route declares no permission.',
          })
        // A scraper on an allowed network needs no token (the operators' choice, METRICS_ALLOW).
        if (
          permission === 'metrics' &&
          !hasCredentials(request) &&
          metricsAllow?.check(request.ip, family(request.ip))
        ) {
          return done()
        }
        try {
          request.actor = app.actors.resolve(credentials(request))
        } catch (error) {
          if (!(error instanceof BadCredentials)) return done(error as Error)
          if (permission === 'public') return done() // a stale cookie must not block the sign-in page
          return void deny(request, reply, {
            statusCode: 401,
            code: 'auth.credentials-invalid',
            message: error.message,
          })
        }
        const refused = refusal(request.actor, permission)
        if (refused) return void deny(request, reply, refused)
        if (crossSite(request)) {
          return void deny(request, reply, {
            statusCode: 403,
            code: 'auth.cross-site',
            message: 'A change sent from another site with your session is refused.',
          })
        }
        done()
      },
    )

    app.addHook(
      'onSend',
      (
        request: FastifyRequest,
        reply: FastifyReply,
        payload: unknown,
        done: (e: null, p: unknown) => void,
      ) => {
        if (!request.audited && !request.is404) recordOutcome(request, reply.statusCode, payload)
        done(null, payload)
      },
    )

    function recordOutcome(request: FastifyRequest, status: number, payload: unknown) {
      const config = request.routeOptions.config
      if (status === 401 || status === 403) {
        // Anonymous reads are the web's background noise; everything else refused is an event.
        const noise = status === 401 && READS.has(request.method) && !hasCredentials(request)
        if (!noise) recordDenied(request, status, payload)
        return
      }
      if (!config.audit || READS.has(request.method) || status >= 300) return
      const after = parseJson(payload)
      const [objectType] = config.audit.split('.')
      const id = (request.params as { id?: unknown } | undefined)?.id
      app.audit(request, {
        action: config.audit,
        objectType: objectType ?? null,
        objectId: typeof id === 'string' ? id : idOf(after, objectType),
        before: request.auditBefore,
        after: status === 204 ? null : after,
      })
    }

    function recordDenied(request: FastifyRequest, status: number, payload: unknown) {
      const body = parseJson(payload) as { message?: string } | null
      const id = (request.params as { id?: unknown } | undefined)?.id
      app.audit(request, {
        action: status === 401 ? 'access.unauthenticated' : 'access.denied',
        outcome: 'denied',
        objectType: request.routeOptions.config.audit?.split('.')[0] ?? null,
        objectId: typeof id === 'string' ? id : null,
        detail: `${request.method} ${request.url.slice(0, 300)}: ${body?.message ?? status}`,
      })
    }
  },
  { name: 'auth', dependencies: ['services'] },
)

/**
 * A change carried by the session cookie from a page of another origin. SameSite=Strict already
 * keeps browsers from sending the cookie cross-site; this is the second lock on the same door,
 * for browsers or proxies that get SameSite wrong.
 */
function crossSite(request: FastifyRequest): boolean {
  if (request.actor.kind !== 'user' || request.actor.via !== 'session' || READS.has(request.method))
    return false
  const origin = request.headers.origin
  if (origin === undefined) return false
  try {
    return new URL(origin).host !== request.host
  } catch {
    return true
  }
}

const family = (ip: string) => (isIPv6(ip) ? 'ipv6' : 'ipv4')

const SYSTEM = { kind: 'system' as const, id: null, name: 'gatecast' }

const hasCredentials = (request: FastifyRequest) => {
  const { authorization, session } = credentials(request)
  return authorization !== undefined || session !== undefined
}

function parseJson(payload: unknown): unknown {
  if (typeof payload !== 'string' || payload.length > 256_000) return null
  try {
    return JSON.parse(payload)
  } catch {
    return null
  }
}

/** The created object's id: the answer's `id`, or that of the object it holds under the type's name. */
function idOf(body: unknown, objectType: string | undefined): string | null {
  if (body === null || typeof body !== 'object') return null
  const record = body as Record<string, unknown>
  if (typeof record.id === 'string') return record.id
  const inner = objectType === undefined ? undefined : record[objectType]
  return inner !== null && typeof inner === 'object' && typeof (inner as { id?: unknown }).id === 'string'
    ? (inner as { id: string }).id
    : null
}

/** Registers routes that are public by nature (the player's files, media, API docs). */
export function publicRoutes(app: FastifyInstance, register: (scope: FastifyInstance) => Promise<void>) {
  return app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      const config = (route.config ?? {}) as { permission?: Permission }
      route.config = { ...config, permission: config.permission ?? 'public' } as typeof route.config
    })
    await register(scope)
  })
}
