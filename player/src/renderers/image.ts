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
      dispose: () => {
        img.removeAttribute('src')
      },
    }
  },
}
