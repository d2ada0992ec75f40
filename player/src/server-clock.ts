import type { PlayerSocket } from './connection'

/** Round trips measured per synchronisation; the one with the least delay is trusted. */
export const CLOCK_SAMPLES = 8
/** How often the offset is measured again while connected (PC clocks drift seconds a day). */
export const CLOCK_RESYNC_MS = 10 * 60_000
/** A change smaller than this is noise, not worth re-timing the playback for. */
const SIGNIFICANT_MS = 5
/**
 * A best round trip longer than this leaves the offset uncertain by half of it: measure again
 * soon (a busy link or CPU settles) instead of waiting for the next scheduled sync.
 */
export const PRECISE_RTT_MS = 60
const RETRY_MS = 5_000
const RETRIES_MAX = 12
/** Kept by the clear-cache command: a measurement, not a cached file. */
export const CLOCK_OFFSET_KEY = 'gatecast:clock-offset'

/**
 * Where the offset in use comes from: measured in this page; `stored`, the last measurement of an
 * earlier page (a restart with the server away); `none`, never measured on this PC; `local`, the
 * PC's clock trusted on purpose (`?time=local`).
 */
export type ClockSource = 'measured' | 'stored' | 'none' | 'local'

/** The last measurement, kept across restarts: the offset, and the server instant it was taken at. */
export interface StoredOffset {
  offsetMs: number
  /** Null for an offset stored by a player before issue 17, which kept no instant. */
  measuredAtMs: number | null
}

/**
 * The player's view of the server's clock. Every screen of a cluster runs its timeline on
 * server time, so a PC whose clock is wrong (no NTP at a remote gate, a dead CMOS battery)
 * still changes items on time and in step with its neighbours.
 *
 * The offset is measured NTP-style: for each sample, offset = server time + half the round
 * trip − local time at arrival; the sample with the shortest round trip has the least room for
 * asymmetry, so it wins. The last measurement is kept in localStorage with the instant it was
 * taken, and a page starts on it: a restart with the server away shows the server's time from
 * its first frame, assuming the PC's clock kept its error since. Whatever is stamped before this
 * page's first measurement is provisional: `onFirstMeasurement` hands the measured offset to
 * those who must correct it (proof of play). `local` mode (previews, tests that set the page's
 * clock) trusts the PC.
 */
export class ServerClock {
  private offset: number
  private from: ClockSource
  private measuredAt: number | null
  /** Half the round trip of the sample the offset came from: how wrong it can be. */
  private uncertainty = Number.POSITIVE_INFINITY
  /** performance.now() of this page's last accepted measurement. */
  private measuredAtPerf = 0
  private readonly firstMeasurement: ((offsetMs: number) => void)[] = []

  constructor(
    private readonly local: boolean,
    private readonly onChange: () => void,
  ) {
    const stored = local ? null : readStoredOffset()
    this.offset = stored?.offsetMs ?? 0
    this.measuredAt = stored?.measuredAtMs ?? null
    this.from = local ? 'local' : stored ? 'stored' : 'none'
  }

  readonly now = (): number => Date.now() + this.offset

  get offsetMs(): number {
    return this.offset
  }

  get source(): ClockSource {
    return this.from
  }

  /** The server instant the offset in use was measured at (null when never, or in local mode). */
  get measuredAtMs(): number | null {
    return this.measuredAt
  }

  /**
   * The offset instants are stamped with while it is still a guess (stored, or none): null once
   * this page has measured it, or when the PC's clock is trusted on purpose.
   */
  get provisionalOffsetMs(): number | null {
    return this.from === 'stored' || this.from === 'none' ? this.offset : null
  }

  /**
   * Calls `listener` with the offset once this page first measures it, before anything re-times:
   * instants stamped with `provisionalOffsetMs` are off by the difference. Never in local mode.
   */
  onFirstMeasurement(listener: (offsetMs: number) => void): void {
    this.firstMeasurement.push(listener)
  }

  /** Measures and applies the offset; resolves with it, or rejects if no sample came back. */
  async sync(socket: PlayerSocket): Promise<number> {
    if (this.local) return 0
    const best = await measureOffset(() => socket.timeout(5_000).emitWithAck('clock:sync'))
    if (!best) throw new Error('clock sync: the server did not answer')
    // A worse measurement than the one in use does not replace it, unless that one is old
    // (the PC's clock drifts, so an old precise offset decays).
    const uncertainty = best.rtt / 2
    const stale = performance.now() - this.measuredAtPerf > CLOCK_RESYNC_MS
    if (uncertainty > this.uncertainty && !stale) return this.offset
    this.uncertainty = uncertainty
    this.measuredAtPerf = performance.now()
    const first = this.from !== 'measured'
    const changed = Math.abs(best.offset - this.offset) >= SIGNIFICANT_MS
    this.offset = Math.round(best.offset)
    this.from = 'measured'
    this.measuredAt = this.now()
    storeOffset({ offsetMs: this.offset, measuredAtMs: this.measuredAt })
    if (first) for (const listener of this.firstMeasurement) listener(this.offset)
    if (changed) this.onChange()
    return this.offset
  }

  /** Whether the offset in use came from a round trip short enough to trust to a frame. */
  get precise(): boolean {
    return this.uncertainty * 2 <= PRECISE_RTT_MS
  }

  /**
   * Syncs on every connection and every CLOCK_RESYNC_MS while connected; while the offset is
   * imprecise (a loaded link or CPU), again every few seconds until a quick round trip comes.
   */
  keepInSync(socket: PlayerSocket): void {
    if (this.local) return
    let retry: ReturnType<typeof setTimeout> | undefined
    let retries = 0
    const run = () => {
      clearTimeout(retry)
      void this.sync(socket)
        .catch((e: unknown) => console.warn('gatecast:', e))
        .then(() => {
          // A link that is always slow gets the best it can, then the normal schedule.
          if (!this.precise && socket.connected && retries++ < RETRIES_MAX) retry = setTimeout(run, RETRY_MS)
        })
    }
    socket.on('connect', () => {
      // A new connection may take another route: measure afresh.
      this.uncertainty = Number.POSITIVE_INFINITY
      retries = 0
      run()
    })
    if (socket.connected) run()
    setInterval(() => {
      retries = 0
      if (socket.connected) run()
    }, CLOCK_RESYNC_MS)
  }
}

/**
 * One measurement: asks the server's time CLOCK_SAMPLES times (`ask` resolves with it, in ms);
 * the sample with the shortest round trip wins. Null when no sample came back.
 */
export async function measureOffset(
  ask: () => Promise<unknown>,
): Promise<{ rtt: number; offset: number } | null> {
  let best: { rtt: number; offset: number } | null = null
  for (let i = 0; i < CLOCK_SAMPLES; i++) {
    const sentAt = performance.now()
    let server: unknown
    try {
      server = await ask()
    } catch {
      continue
    }
    const rtt = performance.now() - sentAt
    if (typeof server !== 'number' || !Number.isFinite(server)) continue
    const offset = server + rtt / 2 - Date.now()
    if (!best || rtt < best.rtt) best = { rtt, offset }
  }
  return best
}

/** The last measurement, or null when there is none (or storage is unreadable). */
export function readStoredOffset(): StoredOffset | null {
  try {
    const raw = localStorage.getItem(CLOCK_OFFSET_KEY)
    if (raw === null) return null
    const value: unknown = JSON.parse(raw)
    // Players before issue 17 stored the bare offset: trust it, with no instant.
    if (typeof value === 'number')
      return Number.isFinite(value) ? { offsetMs: value, measuredAtMs: null } : null
    const { offsetMs, measuredAtMs } = (value ?? {}) as Partial<StoredOffset>
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) return null
    return { offsetMs, measuredAtMs: typeof measuredAtMs === 'number' ? measuredAtMs : null }
  } catch {
    return null
  }
}

function storeOffset(value: StoredOffset): void {
  try {
    localStorage.setItem(CLOCK_OFFSET_KEY, JSON.stringify(value))
  } catch {
    // Storage full or disabled: a restart with the server away starts on the PC's clock.
  }
}
