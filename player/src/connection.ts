import { io, type Socket } from 'socket.io-client'
import {
  PLAYER_NAMESPACE,
  type PlayerToServerEvents,
  type ServerToPlayerEvents,
} from '../../playlists/events'
import { DOCUMENT_FORMAT, type ScreenDocument } from '../../playlists/schemas/document'

export type PlayerSocket = Socket<ServerToPlayerEvents, PlayerToServerEvents>

export interface ConnectionHandlers {
  onDocument: (document: ScreenDocument) => void
  onNothingPublished: () => void
  onRefused: (message: string) => void
  onStatus: (status: 'connected' | 'disconnected') => void
}

/**
 * The player's link to the server. socket.io reconnects by itself with capped, jittered
 * backoff (1 s doubling to 30 s, ±50 %), so a gate's screens do not all knock at once when the
 * server returns. The held version travels in the handshake of every (re)connection.
 */
export function connect(
  screenId: string,
  currentVersion: () => number | null,
  on: ConnectionHandlers,
): PlayerSocket {
  const socket: PlayerSocket = io(PLAYER_NAMESPACE, {
    auth: (cb) => cb({ screenId, version: currentVersion() }),
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
  })
  socket.on('connect', () => on.onStatus('connected'))
  socket.on('disconnect', () => on.onStatus('disconnected'))
  socket.on('connect_error', (error) => {
    // A refusal by the server's middleware will not heal by retrying at full speed; socket.io
    // stops reconnecting after a middleware error, so retry slowly in case it gets fixed.
    if (!socket.active) {
      on.onRefused(error.message)
      setTimeout(() => socket.connect(), 30_000)
    }
  })
  socket.on('document', (document) => {
    if (document?.format !== DOCUMENT_FORMAT) {
      console.error('gatecast: ignoring a document of an unknown format', document?.format)
      return
    }
    on.onDocument(document)
    socket.emit('document:applied', { version: document.version, hash: document.hash }, () => {})
  })
  socket.on('document:none', () => on.onNothingPublished())
  return socket
}
