import { CLOCK_RESYNC_MS, measureOffset } from './server-clock'

/** A change smaller than this is noise, not worth re-timing the preview for. */
const SIGNIFICANT_MS = 5
/** An answer slower than this is no use for timing (and the next sample is tried). */
const SAMPLE_TIMEOUT_MS = 5_000

/**
 * The preview's clock: the server's time, as a screen's (measured like ServerClock, over HTTP
 * with the official's session instead of a screen's socket), or an instant the official chose,
 * standing still or running on from there. Nothing is stored: the preview leaves no trace in the
 * browser that a screen's player on the same origin could read.
 */
export class PreviewClock {
  private offset = 0
  /** Set while the preview shows a chosen instant rather than now. */
  private pinned: { atMs: number; since: number; running: boolean } | null = null

  constructor(private readonly onChange: () => void) {}

  readonly now = (): number => {
    const p = this.pinned
    if (!p) return Date.now() + this.offset
    // performance.now: a PC clock adjusted meanwhile must not move the chosen instant.
    return p.running ? p.atMs + (performance.now() - p.since) : p.atMs
  }

  get running(): boolean {
    return this.pinned?.running ?? true
  }

  /** Shows `atMs` (null: server time now), standing still or running on. */
  seek(atMs: number | null, running: boolean): void {
    this.pinned = atMs === null ? null : { atMs, since: performance.now(), running }
  }

  async sync(): Promise<void> {
    const best = await measureOffset(() => serverTime())
    if (!best) throw new Error('clock sync: the server did not answer')
    const changed = Math.abs(best.offset - this.offset) >= SIGNIFICANT_MS
    this.offset = Math.round(best.offset)
    if (changed && this.pinned === null) this.onChange()
  }

  /** Measures now and every CLOCK_RESYNC_MS (the official's PC drifts as a screen's does). */
  keepInSync(): Promise<void> {
    const run = () => this.sync().catch((e: unknown) => console.warn('gatecast preview:', e))
    setInterval(run, CLOCK_RESYNC_MS)
    return run()
  }
}

async function serverTime(): Promise<number> {
  const res = await fetch('/api/clock', {
    cache: 'no-store',
    credentials: 'same-origin',
    signal: AbortSignal.timeout(SAMPLE_TIMEOUT_MS),
  })
  if (!res.ok) throw new Error(`clock: HTTP ${res.status}`)
  return ((await res.json()) as { nowMs: number }).nowMs
}
