import type { AddressInfo } from 'node:net'
import type { PlayerToServerEvents, ServerToPlayerEvents } from '@playlists/events'
import type { ScreenDocument } from '@playlists/schemas/document'
import { io, type Socket } from 'socket.io-client'
import type { TestApp } from './app'

/** Starts the test app on a free loopback port; returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = t.app.server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

export type TestPlayer = Socket<ServerToPlayerEvents, PlayerToServerEvents> & { documents: ScreenDocument[] }

/**
 * A socket.io player, holding a screen's token (tests/helpers/pairing.ts), that records every
 * document it receives.
 */
export function connectPlayer(
  baseUrl: string,
  token: string,
  version?: number | null,
  transport: 'websocket' | 'polling' = 'websocket',
): TestPlayer {
  const socket = io(`${baseUrl}/player`, {
    auth: version === undefined ? { token } : { token, version },
    transports: [transport],
    reconnection: false,
    forceNew: true,
  }) as TestPlayer
  socket.documents = []
  socket.on('document', (d) => socket.documents.push(d))
  return socket
}

/**
 * Resolves once everything the server sent `player` before now has arrived: socket.io delivers a
 * connection's messages in order, so the answer to a clock request, sent after them, follows them.
 * The later event a test waits on before asserting that a push did NOT come.
 */
export async function caughtUp(player: TestPlayer): Promise<void> {
  await player.timeout(5_000).emitWithAck('clock:sync')
}
