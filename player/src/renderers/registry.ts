import type { DocumentItem, ItemKind } from '@playlists/schemas/items'
import { clockRenderer } from './clock'
import { datasetRenderer } from './dataset'
import { feedRenderer } from './feed'
import { imageRenderer } from './image'
import type { RenderContext, Rendered, Renderer } from './renderer'
import { slideRenderer } from './slide'
import { tickerRenderer } from './ticker'
import { videoRenderer } from './video'
import { webRenderer } from './web'

const renderers: { [K in ItemKind]: Renderer<K> } = {
  image: imageRenderer,
  video: videoRenderer,
  slide: slideRenderer,
  web: webRenderer,
  ticker: tickerRenderer,
  clock: clockRenderer,
  feed: feedRenderer,
  dataset: datasetRenderer,
}

/** The renderer of a kind this player knows, or undefined for a kind from a newer server. */
export function rendererFor(kind: string): Renderer | undefined {
  return Object.hasOwn(renderers, kind) ? (renderers[kind as ItemKind] as Renderer) : undefined
}

export function renderItem(item: DocumentItem, context: RenderContext): Rendered | undefined {
  const renderer = rendererFor(item.kind) as Renderer<typeof item.kind> | undefined
  return renderer?.render(item as never, context)
}
