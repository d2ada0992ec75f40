import type { DocumentItem, ItemKind } from '../../../playlists/schemas/playlist'

export interface RenderContext {
  /** How far into the item the screen already is (joining mid-item after a boot or publish). */
  offsetMs: number
  /** The stage's size in CSS pixels, for layout decisions (portrait vs landscape). */
  width: number
  height: number
}

/** An item being prepared off screen, then shown, then thrown away. */
export interface Rendered {
  /** Attached to a hidden layer before `ready` is awaited, so layout can be measured. */
  readonly element: HTMLElement
  /** Resolves once the first frame can be shown without a blank (image decoded, video buffered). */
  prepare(): Promise<void>
  /** The layer became visible. */
  start(): void
  /** Release everything the item holds (video decoders, object URLs). */
  dispose(): void
}

/** One kind of content. Adding a kind is adding a file that exports one of these. */
export interface Renderer {
  readonly kind: ItemKind
  render(item: DocumentItem, context: RenderContext): Rendered
}
