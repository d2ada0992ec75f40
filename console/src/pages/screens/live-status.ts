import type { ScreenStatus } from '@playlists/schemas/status'
import { useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../../api'
import { consoleSocket } from '../../components/console-push'

/**
 * Every player reports every 15 s, so a province of a thousand screens pushes dozens of changes
 * a second: they are gathered and drawn together at most this often instead of one render each.
 */
const FLUSH_MS = 250

export interface LiveStatuses {
  statuses: ReadonlyMap<string, ScreenStatus>
  /** The push channel is up: what the page shows is current. */
  connected: boolean
  /** It was up once and dropped: the page says its figures may be old while socket.io reconnects. */
  interrupted: boolean
}

/**
 * Every screen's status, kept current by the server's pushes on the consoles' socket (signed in by
 * the session cookie): the full list on each (re)connection, then each change. Nothing polls.
 * One REST read covers the moment before the socket's first snapshot, and a page whose socket
 * cannot connect at all (a proxy refusing websockets) still shows where things stood.
 */
export function useScreenStatuses(onUnknown: (screenId: string) => void): LiveStatuses {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, ScreenStatus>>(new Map())
  const [connected, setConnected] = useState(false)
  const [interrupted, setInterrupted] = useState(false)
  const unknown = useRef(onUnknown)
  unknown.current = onUnknown

  useEffect(() => {
    let snapshotSeen = false
    let pending = new Map<string, ScreenStatus>()
    let timer: ReturnType<typeof setTimeout> | null = null
    let known = new Set<string>()
    const flush = () => {
      timer = null
      const changes = pending
      pending = new Map()
      setStatuses((current) => new Map([...current, ...changes]))
    }

    void api.get('/api/screens/status').then(
      (all) => {
        if (snapshotSeen) return // the socket's is newer
        known = new Set(all.map((s) => s.screenId))
        setStatuses(new Map(all.map((s) => [s.screenId, s])))
      },
      () => {
        // The socket's snapshot will do; a failed read here is not worth a message.
      },
    )

    const socket = consoleSocket({ transports: ['websocket'] })
    socket.on('connect', () => {
      setConnected(true)
      setInterrupted(false)
    })
    socket.on('disconnect', () => {
      setConnected(false)
      setInterrupted(true)
    })
    socket.on('screen:statuses', (all) => {
      snapshotSeen = true
      pending = new Map()
      if (timer) clearTimeout(timer)
      timer = null
      known = new Set(all.map((s) => s.screenId))
      setStatuses(new Map(all.map((s) => [s.screenId, s])))
    })
    socket.on('screen:status', (status) => {
      if (!known.has(status.screenId)) {
        known.add(status.screenId)
        unknown.current(status.screenId)
      }
      pending.set(status.screenId, status)
      timer ??= setTimeout(flush, FLUSH_MS)
    })
    return () => {
      if (timer) clearTimeout(timer)
      socket.close()
    }
  }, [])

  return { statuses, connected, interrupted }
}
