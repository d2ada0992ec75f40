import type { ItemKind } from '../../../playlists/schemas/playlist'
import { imageRenderer } from './image'
import type { Renderer } from './renderer'
import { slideRenderer } from './slide'
import { videoRenderer } from './video'

const renderers = new Map<ItemKind, Renderer>(
  [imageRenderer, videoRenderer, slideRenderer].map((r) => [r.kind, r] as const),
)

export function rendererFor(kind: ItemKind): Renderer | undefined {
  return renderers.get(kind)
}
