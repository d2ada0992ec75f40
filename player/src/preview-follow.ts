import { CONSOLE_NAMESPACE, type ServerToConsoleEvents } from '@playlists/events'
import type { ScreenStatus } from '@playlists/schemas/status'
import { io, type Socket } from 'socket.io-client'

export interface FollowHandlers {
  /** The screen's status: on connecting, and whenever its player reports or applies a version. */
  onStatus: (status: ScreenStatus) => void
  /** The server refused the feed (no session, or the screen is unknown), with its reason. */
  onRefused: (status: number, message: string) => void
}

/**
 * Follows one screen through the consoles' status feed (the official's session cookie; never a
 * screen's token): the version its player applied tells the live mirror which document to play.
 */
export function followScreen(screenId: string, on: FollowHandlers): Socket {
  const socket: Socket<ServerToConsoleEvents, Record<string, never>> = io(CONSOLE_NAMESPACE, {
    transports: ['websocket', 'polling'],
    withCredentials: true,
  })
  socket.on('screen:statuses', (all) => {
    const mine = all.find((s) => s.screenId === screenId)
    if (mine) on.onStatus(mine)
    else on.onRefused(404, `Screen "${screenId}" does not exist.`)
  })
  socket.on('screen:status', (status) => {
    if (status.screenId === screenId) on.onStatus(status)
  })
  socket.on('connect_error', (error) => {
    const status = (error as { data?: { statusCode?: number } }).data?.statusCode
    // Refused by the server's guard: socket.io gives up, and so does the mirror until a reload.
    if (!socket.active) on.onRefused(status ?? 403, error.message)
  })
  return socket
}
