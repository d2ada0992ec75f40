import { fitText } from '../fit-text'
import { trilingualBox } from '../trilingual'
import type { Renderer } from './renderer'

/**
 * A trilingual text slide, the three languages stacked (vi, zh, en), with an optional picture:
 * beside the text on landscape panels, above it on portrait ones.
 */
export const slideRenderer: Renderer = {
  kind: 'slide',
  render(item, context) {
    const root = document.createElement('section')
    const portrait = context.height > context.width
    root.className = `slide ${portrait ? 'portrait' : 'landscape'}`
    root.dataset.itemKind = 'slide'

    if (item.media) {
      const img = document.createElement('img')
      img.className = 'slide-image'
      img.alt = ''
      img.src = item.media.url
      root.append(img)
    }

    const text = trilingualBox(item.text, 'slide-text')
    root.append(text)

    return {
      element: root,
      prepare: async () => {
        const img = root.querySelector('img')
        await Promise.all([document.fonts.ready, img?.decode().catch(() => undefined)])
        // Largest size that could make sense: a title line a tenth of the shorter side.
        fitText(text, Math.min(context.width, context.height) / 10)
      },
      start: () => {},
      dispose: () => {
        root.querySelector('img')?.removeAttribute('src')
      },
    }
  },
}
