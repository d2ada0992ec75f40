import { CONSOLE_NAMESPACE, type ServerToConsoleEvents } from '@playlists/events'
import { useEffect, useRef, useState } from 'preact/hooks'
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'

/** A socket on the consoles' namespace, signed in by the session cookie. */
export const consoleSocket = (
  options: Partial<ManagerOptions & SocketOptions> = {},
): Socket<ServerToConsoleEvents> => io(CONSOLE_NAMESPACE, { withCredentials: true, ...options })

/**
 * Calls `onEvent` for every `event` the server pushes to consoles (an incident opened, a feed
 * fetched) while the page is open. Returns whether the link is up, so a page can say its lists
 * are live. The latest `onEvent` is called, so a page may pass a new closure on every render.
 */
export function useConsolePush<E extends keyof ServerToConsoleEvents>(
  event: E,
  onEvent: ServerToConsoleEvents[E],
): boolean {
  const [connected, setConnected] = useState(false)
  const handler = useRef(onEvent)
  handler.current = onEvent
  useEffect(() => {
    const socket = consoleSocket()
    socket.on('connect', () => setConnected(true))
    socket.on('disconnect', () => setConnected(false))
    // socket.io's typed `on` cannot follow a generic event name; the handler is the event's own type.
    const relay = (...args: unknown[]) => (handler.current as (...a: unknown[]) => void)(...args)
    socket.on(event, relay as never)
    return () => {
      socket.close()
    }
  }, [event])
  return connected
}
