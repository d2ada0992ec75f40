import { LANGUAGES, type Language } from '../../../playlists/schemas/common'
import { fitText } from '../fit-text'
import type { Renderer } from './renderer'

/** The `lang` attribute picks the right glyphs: Simplified Chinese must not fall back to Japanese forms. */
const LANG_TAG: Record<Language, string> = { vi: 'vi', zh: 'zh-Hans', en: 'en' }

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

    const text = document.createElement('div')
    text.className = 'slide-text'
    for (const lang of LANGUAGES) {
      const t = item.text?.[lang]
      if (!t) continue
      const block = document.createElement('div')
      block.className = `lang lang-${lang}`
      block.lang = LANG_TAG[lang]
      block.dataset.lang = lang
      const title = document.createElement('h1')
      title.textContent = t.title
      block.append(title)
      if (t.body) {
        const body = document.createElement('p')
        body.textContent = t.body
        block.append(body)
      }
      text.append(block)
    }
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
