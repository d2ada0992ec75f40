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
      // It rejects for a file that is gone (a 404 from the server or the cache) or damaged: the
      // player then skips the item rather than show an empty frame. A picture that did load
      // despite the rejection (decode can reject on a busy renderer) is shown.
      prepare: () =>
        img.decode().catch(() => {
          if (img.naturalWidth > 0) return
          throw new Error(`image ${item.media.url} cannot be loaded or decoded`)
        }),
      start: () => {},
      // Nothing to release: the detached element and its bitmap go with the layer. Removing `src`
      // from an <img> already detached keeps it registered with the document in Chromium (a leak
      // of ~10 nodes per item the soak benchmark found), so it is left alone.
      dispose: () => {},
    }
  },
}
