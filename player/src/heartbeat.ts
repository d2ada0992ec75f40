import { HEARTBEAT_INTERVAL_MS, type Heartbeat } from '@playlists/events'
import type { PlayerSocket } from './connection'

/** Chromium's non-standard heap figures. */
interface ChromiumMemory {
  usedJSHeapSize: number
  totalJSHeapSize: number
}

/** What the player knows of itself at one instant; the heartbeat adds the rest. */
export type HealthSource = () => Pick<
  Heartbeat,
  'version' | 'zones' | 'errors' | 'clockOffsetMs' | 'pendingVersion' | 'power'
>

/**
 * Reports the player's health on every connection and every HEARTBEAT_INTERVAL_MS: version,
 * what each zone shows, uptime, memory, storage, resolution, recent errors and the clock offset. The
 * answer names the version the server says this screen should hold; the server pushes it
 * again when they differ, which catches a push lost on the way.
 */
export function startHeartbeat(
  socket: PlayerSocket,
  source: HealthSource,
  pendingPlays: () => Promise<number> = async () => 0,
): () => void {
  const send = async () => {
    if (!socket.connected) return
    const [storage, pending] = await Promise.all([storageEstimate(), pendingPlays().catch(() => null)])
    if (!socket.connected) return // a report buffered now would arrive stale
    socket.emit('heartbeat', { ...report(source), storage, pendingPlays: pending }, (result) => {
      if (!result.ok) console.warn(`gatecast: heartbeat refused: ${result.msg}`)
    })
  }
  socket.on('connect', () => void send())
  setInterval(() => void send(), HEARTBEAT_INTERVAL_MS)
  // Also called when something worth reporting at once happens (a new version applied).
  return () => void send()
}

/** How full the browser's storage (the cached media) is, for the server's storage alert. */
async function storageEstimate(): Promise<Heartbeat['storage']> {
  try {
    const estimate = await navigator.storage?.estimate()
    return typeof estimate?.usage === 'number' && typeof estimate.quota === 'number'
      ? { usageBytes: estimate.usage, quotaBytes: estimate.quota }
      : null
  } catch {
    return null // not a secure context, or storage disabled
  }
}

export function report(source: HealthSource): Heartbeat {
  const memory = (performance as Performance & { memory?: Partial<ChromiumMemory> }).memory
  // Only Chromium has these, and a replaced `performance` (a test's fake clock) may lack them.
  const heap =
    typeof memory?.usedJSHeapSize === 'number' && typeof memory.totalJSHeapSize === 'number'
      ? { usedBytes: memory.usedJSHeapSize, totalBytes: memory.totalJSHeapSize }
      : null
  return {
    ...source(),
    uptimeMs: Math.round(performance.now()),
    memory: heap,
    resolution: {
      width: Math.round(window.innerWidth),
      height: Math.round(window.innerHeight),
      pixelRatio: window.devicePixelRatio,
    },
  }
}
