import type { FastifyInstance } from 'fastify'
import type { Namespace, Socket } from 'socket.io'
import { Compile } from 'typebox/compile'
import {
  type Ack,
  DocumentApplied,
  Heartbeat,
  PLAYER_NAMESPACE,
  PlayerHandshake,
  type PlayerToServerEvents,
  type ServerToPlayerEvents,
  screenRoom,
} from '../../playlists/events'
import { registerPlayHandlers } from './plays'

interface PlayerData {
  screenId: string
  /** The version the player said it holds when it connected. */
  heldVersion: number | null
  /** The newest player error already written to the log. */
  errorsLoggedUntil: number
}

type PlayerSocket = Socket<PlayerToServerEvents, ServerToPlayerEvents, Record<string, never>, PlayerData>
type PlayerNamespace = Namespace<
  PlayerToServerEvents,
  ServerToPlayerEvents,
  Record<string, never>,
  PlayerData
>

const checkHandshake = Compile(PlayerHandshake)
const checkApplied = Compile(DocumentApplied)
const checkHeartbeat = Compile(Heartbeat)

/** socket.io passes whatever the client sent as the last argument; only a function can be called. */
const replier = <T>(ack: unknown): ((result: T) => void) =>
  typeof ack === 'function' ? (ack as (result: T) => void) : () => {}

/**
 * The players' namespace. A player names its screen in the handshake, joins that screen's room
 * and receives the current document at once; later documents arrive through the room.
 * Pairing and per-screen tokens replace the bare screen id in a later step.
 */
export function registerPlayerNamespace(app: FastifyInstance): void {
  // The shared server is untyped (it also hosts other namespaces); this one has its own contract.
  const players = app.io.of(PLAYER_NAMESPACE) as unknown as PlayerNamespace

  players.use((socket, next) => {
    const auth = socket.handshake.auth as unknown
    if (!checkHandshake.Check(auth)) {
      return next(new Error('Send { screenId } in the connection handshake (auth).'))
    }
    const screen = app.repos.screens.find(auth.screenId)
    if (!screen) return next(new Error(`Unknown screen "${auth.screenId}". Check the player URL.`))
    socket.data.screenId = screen.id
    socket.data.heldVersion = auth.version ?? null
    socket.data.errorsLoggedUntil = 0
    next()
  })

  players.on('connection', (socket: PlayerSocket) => {
    const { screenId } = socket.data
    void socket.join(screenRoom(screenId))
    app.screenStatus.connected(screenId)
    socket.on('disconnect', () => app.screenStatus.disconnected(screenId))
    registerPlayHandlers(app, socket)

    // The version check on (re)connect: a player holding the current version gets nothing.
    const latest = app.repos.documents.latestVersion(screenId)
    if (!latest) socket.emit('document:none')
    else if (latest.version !== socket.data.heldVersion) sendLatest(socket)

    socket.on('document:applied', (payload, ack) => {
      const reply = replier<Ack>(ack)
      if (!checkApplied.Check(payload)) {
        reply({ ok: false, msg: 'document:applied needs { version, hash }.' })
        return
      }
      app.log.info({ screenId, version: payload.version }, 'player applied document')
      app.screenStatus.applied(screenId, payload.version)
      reply({ ok: true })
    })

    socket.on('clock:sync', (ack) => {
      replier<number>(ack)(app.clock())
    })

    socket.on('heartbeat', (payload, ack) => {
      const reply = replier<Ack<{ version: number | null }>>(ack)
      if (!checkHeartbeat.Check(payload)) {
        const first = [...checkHeartbeat.Errors(payload)][0]
        reply({
          ok: false,
          msg: `heartbeat: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}`,
        })
        return
      }
      app.screenStatus.heartbeat(screenId, payload)
      // Each report repeats the recent errors; log only those not logged before.
      for (const e of payload.errors) {
        if (e.atMs <= socket.data.errorsLoggedUntil) continue
        app.log.warn({ screenId, atMs: e.atMs }, `player error: ${e.message}`)
        socket.data.errorsLoggedUntil = e.atMs
      }
      const current = app.repos.documents.latestVersion(screenId)?.version ?? null
      // The version check on each heartbeat: a push the player missed is sent again.
      if (current !== null && current !== payload.version && current !== payload.pendingVersion)
        sendLatest(socket)
      reply({ ok: true, version: current })
    })
  })

  function sendLatest(socket: PlayerSocket): void {
    const document = app.repos.documents.latest(socket.data.screenId)
    if (document) socket.emit('document', document)
  }
}
