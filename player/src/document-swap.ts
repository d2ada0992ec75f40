import type { ScreenDocument } from '@playlists/schemas/document'

/**
 * First retry after a failed download, doubling up to the cap. A gate's uplink that drops for a
 * minute is retried within seconds of its return; one down for hours is knocked at every few
 * minutes, not hammered.
 */
export const PREPARE_RETRY_FIRST_MS = 5_000
export const PREPARE_RETRY_MAX_MS = 5 * 60_000

/** The delay before retry `attempt` (0 for the first): capped, then jittered into [½, 1]× so
 * that a gate's screens, failing together, do not all retry in the same instant. */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const capped = Math.min(PREPARE_RETRY_MAX_MS, PREPARE_RETRY_FIRST_MS * 2 ** Math.min(attempt, 30))
  return capped * (0.5 + random() / 2)
}

export interface DocumentSwapOptions {
  /** Resolves once everything `document` needs is at hand; rejects if anything is missing. */
  prepare: (document: ScreenDocument) => Promise<void>
  /** Puts `document` on screen; called only after its `prepare` resolved. */
  apply: (document: ScreenDocument) => void
  /** After each apply, with the document now playing. */
  applied?: (document: ScreenDocument) => void
  /** Whenever the pending document or the last preparation error changes. */
  report: (pendingVersion: number | null, error: string | null) => void
  random?: () => number
}

interface Pending {
  document: ScreenDocument
  attempt: number
  timer: ReturnType<typeof setTimeout> | undefined
  /** Everyone who offered this document, told whether it went on screen. */
  waiters: ((applied: boolean) => void)[]
}

/**
 * Prefetch, then swap: a document goes on screen only once its assets are all at hand, and
 * until then the one playing keeps playing. A failed preparation is retried with capped,
 * jittered backoff; a newer document arriving meanwhile supersedes the pending one (a document
 * holds everything a screen needs, so only the newest matters).
 */
export class DocumentSwap {
  private pending: Pending | null = null
  private error: string | null = null

  constructor(private readonly options: DocumentSwapOptions) {}

  /** The document waiting for its assets, if any. */
  get pendingDocument(): ScreenDocument | null {
    return this.pending?.document ?? null
  }

  /**
   * Resolves true once `document` is on screen, false if a newer one superseded it first.
   * The pending document offered again (the server resends it on every heartbeat and reconnect
   * until the player holds it) joins the pending one, keeping its backoff: otherwise a missing
   * file would be asked for at every heartbeat, by every screen, for as long as it is missing.
   */
  offer(document: ScreenDocument): Promise<boolean> {
    const current = this.pending
    if (current && current.document.version === document.version && current.document.hash === document.hash) {
      return new Promise<boolean>((settle) => current.waiters.push(settle))
    }
    if (current) {
      clearTimeout(current.timer)
      this.pending = null
      for (const settle of current.waiters) settle(false)
    }
    return new Promise<boolean>((settle) => {
      const pending: Pending = { document, attempt: 0, timer: undefined, waiters: [settle] }
      this.pending = pending
      this.report()
      void this.attempt(pending)
    })
  }

  /** Retries the pending document now rather than at its backoff (the server is back). */
  retryNow(): void {
    const pending = this.pending
    if (!pending || pending.timer === undefined) return
    clearTimeout(pending.timer)
    pending.timer = undefined
    void this.attempt(pending)
  }

  private async attempt(pending: Pending): Promise<void> {
    pending.timer = undefined
    try {
      await this.options.prepare(pending.document)
    } catch (error) {
      if (this.pending !== pending) return
      this.error = `version ${pending.document.version}: ${error instanceof Error ? error.message : String(error)}`
      const delay = retryDelay(pending.attempt++, this.options.random)
      console.warn(
        `gatecast: keeping the current document; retrying in ${Math.round(delay / 1000)} s: ${this.error}`,
      )
      pending.timer = setTimeout(() => void this.attempt(pending), delay)
      this.report()
      return
    }
    if (this.pending !== pending) return
    this.pending = null
    this.error = null
    try {
      this.options.apply(pending.document)
    } catch (error) {
      // A bug in playback, not a missing file: retrying would fail the same way.
      console.error('gatecast: could not apply a document', error)
      for (const settle of pending.waiters) settle(false)
      this.report()
      return
    }
    for (const settle of pending.waiters) settle(true)
    this.report()
    this.options.applied?.(pending.document)
  }

  private report(): void {
    this.options.report(this.pending?.document.version ?? null, this.error)
  }
}
