import type { FastifyInstance } from 'fastify'
import type { Namespace, Socket } from 'socket.io'
import { Compile } from 'typebox/compile'
import {
  DocumentApplied,
  PLAYER_NAMESPACE,
  PlayerHandshake,
  type PlayerToServerEvents,
  type ServerToPlayerEvents,
  screenRoom,
} from '../../playlists/events'

interface PlayerData {
  screenId: string
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
    next()
  })

  players.on('connection', (socket: PlayerSocket) => {
    const { screenId } = socket.data
    void socket.join(screenRoom(screenId))
    const document = app.repos.documents.latest(screenId)
    if (document) socket.emit('document', document)
    else socket.emit('document:none')

    socket.on('document:applied', (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {}
      if (!checkApplied.Check(payload)) {
        reply({ ok: false, msg: 'document:applied needs { version, hash }.' })
        return
      }
      app.log.info({ screenId, version: payload.version }, 'player applied document')
      reply({ ok: true })
    })
  })
}
