import { canonicalJson } from '../../playlists/canonical'
import type { ScreenDocument } from '../../playlists/schemas/document'
import { nextChange, type Playing, resolve } from '../../playlists/timeline'
import { NOTHING_TO_PLAY, renderIdle } from './idle'
import type { EmergencyOverlay } from './overlay'
import { rendererFor } from './renderers/registry'
import type { Rendered } from './renderers/renderer'
import type { Stage } from './stage'

/** Start preparing the next item this long before it is due, so the switch has no gap. */
export const PREPARE_AHEAD_MS = 2_000

export interface Transition {
  key: string
  itemId: string | null
  playlistId: string | null
  version: number | null
  /** When the timeline says it starts, and when the screen actually showed it. */
  dueMs: number
  shownMs: number
}

interface Prepared {
  key: string
  rendered: Rendered
  layer: HTMLElement
  ready: Promise<void>
}

/**
 * Plays a document: asks the timeline what is due now and when the next change is, shows it,
 * prepares the next item ahead of time, and sleeps until the change. A new document re-asks
 * the timeline at once; an item that did not change keeps playing untouched.
 */
export class Playback {
  private document: ScreenDocument | null = null
  private current: Prepared | null = null
  private next: Prepared | null = null
  private timers: ReturnType<typeof setTimeout>[] = []
  /** Bumped on every evaluation so that a stale async step abandons its work. */
  private generation = 0

  constructor(
    private readonly stage: Stage,
    private readonly overlay: EmergencyOverlay,
    private readonly now: () => number,
    private readonly onShow: (t: Transition) => void,
  ) {}

  get version(): number | null {
    return this.document?.version ?? null
  }

  setDocument(document: ScreenDocument): void {
    this.document = document
    this.discardNext()
    void this.evaluate()
  }

  /** Shows a card in place of content (no document yet, unknown screen…). */
  showCard(title: string, lines: readonly { lang: string; text: string }[]): void {
    this.document = null
    this.overlay.show(null)
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

  private async evaluate(): Promise<void> {
    const generation = ++this.generation
    this.clearTimers()
    const document = this.document
    if (!document) return
    const at = this.now()
    const { playing, override } = resolve(document, at)
    this.overlay.show(override)
    const key = playing ? keyOf(playing) : `idle:${document.version}`
    if (this.current?.key !== key) {
      const prepared =
        this.next?.key === key
          ? this.takeNext()
          : playing
            ? this.prepare(playing, at)
            : this.prepareRendered(key, renderIdle(document.screen.name, NOTHING_TO_PLAY))
      await prepared.ready
      if (generation !== this.generation) {
        if (prepared !== this.current) this.drop(prepared)
        return
      }
      this.commit(prepared, playing, playing?.startMs ?? at)
    }
    const change = nextChange(document, at)
    if (change === null) return
    const wait = Math.max(0, change - this.now())
    this.timers.push(setTimeout(() => void this.evaluate(), wait))
    this.timers.push(
      setTimeout(() => this.prepareAhead(document, change, generation), Math.max(0, wait - PREPARE_AHEAD_MS)),
    )
  }

  private prepareAhead(document: ScreenDocument, at: number, generation: number): void {
    if (generation !== this.generation || document !== this.document) return
    const { playing } = resolve(document, at)
    if (!playing || this.next?.key === keyOf(playing)) return
    this.discardNext()
    this.next = this.prepare(playing, at)
  }

  private prepare(playing: Playing, at: number): Prepared {
    const renderer = rendererFor(playing.item.kind)
    const rendered = renderer
      ? renderer.render(playing.item, {
          offsetMs: Math.max(0, at - playing.startMs),
          width: this.stage.width,
          height: this.stage.height,
        })
      : renderIdle(playing.item.kind, [
          { lang: 'en', text: `This player cannot show "${playing.item.kind}" items.` },
        ])
    return this.prepareRendered(keyOf(playing), rendered, playing)
  }

  private prepareRendered(key: string, rendered: Rendered, playing?: Playing): Prepared {
    const layer = this.stage.mount(rendered)
    if (playing) {
      layer.dataset.itemId = playing.item.id
      layer.dataset.playlistId = playing.playlistId
    }
    return { key, rendered, layer, ready: rendered.prepare() }
  }

  private async swapTo(
    key: string,
    rendered: Rendered,
    playing: Playing | null,
    dueMs: number,
  ): Promise<void> {
    const generation = this.generation
    const prepared = this.prepareRendered(key, rendered)
    await prepared.ready
    if (generation !== this.generation) return this.drop(prepared)
    this.commit(prepared, playing, dueMs)
  }

  private commit(prepared: Prepared, playing: Playing | null, dueMs: number): void {
    const previous = this.current
    this.stage.show(prepared.layer)
    prepared.rendered.start()
    this.current = prepared
    if (previous && previous !== prepared) previous.rendered.dispose()
    this.onShow({
      key: prepared.key,
      itemId: playing?.item.id ?? null,
      playlistId: playing?.playlistId ?? null,
      version: this.document?.version ?? null,
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
 * document that leaves the current item unchanged therefore causes no re-render.
 */
export function keyOf(playing: Playing): string {
  return `${playing.playlistId}@${playing.startMs}:${canonicalJson(playing.item)}`
}
