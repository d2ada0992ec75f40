import type { AddressInfo } from 'node:net'
import { io, type Socket } from 'socket.io-client'
import type { PlayerToServerEvents, ServerToPlayerEvents } from '../../playlists/events'
import type { ScreenDocument } from '../../playlists/schemas/document'
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
