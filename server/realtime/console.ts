import type { FastifyInstance } from 'fastify'
import type { Namespace } from 'socket.io'
import { CONSOLE_NAMESPACE, type ServerToConsoleEvents } from '../../playlists/events'

/**
 * The consoles' namespace: a console that connects gets every screen's status at once, then
 * each change as it happens (pushed by the screen-status service). Who may connect is decided
 * with accounts and roles (the trust work); today the namespace is open like the API.
 */
export function registerConsoleNamespace(app: FastifyInstance): void {
  const consoles = app.io.of(CONSOLE_NAMESPACE) as unknown as Namespace<
    Record<string, never>,
    ServerToConsoleEvents
  >
  consoles.on('connection', (socket) => {
    socket.emit('screen:statuses', app.repos.status.list())
  })
}
