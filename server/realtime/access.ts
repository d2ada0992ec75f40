import { AGENT_NAMESPACE } from '@playlists/agent'
import type { Permission } from '@playlists/auth/permissions'
import { CONSOLE_NAMESPACE, PLAYER_NAMESPACE } from '@playlists/events'
import type { ErrorCode, ErrorParams } from '@playlists/schemas/error-codes'
import type { FastifyInstance } from 'fastify'
import { type Namespace, Socket } from 'socket.io'
import { type Actor, BadCredentials, SESSION_COOKIE } from '../auth/actor'
import { refusal } from '../auth/refusal'
import { failureCode, type GuardContext, runGuarded } from '../guard'
import { type ActorMatch, actorMatches, everyNode, onClusterMessage } from './cluster'
import { messageCost } from './message-budget'

/**
 * Who may connect to each socket namespace, and who may send each event in it: the sockets'
 * half of the one authorization table (routes declare theirs in `config.permission`). An event
 * not listed is refused, and registering a handler for one throws, so a new event cannot slip in
 * undeclared.
 */
export const SOCKET_ACCESS: Record<string, { connect: Permission; events: Record<string, Permission> }> = {
  [PLAYER_NAMESPACE]: {
    connect: 'screen',
    events: { 'document:applied': 'screen', 'clock:sync': 'screen', heartbeat: 'screen', plays: 'screen' },
  },
  [AGENT_NAMESPACE]: { connect: 'screen', events: { 'agent:result': 'screen', 'agent:state': 'screen' } },
  [CONSOLE_NAMESPACE]: { connect: 'preview', events: {} },
}

/**
 * How many arguments each event carries before its acknowledgement callback. A packet with more
 * or fewer is answered `{ ok: false }` at the door: otherwise the callback would land where the
 * handler expects data, and the client would wait for an answer that never comes.
 */
export const SOCKET_ARGUMENTS: Record<string, number> = {
  'document:applied': 1,
  'clock:sync': 0,
  heartbeat: 1,
  plays: 1,
  'agent:result': 1,
  'agent:state': 1,
}

/** Events socket.io itself emits on a server-side socket: not sent by clients, never declared. */
const RESERVED = new Set(['disconnect', 'disconnecting', 'error'])

declare module 'socket.io' {
  interface Socket {
    /** Who connected; set by the namespace guard before any handler runs. */
    actor?: Actor
  }
}

/** The credentials a socket brings: `auth: { token }` in the handshake, or the session cookie. */
function handshakeActor(app: FastifyInstance, socket: Socket): Actor {
  const { token } = (socket.handshake.auth ?? {}) as { token?: unknown }
  if (token !== undefined && typeof token !== 'string') {
    throw new BadCredentials('auth.token must be text: a Gatecast token (gcd_… for a screen).')
  }
  if (typeof token === 'string' && !/^gc[a-z]_[A-Za-z0-9_-]{43}$/.test(token)) {
    throw new BadCredentials(
      'auth.token is malformed: a Gatecast token is gcd_ (a screen) or gct_ (an API token) and 43 more characters.',
    )
  }
  const cookies = app.parseCookie(socket.handshake.headers.cookie ?? '')
  return app.actors.resolve({
    authorization: typeof token === 'string' ? `Bearer ${token}` : undefined,
    session: cookies[SESSION_COOKIE],
  })
}

/** An error a client receives as connect_error, with the HTTP-like status and the catalogue's code in `data`. */
export function refused(
  statusCode: 400 | 401 | 403 | 404 | 429 | 503,
  code: ErrorCode,
  message: string,
  params?: ErrorParams,
): Error & { data: { statusCode: number; code: ErrorCode; params?: ErrorParams } } {
  return Object.assign(new Error(message), {
    data: { statusCode, code, ...(params === undefined ? {} : { params }) },
  })
}

/**
 * socket.io always has the default namespace "/", and accepts anyone there unless told
 * otherwise. Nothing of Gatecast lives there: refuse every connection, so an anonymous client
 * cannot hold a socket (and its memory) open on the server.
 */
export function refuseDefaultNamespace(app: FastifyInstance): void {
  app.io
    .of('/')
    .use((_socket, next) =>
      next(
        refused(
          404,
          'socket.namespace-unknown',
          `Nothing is served on the namespace "/": players connect to ${PLAYER_NAMESPACE}, kiosk agents to ${AGENT_NAMESPACE}, consoles to ${CONSOLE_NAMESPACE}.`,
        ),
      ),
    )
}

/** Who sent a socket's messages, for the log line of a failure. */
function sender(socket: Socket): GuardContext {
  const actor = socket.actor
  return {
    nsp: socket.nsp.name,
    socketId: socket.id,
    screenId: actor?.kind === 'screen' ? actor.screenId : undefined,
    userId: actor?.kind === 'user' ? actor.user.id : undefined,
    ip: socket.handshake.address,
  }
}

/**
 * A namespace's handlers, each behind the guard (server/guard.ts): what one of them throws is
 * logged with the sender and never reaches socket.io, which has nothing above it but the process.
 */
export interface GuardedNamespace<S extends Socket = Socket> {
  /** A middleware run after the access check; if it throws, the connection is refused (503). */
  use(middleware: (socket: S, next: (error?: Error) => void) => void): void
  /**
   * Runs when a socket connects; if it throws, the socket is disconnected (a player reconnects
   * and tries again) and the process carries on.
   */
  onConnection(handler: (socket: S) => void): void
}

/**
 * Applies the namespace's declaration (who may connect, then which events each may send) and
 * puts every handler registered on it or on its sockets behind the guard.
 */
export function guardNamespace<S extends Socket = Socket>(
  app: FastifyInstance,
  nsp: Namespace,
): GuardedNamespace<S> {
  const access = SOCKET_ACCESS[nsp.name]
  if (!access) throw new Error(`Socket namespace ${nsp.name} has no declaration in SOCKET_ACCESS.`)

  /** A middleware behind the guard: what it throws refuses this connection, never the process. */
  const use = (step: string, middleware: (socket: Socket, next: (error?: Error) => void) => void) =>
    nsp.use((socket, next) =>
      runGuarded(
        app.log,
        { ...sender(socket), step },
        () => middleware(socket, next),
        (message, error) => next(refused(503, failureCode(error), message)),
      ),
    )

  use('access', (socket, next) => admit(app, access.connect, socket, next))

  // What every socket of the namespace shares: functions made once here, not once per socket
  // (with 10,000 players, each closure made per socket is 10,000 of them; bench `fanout`,
  // memory per connection). Listeners run with the socket as `this`, as EventEmitter calls them.
  const on = Socket.prototype.on
  const { events } = access
  /** Each listener behind the guard, made once per listener (a shared handler: once per namespace). */
  const guardedListeners = new WeakMap<
    (...args: never[]) => void,
    Map<string, (...args: unknown[]) => void>
  >()
  const guarded = (event: string, listener: (...args: unknown[]) => void) => {
    let byEvent = guardedListeners.get(listener)
    if (!byEvent) {
      byEvent = new Map()
      guardedListeners.set(listener, byEvent)
    }
    let wrapped = byEvent.get(event)
    if (!wrapped) {
      wrapped = function (this: Socket, ...args: unknown[]) {
        const ack = args.at(-1)
        runGuarded(
          app.log,
          { ...sender(this), event },
          () => listener.apply(this, args),
          (message, error) => {
            if (typeof ack === 'function' && !RESERVED.has(event))
              ack({ ok: false, code: failureCode(error), msg: message })
          },
        )
      }
      byEvent.set(event, wrapped)
    }
    return wrapped
  }
  function declaredOn(this: Socket, event: string, listener: (...args: unknown[]) => void) {
    if (!RESERVED.has(event) && !Object.hasOwn(events, event)) {
      throw new Error(`Socket event "${event}" in ${nsp.name} has no declaration in SOCKET_ACCESS.`)
    }
    return on.call(this, event, guarded(event, listener))
  }
  function onError(error: Error) {
    app.log.debug({ err: error, nsp: nsp.name }, 'socket event refused')
  }

  nsp.on('connection', (socket) => {
    socket.on = declaredOn as typeof socket.on
    socket.on('error', onError)
    socket.use((packet, next) => {
      const ack = packet.at(-1)
      runGuarded(
        app.log,
        { ...sender(socket), event: typeof packet[0] === 'string' ? packet[0] : undefined, step: 'access' },
        () => checkPacket(app, access.events, socket, packet, next),
        (message, error) => {
          if (typeof ack === 'function')
            ack({ ok: false, statusCode: 503, code: failureCode(error), msg: message })
          next(new Error(message))
        },
      )
    })
  })

  return {
    use: (middleware) => use('middleware', (socket, next) => middleware(socket as S, next)),
    onConnection: (handler) =>
      nsp.on('connection', (socket: Socket) =>
        runGuarded(
          app.log,
          { ...sender(socket), step: 'connection' },
          () => handler(socket as S),
          // Half set up is worse than not connected: the player reconnects and tries again.
          () => socket.disconnect(true),
        ),
      ),
  }
}

/** Who may connect: the credential the handshake brings, checked against the namespace's permission. */
function admit(
  app: FastifyInstance,
  connect: Permission,
  socket: Socket,
  next: (error?: Error) => void,
): void {
  let actor: Actor
  try {
    actor = handshakeActor(app, socket)
  } catch (error) {
    // Anything but a bad credential (a busy database) is the guard's: the client retries.
    if (!(error instanceof BadCredentials)) throw error
    recordRefusal(app, socket, 401, error.message)
    next(refused(401, 'auth.credentials-invalid', error.message))
    return
  }
  let no = refusal(actor, connect)
  if (no && actor.kind === 'anonymous' && connect === 'screen') {
    no = {
      statusCode: 401,
      code: 'auth.player-not-paired',
      message: "This player is not paired: send its screen's token as auth.token.",
    }
  }
  // Set before the refusal is recorded, so the entry names who was refused.
  socket.actor = actor
  if (no) {
    if (actor.kind !== 'anonymous') recordRefusal(app, socket, no.statusCode, no.message)
    next(refused(no.statusCode, no.code, no.message))
    return
  }
  next()
}

/** Which events each socket may send, with how many arguments: the rest is refused at the door. */
function checkPacket(
  app: FastifyInstance,
  events: Record<string, Permission>,
  socket: Socket,
  packet: unknown[],
  next: (error?: Error) => void,
): void {
  const [event] = packet
  const ack = packet.at(-1)
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype's.
  const declared = typeof event === 'string' && Object.hasOwn(events, event)
  const permission = declared ? events[event as string] : undefined
  const given = packet.length - 1 - (typeof ack === 'function' ? 1 : 0)
  const expected = declared ? SOCKET_ARGUMENTS[event as string] : undefined
  const no = !permission
    ? {
        statusCode: 400 as const,
        code: 'socket.unknown-event' as const,
        message: `Unknown event "${String(event)}" in ${socket.nsp.name}.`,
      }
    : (refusal(socket.actor ?? { kind: 'anonymous' }, permission) ??
      (expected !== undefined && given !== expected
        ? {
            statusCode: 400 as const,
            code: 'socket.arguments' as const,
            message: `${String(event)} takes ${expected} argument(s) before its callback, not ${given}.`,
          }
        : null))
  const wait = no ? 0 : (app.socketMessages?.spend(socket.id, messageCost(event, packet.slice(1))) ?? 0)
  if (wait > 0) {
    const message = `Too many messages on this connection: wait ${Math.ceil(wait / 1000)} s.`
    if (typeof ack === 'function')
      ack({ ok: false, statusCode: 429, code: 'rate-limit.messages', msg: message })
    next(new Error(message))
    return
  }
  if (!no) {
    next()
    return
  }
  if (no.statusCode !== 400) recordRefusal(app, socket, no.statusCode, `${String(event)}: ${no.message}`)
  if (typeof ack === 'function') ack({ ok: false, statusCode: no.statusCode, code: no.code, msg: no.message })
  next(new Error(no.message))
}

function recordRefusal(app: FastifyInstance, socket: Socket, statusCode: number, message: string) {
  const actor = socket.actor
  app.audit(null, {
    action: statusCode === 401 ? 'access.unauthenticated' : 'access.denied',
    outcome: 'denied',
    actor:
      actor?.kind === 'user'
        ? { kind: 'user', id: actor.user.id, name: actor.user.username }
        : actor?.kind === 'screen'
          ? { kind: 'screen', id: actor.screenId, name: actor.screenId }
          : { kind: 'anonymous', id: null, name: null },
    via: 'socket',
    ip: socket.handshake.address,
    userAgent: socket.handshake.headers['user-agent'] ?? null,
    detail: `socket ${socket.nsp.name}: ${message}`,
  })
}

/**
 * Drops every socket whose actor matches, on every node: a revoked token, an ended session or a
 * disabled account must not keep a live channel open. Returns how many this node dropped.
 */
export function disconnectActors(app: FastifyInstance, match: ActorMatch): number {
  return everyNode(app, { type: 'disconnect-actors', match })
}

onClusterMessage('disconnect-actors', (app, { match }) => {
  let dropped = 0
  for (const name of Object.keys(SOCKET_ACCESS)) {
    for (const socket of app.io.of(name).sockets.values()) {
      if (socket.actor && actorMatches(socket.actor, match)) {
        socket.disconnect(true)
        dropped++
      }
    }
  }
  return dropped
})
