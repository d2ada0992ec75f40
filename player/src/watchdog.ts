/**
 * The player's own watchdog, for the failures that leave a screen frozen but the browser alive
 * (Anthias #1222, Xibo #323): a storm of uncaught errors, a video whose picture stopped moving,
 * or zones that fell behind the timeline and stayed there. The cure is a reload — the page
 * boots from its saved document and cached files — rate-limited so that a fault that survives
 * reloads does not turn into a reload loop. The systemd unit covers a browser that died.
 */

export const WATCHDOG_TICK_MS = 5_000
/** Uncaught errors within a minute that mean the page is broken, not unlucky. */
export const ERROR_STORM = 10
/** A playing video whose time has not moved for this long is stalled. */
export const VIDEO_STALL_MS = 20_000
/** Zones behind the timeline this long (beyond a web page's load time) are stuck. */
export const LAG_LIMIT_MS = 45_000
/** At most this many watchdog reloads per hour; past that, the fault is logged and left. */
export const RELOADS_PER_HOUR = 3

const RELOADS_KEY = 'gatecast:watchdog-reloads'

export interface WatchdogHooks {
  now: () => number
  /** The zone furthest behind the timeline. */
  lag: (at: number) => { zoneId: string; ms: number }
  /** Whether a reload would come back: the shell is cached, or the server is reachable. */
  canReload: () => boolean
  report: (message: string) => void
  reload: () => void
}

export function startWatchdog(hooks: WatchdogHooks): void {
  const errors: number[] = []
  const onError = (what: string) => {
    const t = Date.now()
    errors.push(t)
    while (errors.length > 0 && errors[0]! < t - 60_000) errors.shift()
    hooks.report(`uncaught: ${what}`)
    if (errors.length >= ERROR_STORM) restart(hooks, `${errors.length} uncaught errors within a minute`)
  }
  addEventListener('error', (e) => onError(e.message || 'error'))
  addEventListener('unhandledrejection', (e) => onError(String(e.reason)))

  const videos = new WeakMap<HTMLVideoElement, { time: number; since: number; nudged: boolean }>()
  setInterval(() => {
    const t = Date.now()
    for (const video of document.querySelectorAll<HTMLVideoElement>('.layer.showing video')) {
      const seen = videos.get(video)
      if (!seen || video.paused || video.currentTime !== seen.time) {
        videos.set(video, { time: video.currentTime, since: t, nudged: false })
        continue
      }
      const stalled = t - seen.since
      if (stalled >= VIDEO_STALL_MS / 2 && !seen.nudged) {
        // First try the cheap cure: ask the element to play again.
        seen.nudged = true
        hooks.report(`video stalled at ${video.currentTime.toFixed(1)} s; restarting it`)
        void video.play().catch(() => undefined)
      } else if (stalled >= VIDEO_STALL_MS) {
        restart(hooks, `video stalled for ${Math.round(stalled / 1000)} s`)
      }
    }
    const lag = hooks.lag(hooks.now())
    if (lag.ms >= LAG_LIMIT_MS)
      restart(hooks, `zone ${lag.zoneId} ${Math.round(lag.ms / 1000)} s behind the timeline`)
  }, WATCHDOG_TICK_MS)
}

function restart(hooks: WatchdogHooks, why: string): void {
  if (!hooks.canReload()) {
    hooks.report(`watchdog: ${why}; not reloading (no cached player and no server)`)
    return
  }
  const t = Date.now()
  const recent = readReloads().filter((r) => r > t - 3_600_000)
  if (recent.length >= RELOADS_PER_HOUR) {
    hooks.report(`watchdog: ${why}; already reloaded ${recent.length} times this hour, leaving it`)
    return
  }
  try {
    localStorage.setItem(RELOADS_KEY, JSON.stringify([...recent, t]))
  } catch {
    // Without storage the rate limit cannot hold across reloads: do not reload at all.
    hooks.report(`watchdog: ${why}; storage unavailable, not reloading`)
    return
  }
  hooks.report(`watchdog: ${why}; reloading`)
  hooks.reload()
}

function readReloads(): number[] {
  try {
    const value = JSON.parse(localStorage.getItem(RELOADS_KEY) ?? '[]') as unknown
    return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []
  } catch {
    return []
  }
}
