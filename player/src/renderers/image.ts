import type { Renderer } from './renderer'

export const imageRenderer: Renderer<'image'> = {
  kind: 'image',
  render(item) {
    const img = document.createElement('img')
    img.className = `media fit-${item.fit}`
    img.alt = ''
    img.decoding = 'async'
    img.src = item.media.url
    img.dataset.itemKind = 'image'
    return {
      element: img,
      // decode() resolves once the bitmap is ready, so the swap shows a whole picture at once.
      prepare: () => img.decode().catch(() => undefined),
      start: () => {},
      // Nothing to release: the detached element and its bitmap go with the layer. Removing `src`
      // from an <img> already detached keeps it registered with the document in Chromium (a leak
      // of ~10 nodes per item the soak benchmark found), so it is left alone.
      dispose: () => {},
    }
  },
}
