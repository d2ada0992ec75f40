import type { FastifyInstance } from 'fastify'
import type { Namespace } from 'socket.io'
import { CONSOLE_NAMESPACE, type ServerToConsoleEvents } from '../../playlists/events'
import { guardNamespace } from './access'

/**
 * The consoles' namespace: a console that connects gets every screen's status at once, then
 * each change as it happens (pushed by the screen-status service). Any signed-in account may
 * connect (with its session cookie, or an API token as `auth: { token }`): see SOCKET_ACCESS.
 */
export function registerConsoleNamespace(app: FastifyInstance): void {
  const consoles = app.io.of(CONSOLE_NAMESPACE) as unknown as Namespace<
    Record<string, never>,
    ServerToConsoleEvents
  >
  guardNamespace(app, consoles as unknown as Namespace)
  consoles.on('connection', (socket) => {
    socket.emit('screen:statuses', app.repos.status.list())
  })
}
