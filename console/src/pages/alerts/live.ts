import type { ServerToConsoleEvents } from '@playlists/events'
import type { Incident } from '@playlists/schemas/alerts'
import { useEffect, useRef, useState } from 'preact/hooks'
import { io, type Socket } from 'socket.io-client'

/** The consoles' socket.io namespace (playlists/events.ts CONSOLE_NAMESPACE; named here to keep TypeBox out of the bundle). */
const CONSOLE_NAMESPACE = '/console'

/**
 * Calls `onIncident` for every incident the server opens, resolves or sees acknowledged, over
 * the consoles' socket (the session cookie signs it in). Returns whether that link is up, so
 * the page can say its lists are live.
 */
export function useIncidentPush(onIncident: (incident: Incident) => void): boolean {
  const [connected, setConnected] = useState(false)
  const handler = useRef(onIncident)
  handler.current = onIncident
  useEffect(() => {
    const socket: Socket<ServerToConsoleEvents> = io(CONSOLE_NAMESPACE, { withCredentials: true })
    socket.on('connect', () => setConnected(true))
    socket.on('disconnect', () => setConnected(false))
    socket.on('alert:incident', (incident) => handler.current(incident))
    return () => {
      socket.close()
    }
  }, [])
  return connected
}
