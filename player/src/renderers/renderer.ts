import type { DocumentItemOf, ItemKind } from '@playlists/schemas/items'

export interface RenderContext {
  /** The instant the item starts on the timeline, and when it ends (server time, ms). */
  startMs: number
  endMs: number
  /** The player's clock (server time once synchronised): renderers that move read it, never Date.now. */
  now: () => number
  /** The zone's size in CSS pixels, for layout decisions (portrait vs landscape, text size). */
  width: number
  height: number
  /** The screen's IANA time zone, for clocks. */
  timeZone: string
  /** The screen has speakers and sound is allowed. */
  audio: boolean
}

/** An item being prepared off screen, then shown, then thrown away. */
export interface Rendered {
  /** Attached to a hidden layer before `prepare` is awaited, so layout can be measured. */
  readonly element: HTMLElement
  /**
   * Resolves once the first frame can be shown without a blank (image decoded, video buffered,
   * page loaded). Rejects when the item cannot be shown (a page that never loads): the player
   * then skips it and keeps what it was showing.
   */
  prepare(): Promise<void>
  /** The layer became visible (for an item with `presented`, drawn beneath the one on screen). */
  start(): void
  /**
   * For content the compositor draws apart from the page (a video's frames): the layer is drawn
   * beneath the item on screen and started, and this resolves once the item's own picture is
   * there to be seen; only then does it go on top. Without it, an item is whole in the frame
   * its layer is shown (Chromium draws a newly shown layer once it is rastered).
   */
  presented?(): Promise<void>
  /** Release everything the item holds (video decoders, frames, timers). */
  dispose(): void
}

/** One kind of content. Adding a kind is adding a file that exports one of these, and a registry line. */
export interface Renderer<K extends ItemKind = ItemKind> {
  readonly kind: K
  /**
   * The item's picture depends on the time, not on when it appeared (a ticker, a clock): the same
   * item looping, or the same item in a new document, keeps running instead of being rebuilt.
   */
  readonly continuous?: boolean
  render(item: DocumentItemOf<K>, context: RenderContext): Rendered
}
