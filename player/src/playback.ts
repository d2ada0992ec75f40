import { canonicalJson } from '@playlists/canonical'
import { datasetVersionEntry } from '@playlists/dataset-on-screen'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { DocumentItem } from '@playlists/schemas/items'
import { MAIN_ZONE } from '@playlists/schemas/layout'
import { nextChange, type Playing, resolve } from '@playlists/timeline'
import { CANNOT_SHOW, NOTHING_TO_PLAY, renderIdle } from './idle'
import type { EmergencyOverlay } from './overlay'
import { rendererFor, renderItem } from './renderers/registry'
import type { Rendered } from './renderers/renderer'
import type { Stage } from './stage'

/** Start preparing the next item this long before it is due, so the switch has no gap. */
export const PREPARE_AHEAD_MS = 2_000
/** Web pages load over a gate's uplink: start them earlier so they are usually ready on time. */
export const PREPARE_AHEAD_WEB_MS = 10_000
/**
 * A video joined with less than this left of its item (a preview or a restart that arrives near
 * its end, a machine too busy to draw in time) that presents no frame before the end is passed
 * over without an error: it was never given a fair chance, and errors count towards the
 * watchdog's reload.
 */
export const PRESENT_FAIR_CHANCE_MS = 2_000

export interface Transition {
  zoneId: string
  key: string
  itemId: string | null
  playlistId: string | null
  version: number | null
  /** A feed item's entries on screen (proof of play names them); absent for other kinds. */
  entries?: readonly string[]
  /** When the timeline says it starts, and when the screen actually showed it. */
  dueMs: number
  shownMs: number
}

interface Prepared {
  key: string
  rendered: Rendered
  layer: HTMLElement
  /** Null once the item can be shown; otherwise why it cannot. */
  ready: Promise<string | null>
  /** An item of the timeline, not a card (connecting, nothing scheduled, cannot show). */
  content: boolean
  /** `rendered.start()` was called (early, for an item drawn beneath the current one first). */
  started: boolean
  /** Not shown because too little of its item was left to wait for its picture: no error. */
  passedOver?: boolean
}

export interface PlaybackOptions {
  zoneId: string
  /** Shows emergency messages (the main zone's playback does, for the whole screen). */
  overlay: EmergencyOverlay | null
  now: () => number
  onShow: (t: Transition) => void
  /** An item could not be shown and was skipped. */
  onError: (message: string) => void
  /** The zone has dealt with what the current document puts on it now: shown, or skipped. */
  onSettled?: () => void
}

/**
 * Plays one zone of a document: asks the timeline what is due now and when the next change is,
 * shows it, prepares the next item ahead of time, and sleeps until the change. A new document
 * re-asks the timeline at once; an item that did not change keeps playing untouched. An item
 * that cannot be shown (a page that never loads, a broken file) is skipped: what was on screen
 * stays until the next change.
 */
export class Playback {
  private document: ScreenDocument | null = null
  private current: Prepared | null = null
  private next: Prepared | null = null
  private timers: ReturnType<typeof setTimeout>[] = []
  /** Bumped on every evaluation so that a stale async step abandons its work. */
  private generation = 0
  /** The last item that could not be shown: its slot legitimately keeps the previous item. */
  private skippedKey: string | null = null
  /** Set by redraw: the due item is rebuilt even if it is the one on screen. */
  private stale = false
  /** The document whose due item this zone has shown or skipped (see `settledWith`). */
  private settledFor: ScreenDocument | null = null

  private readonly zoneId: string
  private readonly overlay: EmergencyOverlay | null
  private readonly now: () => number

  constructor(
    private readonly stage: Stage,
    private readonly options: PlaybackOptions,
  ) {
    this.zoneId = options.zoneId
    this.overlay = options.overlay
    this.now = options.now
  }

  get version(): number | null {
    return this.document?.version ?? null
  }

  /**
   * Whether the zone plays `document` and has dealt with it: the item due when it arrived is on
   * screen, or was skipped as unplayable.
   */
  settledWith(document: ScreenDocument): boolean {
    return this.document === document && this.settledFor === document
  }

  setDocument(document: ScreenDocument): void {
    this.document = document
    this.discardNext()
    void this.evaluate()
  }

  /**
   * Shows the due item afresh, even when it is the one on screen: a preview moved its clock, and a
   * clock, a ticker, a rotating slide or a video must show the new instant rather than carry on.
   */
  redraw(): void {
    this.stale = true
    this.discardNext()
    void this.evaluate()
  }

  /** Shows a card in place of content (no document yet, unknown screen…). */
  showCard(title: string, lines: readonly { lang: string; text: string }[]): void {
    this.document = null
    this.overlay?.show(null)
    this.clearTimers()
    this.discardNext()
    this.generation++
    void this.swapTo(
      `card:${title}:${lines.map((l) => l.text).join()}`,
      renderIdle(title, lines),
      null,
      this.now(),
    )
  }

  /**
   * How long this zone has been showing something other than what the timeline says, in ms
   * (0 when it is right, or when the due item was skipped as unplayable). The watchdog reloads
   * a player whose zones stay behind: timers that stopped firing, a swap that never finished.
   */
  lagMs(at: number): number {
    const document = this.document
    if (!document) return 0
    const { playing } = resolve(document, at, this.zoneId)
    const key = playing ? keyOf(playing) : `idle:${document.version}`
    if (this.current?.key === key || this.skippedKey === key) return 0
    return Math.max(0, at - (playing?.startMs ?? at))
  }

  /** Stops the zone for good: timers cleared, every item released. */
  dispose(): void {
    this.generation++
    this.document = null
    this.clearTimers()
    this.discardNext()
    if (this.current) this.drop(this.current)
    this.current = null
  }

  private async evaluate(): Promise<void> {
    const generation = ++this.generation
    this.clearTimers()
    const document = this.document
    if (!document) return
    const at = this.now()
    const { playing, override } = resolve(document, at, this.zoneId)
    this.overlay?.show(override)
    const key = playing ? keyOf(playing) : `idle:${document.version}`
    if (this.current?.key !== key || this.stale) {
      const prepared =
        this.next?.key === key
          ? this.takeNext()
          : playing
            ? this.prepare(playing)
            : this.prepareRendered(key, this.renderNothing(document))
      let error = await prepared.ready
      if (error === null && generation === this.generation) error = await this.arrive(prepared, playing)
      if (generation !== this.generation) {
        if (prepared !== this.current) this.drop(prepared)
        return
      }
      this.stale = false
      if (error === null) this.commit(prepared, playing, playing?.startMs ?? at)
      else {
        this.drop(prepared)
        this.skippedKey = key
        if (!prepared.passedOver) this.options.onError(error)
        // Keeping the previous item is only better than black when there is one (a player that
        // just started, or a new layout's zone, has none; a card saying "connecting" or "nothing
        // scheduled" would now be untrue): otherwise the zone says it cannot show the item.
        if (!this.current?.content) await this.showFallback(document, key, generation)
      }
    }
    this.settledFor = document
    this.options.onSettled?.()
    const change = nextChange(document, at, this.zoneId)
    if (change === null) return
    const wait = Math.max(0, change - this.now())
    this.timers.push(setTimeout(() => void this.evaluate(), wait))
    const { playing: upcoming } = resolve(document, change, this.zoneId)
    const ahead = upcoming?.item.kind === 'web' ? PREPARE_AHEAD_WEB_MS : PREPARE_AHEAD_MS
    this.timers.push(
      setTimeout(() => this.prepareAhead(document, change, generation), Math.max(0, wait - ahead)),
    )
  }

  /** In place of an item that could not be shown, with nothing on screen to keep. */
  private async showFallback(doc: ScreenDocument, key: string, generation: number): Promise<void> {
    const card = this.renderNothing(doc, CANNOT_SHOW)
    const prepared = this.prepareRendered(`unshown:${key}`, card)
    await prepared.ready
    if (generation !== this.generation || this.current?.content) return this.drop(prepared)
    this.commit(prepared, null, this.now())
  }

  /** The main zone says why it is empty; other zones (a ticker strip, a corner) stay dark. */
  private renderNothing(doc: ScreenDocument, lines = NOTHING_TO_PLAY): Rendered {
    if (this.zoneId === MAIN_ZONE) return renderIdle(doc.screen.name, lines)
    const element = document.createElement('div')
    element.className = 'zone-empty'
    return { element, prepare: async () => {}, start: () => {}, dispose: () => {} }
  }

  private prepareAhead(document: ScreenDocument, at: number, generation: number): void {
    if (generation !== this.generation || document !== this.document) return
    const { playing } = resolve(document, at, this.zoneId)
    if (!playing || this.next?.key === keyOf(playing) || this.current?.key === keyOf(playing)) return
    this.discardNext()
    this.next = this.prepare(playing)
  }

  private prepare(playing: Playing): Prepared {
    const doc = this.document!
    const rendered =
      renderItem(playing.item, {
        startMs: playing.startMs,
        endMs: playing.endMs,
        now: this.now,
        width: this.stage.width,
        height: this.stage.height,
        timeZone: doc.screen.timeZone,
        audio: doc.screen.audio,
      }) ??
      renderIdle(playing.item.kind, [
        { lang: 'en', text: `This player cannot show "${playing.item.kind}" items; update it.` },
      ])
    return this.prepareRendered(keyOf(playing), rendered, playing)
  }

  private prepareRendered(key: string, rendered: Rendered, playing?: Playing): Prepared {
    const layer = this.stage.mount(rendered)
    if (playing) {
      layer.dataset.itemId = playing.item.id
      layer.dataset.playlistId = playing.playlistId
    }
    // Settles with null when ready, or the reason the item cannot be shown.
    const ready = rendered.prepare().then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    )
    return { key, rendered, layer, ready, content: playing !== undefined, started: false }
  }

  /**
   * An item whose picture the compositor draws apart from the page (a video) is drawn and started
   * beneath the item on screen, and goes on top once that picture is there: on top any earlier,
   * its zone is black for a few frames (up to seconds with the machine overloaded). One that
   * presents nothing before its time is up is skipped, as an item that cannot be shown: the
   * previous item stays, and the watchdog reloads a player whose zones stay behind. Null when the
   * item can go on top (or has nothing to wait for), else why not.
   */
  private async arrive(prepared: Prepared, playing: Playing | null): Promise<string | null> {
    const { rendered } = prepared
    if (!rendered.presented || !playing) return null
    this.stage.underlay(prepared.layer)
    rendered.start()
    prepared.started = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const left = playing.endMs - this.now()
    const presented = await Promise.race([
      rendered.presented().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.max(0, left))
      }),
    ])
    clearTimeout(timer)
    if (!presented && left < PRESENT_FAIR_CHANCE_MS) prepared.passedOver = true
    return presented
      ? null
      : `${playing.item.kind} ${playing.item.id}: no frame presented before the item's end`
  }

  private async swapTo(
    key: string,
    rendered: Rendered,
    playing: Playing | null,
    dueMs: number,
  ): Promise<void> {
    const generation = this.generation
    const prepared = this.prepareRendered(key, rendered)
    const error = await prepared.ready
    if (generation !== this.generation || error !== null) return this.drop(prepared)
    this.commit(prepared, playing, dueMs)
  }

  private commit(prepared: Prepared, playing: Playing | null, dueMs: number): void {
    const previous = this.current
    // A screen may blend items (its crossfade setting); the old item plays on until it is covered.
    const fadeMs = this.document?.screen.crossfadeMs ?? 0
    const covered = this.stage.show(prepared.layer, fadeMs)
    if (!prepared.started) prepared.rendered.start()
    this.current = prepared
    if (previous && previous !== prepared) void covered.then(() => previous.rendered.dispose())
    this.stage.root.dataset.itemId = playing?.item.id ?? ''
    this.options.onShow({
      zoneId: this.zoneId,
      key: prepared.key,
      itemId: playing?.item.id ?? null,
      playlistId: playing?.playlistId ?? null,
      version: this.document?.version ?? null,
      ...entriesOf(playing?.item),
      dueMs,
      shownMs: this.now(),
    })
  }

  private takeNext(): Prepared {
    const next = this.next!
    this.next = null
    return next
  }

  private discardNext(): void {
    if (this.next) this.drop(this.next)
    this.next = null
  }

  private drop(prepared: Prepared): void {
    prepared.rendered.dispose()
    this.stage.discard(prepared.layer)
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers = []
  }
}

/**
 * Identity of what is on screen: the same item content starting at the same instant. A new
 * document that leaves the current item unchanged therefore causes no re-render. Items whose
 * picture depends only on the clock (tickers, clocks) drop the instant: looping into itself
 * or a republish leaves them running.
 */
export function keyOf(playing: Playing): string {
  const continuous = rendererFor(playing.item.kind)?.continuous === true
  return `${playing.playlistId}${continuous ? '' : `@${playing.startMs}`}:${canonicalJson(playing.item)}`
}

/**
 * What proof of play names beside the item: the ids of the entries a feed item shows (all of them
 * over its time: a ticker scrolls them, cards turn through them); the approved version of the
 * dataset a dataset item shows (its rows and values are that version's, in the audit's history).
 */
function entriesOf(item: DocumentItem | undefined): { entries?: readonly string[] } {
  if (item?.kind === 'feed' && item.entries.length > 0) return { entries: item.entries.map((e) => e.entryId) }
  if (item?.kind === 'dataset') return { entries: [datasetVersionEntry(item.version)] }
  return {}
}
