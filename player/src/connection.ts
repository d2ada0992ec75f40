import { PLAYER_NAMESPACE, type PlayerToServerEvents, type ServerToPlayerEvents } from '@playlists/events'
import { DOCUMENT_FORMAT, type ScreenDocument } from '@playlists/schemas/document'
import { io, type Socket } from 'socket.io-client'

export type PlayerSocket = Socket<ServerToPlayerEvents, PlayerToServerEvents>

export interface ConnectionHandlers {
  /** Resolves true once the document is on screen, false if a newer one superseded it first. */
  onDocument: (document: ScreenDocument) => Promise<boolean>
  onNothingPublished: () => void
  onRefused: (message: string) => void
  /** The server does not know this token (revoked, or never valid): the player must pair again. */
  onUnpaired: (message: string) => void
  /** The server hands over a new token (rotation): store it; the old one is revoked after the ack. */
  onToken: (token: string) => boolean
  onStatus: (status: 'connected' | 'disconnected') => void
}

/**
 * Longest wait between reconnection attempts. socket.io caps the delay after jitter, so a
 * player tries again at most 20 s after the previous attempt and is back within 30 s of the
 * server's return, handshake included.
 */
export const RECONNECT_DELAY_MAX_MS = 20_000

/**
 * The player's link to the server. socket.io reconnects by itself with capped, jittered
 * backoff (1 s doubling to 20 s, ±50 %), so a gate's screens do not all knock at once when the
 * server returns. The screen's token and the held version travel in the handshake of every
 * (re)connection; the token is read each time, so a rotated one is used from then on.
 */
export function connect(
  token: () => string,
  currentVersion: () => number | null,
  on: ConnectionHandlers,
): PlayerSocket {
  const socket: PlayerSocket = io(PLAYER_NAMESPACE, {
    auth: (cb) => cb({ token: token(), version: currentVersion() }),
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    randomizationFactor: 0.5,
    // A connection attempt into a dead link gives up after 10 s and the next one is scheduled.
    timeout: 10_000,
  })
  socket.on('connect', () => on.onStatus('connected'))
  socket.on('disconnect', (reason) => {
    on.onStatus('disconnected')
    // A server that shuts down cleanly tells its clients so, and socket.io then never reconnects
    // by itself ("io server disconnect"). A screen must: the server is restarting, not gone.
    if (reason === 'io server disconnect') {
      setTimeout(() => socket.connect(), 1_000 + Math.random() * 4_000)
    }
  })
  socket.on('connect_error', (error) => {
    // 401: the token is unknown or revoked. Retrying will not help; pairing again will.
    if ((error as { data?: { statusCode?: number } }).data?.statusCode === 401) {
      on.onUnpaired(error.message)
      return
    }
    // A refusal by the server's middleware will not heal by retrying at full speed; socket.io
    // stops reconnecting after a middleware error, so retry slowly in case it gets fixed.
    if (!socket.active) {
      on.onRefused(error.message)
      setTimeout(() => socket.connect(), 30_000)
    }
  })
  socket.on('document', async (document) => {
    if (document?.format !== DOCUMENT_FORMAT) {
      console.error('gatecast: ignoring a document of an unknown format', document?.format)
      return
    }
    // Acknowledged only once really applied: after every asset is cached (offline.ts).
    if (await on.onDocument(document)) {
      socket.emit('document:applied', { version: document.version, hash: document.hash }, () => {})
    }
  })
  socket.on('document:none', () => on.onNothingPublished())
  socket.on('token:rotate', (payload, ack) => {
    const stored = on.onToken(payload?.token)
    if (typeof ack === 'function')
      ack(
        stored
          ? { ok: true }
          : { ok: false, code: 'player.token-not-stored', msg: 'The new token was not stored.' },
      )
  })
  return socket
}
