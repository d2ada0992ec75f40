import { type Ack, PLAY_BATCH_MAX, type PlayEvent, type PlaysAck } from '@playlists/events'
import { PLAY_SPAN_MS_MAX } from '@playlists/schemas/plays'
import type { PlayerSocket } from './connection'
import { PlayStore, type StoredPlay } from './play-store'
import type { Transition } from './playback'

/** How often queued plays are sent; also sent at once on every (re)connection. */
export const PLAYS_SEND_INTERVAL_MS = 10_000
/**
 * How often the end of each item on screen is saved. After a crash, a power cut or a restart
 * the item that was on screen is reported as ending at the last save: at most this much short.
 */
export const PLAYS_ALIVE_INTERVAL_MS = 5_000
/** 500 plays are ~100 kB: enough time for a gate's slow uplink, then the batch is sent again. */
export const PLAYS_ACK_TIMEOUT_MS = 30_000
const RETRY_MS_MIN = 1_000
const RETRY_MS_MAX = 300_000
/**
 * Durations come from the monotonic timer; the clock names the instants. When the two disagree
 * by more than this, the clock was corrected (a clock sync, an NTP step) during the item, and
 * the timer's duration is the true one.
 */
const CLOCK_JUMP_MS = 1_000

interface Open {
  play: StoredPlay
  /** performance.now() when the item was shown. */
  shownAt: number
}

/** What proof of play needs of the player's clock (server-clock.ts). */
export interface PlayClock {
  /** Names the instants of each play: server time once synchronised. */
  now: () => number
  readonly offsetMs: number
  /** The offset `now` adds while it is a guess (stored from an earlier page, or none); null once measured. */
  readonly provisionalOffsetMs: number | null
  onFirstMeasurement(listener: (offsetMs: number) => void): void
}

export interface ProofOfPlayOptions {
  screenId: string
  clock: PlayClock
  socket: PlayerSocket
  report?: (message: string) => void
}

/**
 * Proof of play. Every item a zone shows becomes a play (screen, zone, item, playlist, document
 * version, start, end) with a UUID made here, so the server stores it once however often it is
 * sent. The guarantee, by failure:
 *  - server away, link down, acknowledgement lost, server restarted: nothing is lost or doubled.
 *    A play is written to IndexedDB before it is ever sent, and removed only once the server has
 *    acknowledged its id; until then it is resent (every PLAYS_SEND_INTERVAL_MS, on reconnect,
 *    after a failure with backoff from 1 s to 5 min) and the server ignores ids it already holds.
 *  - page reload, renderer or Chromium crash, power cut: every change of item is committed to
 *    IndexedDB as it happens (strict durability: on disk once committed), and the item on
 *    screen is kept there, open, with an end saved every PLAYS_ALIVE_INTERVAL_MS. The next start
 *    reports it ending at that last save: up to that much short, never missing or doubled.
 *    Only an item shown in the last milliseconds before a power cut (its commit not yet on
 *    disk) can be lost, and then the item before it comes out short.
 *  - the browser profile wiped or its storage evicted: unsent plays are lost (the offline work
 *    asks for persistent storage).
 *  - a page that starts with the server away stamps its plays on the clock offset an earlier page
 *    measured (or on the PC's clock, if none ever did): they are marked provisional, held, and
 *    moved onto the first measurement of the offset before anything is sent (see `correct`).
 * Two live pages for the same screen in one profile are not supported: each would close the
 * other's open items when it starts.
 *
 * An item on screen longer than PLAY_SPAN_MS_MAX (a ticker or clock, a picture looping into
 * itself) is cut into consecutive plays of that length, so a report for a day sees it and no
 * play is refused as absurdly long. Idle cards are not plays. Memory holds the open items (one
 * per zone) and at most one batch.
 */
export class ProofOfPlay {
  private readonly store = new PlayStore()
  private readonly open = new Map<string, Open>()
  private sending = false
  private failures = 0
  private retryAt = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private lastFailure = ''
  private readonly screenId: string
  private readonly clock: PlayClock
  private readonly now: () => number
  private readonly socket: PlayerSocket
  private readonly report: (message: string) => void

  constructor(options: ProofOfPlayOptions) {
    this.screenId = options.screenId
    this.clock = options.clock
    this.now = options.clock.now
    this.socket = options.socket
    this.report = options.report ?? ((message) => console.warn(`gatecast: ${message}`))
    // Before anything this page shows: what the previous page left on screen is a finished play.
    // IndexedDB runs this before any later write of this page (see play-store.ts).
    this.store.closeLeftOpen(this.screenId).catch((e) => this.fail('closing left-open plays', e))
    // Plays stamped on a guessed clock (this page's or an earlier one's) are corrected once the
    // clock is measured, and none is sent before: the server must never see a guess.
    if (this.clock.provisionalOffsetMs === null) this.correct(this.clock.offsetMs)
    else this.clock.onFirstMeasurement((offsetMs) => this.correct(offsetMs))

    this.socket.on('connect', () => {
      this.failures = 0
      this.retryAt = 0
      void this.flush()
    })
    setInterval(() => this.alive(), PLAYS_ALIVE_INTERVAL_MS)
    setInterval(() => {
      if (performance.now() >= this.retryAt) void this.flush()
    }, PLAYS_SEND_INTERVAL_MS)
    // Often the last chance to save the end of what is on screen; not guaranteed to commit.
    addEventListener('pagehide', () => this.alive())
    void this.flush()
  }

  /** A zone showed something: its previous item is a finished play, the new one opens. */
  record(t: Transition): void {
    const at = performance.now()
    const previous = this.open.get(t.zoneId)
    const finished = previous ? this.finish(previous, t.shownMs, at) : null
    let opened: Open | null = null
    if (t.itemId && t.playlistId && t.version) {
      const startMs = Math.round(t.shownMs)
      opened = {
        play: {
          id: crypto.randomUUID(),
          screenId: this.screenId,
          zoneId: t.zoneId,
          itemId: t.itemId,
          playlistId: t.playlistId,
          documentVersion: t.version,
          ...(t.entries ? { entries: [...t.entries] } : {}),
          startMs,
          endMs: startMs,
          ...provisional(this.clock.provisionalOffsetMs),
        },
        shownAt: at,
      }
      this.open.set(t.zoneId, opened)
    } else this.open.delete(t.zoneId)
    if (finished || opened) this.save(t.zoneId, finished, opened?.play ?? null)
  }

  /** A zone left the screen (the layout changed): its item ends now. */
  end(zoneId: string): void {
    const previous = this.open.get(zoneId)
    if (!previous) return
    this.open.delete(zoneId)
    this.save(zoneId, this.finish(previous, this.now(), performance.now()), null)
  }

  /** Finished plays still waiting for the server's acknowledgement. */
  pending(): Promise<number> {
    return this.store.pending(this.screenId)
  }

  /** Sends every queued play, batch by batch, while the server acknowledges them. */
  async flush(): Promise<void> {
    if (this.sending || !this.socket.connected || this.clock.provisionalOffsetMs !== null) return
    this.sending = true
    clearTimeout(this.retryTimer)
    try {
      for (;;) {
        const batch = await this.store.oldest(this.screenId, PLAY_BATCH_MAX)
        if (batch.length === 0) break
        const ack: Ack<PlaysAck> = await this.socket.timeout(PLAYS_ACK_TIMEOUT_MS).emitWithAck(
          'plays',
          batch.map(({ screenId: _, provisionalOffsetMs: __, ...event }): PlayEvent => event),
        )
        if (!ack.ok) throw new Error(`the server refused them: ${ack.msg}`)
        const sent = new Set(batch.map((p) => p.id))
        const refused = ack.refused ?? []
        if (refused.length > 0) {
          this.report(`${refused.length} plays refused for good, first: ${refused[0]!.msg}`)
        }
        // Only what the server answered for; anything else stays queued and goes again.
        const done = [...ack.stored, ...refused.map((r) => r.id)].filter((id) => sent.has(id))
        await this.store.forget(done)
        if (batch.length < PLAY_BATCH_MAX || done.length === 0) break
      }
      this.failures = 0
    } catch (error) {
      this.failures++
      const backoff = Math.min(RETRY_MS_MIN * 2 ** (this.failures - 1), RETRY_MS_MAX)
      // Jittered, so a gate's screens do not all resend at the same instant.
      const delay = backoff * (0.5 + Math.random())
      this.retryAt = performance.now() + delay
      this.retryTimer = setTimeout(() => void this.flush(), delay)
      this.fail(`sending plays (next try in ${Math.round(delay / 1000)} s)`, error)
    } finally {
      this.sending = false
    }
  }

  /**
   * The clock is measured: every play stamped with a guessed offset moves by the difference
   * between the measured offset and its guess, in memory and in storage, then the queue goes.
   * This assumes the PC's clock kept its error between the stamp and the measurement (no step
   * by NTP or a person in between), which is also what the guess assumed.
   */
  private correct(offsetMs: number): void {
    for (const open of this.open.values()) open.play = corrected(open.play, offsetMs)
    this.store
      .correct(this.screenId, (play) => corrected(play, offsetMs))
      .then((count) => {
        if (count > 0) console.info(`gatecast: ${count} plays stamped before the clock sync corrected`)
        return this.flush()
      })
      .catch((e) => this.fail('correcting plays stamped before the clock sync', e))
  }

  /** Saves the end of every item on screen; cuts one that has been up for PLAY_SPAN_MS_MAX. */
  private alive(): void {
    const at = performance.now()
    const touched: StoredPlay[] = []
    for (const [zoneId, open] of this.open) {
      const finished = this.finish(open, this.now(), at)
      if (at - open.shownAt < PLAY_SPAN_MS_MAX) {
        open.play = finished
        touched.push(finished)
        continue
      }
      const next: Open = {
        play: { ...finished, id: crypto.randomUUID(), startMs: finished.endMs },
        shownAt: at,
      }
      this.open.set(zoneId, next)
      this.save(zoneId, finished, next.play)
    }
    this.store.touch(touched).catch((e) => this.fail('saving the items on screen', e))
  }

  /** The open play, ended at `endMs` on the clock, `at` on the monotonic timer. */
  private finish(open: Open, endMs: number, at: number): StoredPlay {
    const { startMs } = open.play
    const byTimer = startMs + Math.round(at - open.shownAt)
    const end = Math.abs(endMs - byTimer) > CLOCK_JUMP_MS ? byTimer : Math.round(endMs)
    return { ...open.play, endMs: Math.max(startMs, end) }
  }

  /** Handed to IndexedDB before this returns: the transaction is created and committed now. */
  private save(zoneId: string, finished: StoredPlay | null, opened: StoredPlay | null): void {
    this.store.transition(this.screenId, zoneId, finished, opened).catch((e) => this.fail('saving plays', e))
  }

  private fail(what: string, error: unknown): void {
    const message = `proof of play: ${what}: ${error instanceof Error ? error.message : String(error)}`
    // Storage that fails (full, disabled) fails on every item: say so once, not every second.
    if (message !== this.lastFailure) this.report(message)
    this.lastFailure = message
  }
}

/** The `provisionalOffsetMs` field of a play stamped with `offsetMs` when that is a guess. */
const provisional = (offsetMs: number | null): { provisionalOffsetMs?: number } =>
  offsetMs === null ? {} : { provisionalOffsetMs: offsetMs }

/** `play` moved onto the measured offset, unmarked (unchanged if it was stamped on a measured one). */
export function corrected(play: StoredPlay, offsetMs: number): StoredPlay {
  const { provisionalOffsetMs, ...rest } = play
  if (provisionalOffsetMs === undefined) return play
  const shift = offsetMs - provisionalOffsetMs
  // A guess right to within CLOCK_JUMP_MS stands: it is the clock the screen ran its timeline
  // on, and a correction that small is measurement noise (a restart on the same PC re-measures
  // its offset a few ms apart), not a clock that was wrong.
  if (Math.abs(shift) < CLOCK_JUMP_MS) return rest
  return { ...rest, startMs: play.startMs + shift, endMs: play.endMs + shift }
}
