import { CONSOLE_NAMESPACE, type ServerToConsoleEvents } from '@playlists/events'
import type { FastifyInstance } from 'fastify'
import type { Socket } from 'socket.io'
import { guardNamespace } from './access'

/**
 * The consoles' namespace: a console that connects gets every screen's status at once, then
 * each change as it happens (pushed by the screen-status service). Any signed-in account may
 * connect (with its session cookie, or an API token as `auth: { token }`): see SOCKET_ACCESS.
 */
type ConsoleSocket = Socket<Record<string, never>, ServerToConsoleEvents>

export function registerConsoleNamespace(app: FastifyInstance): void {
  const consoles = app.io.of(CONSOLE_NAMESPACE)
  guardNamespace<ConsoleSocket>(app, consoles).onConnection((socket) => {
    socket.emit('screen:statuses', app.repos.status.list())
  })
}
