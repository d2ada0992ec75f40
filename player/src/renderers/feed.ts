import { fitText } from '../fit-text'
import { trilingualBox } from '../trilingual'
import type { Renderer } from './renderer'
import { rotateByClock } from './rotation'
import { scrollingStrip } from './ticker'

/**
 * A feed source's entries as the screen's document carries them (text, and images from the
 * manifest, so they show with the network gone). `ticker`: the headlines scroll along the
 * strip, each in its language. `cards`: one headline card at a time, laid out like a slide (the
 * entry's image, when it has one, beside the text on landscape panels, above it on portrait
 * ones), each for an equal share of the item, turned by the clock like a rotating slide.
 */
export const feedRenderer: Renderer<'feed'> = {
  kind: 'feed',
  render(item, context) {
    if (item.style === 'ticker') {
      const texts = item.entries.map((e) => ({ lang: e.language, text: e.title, entryId: e.entryId }))
      return scrollingStrip('feed', texts, item.speed, context)
    }

    const root = document.createElement('section')
    root.className = 'feed-cards'
    root.dataset.itemKind = 'feed'
    const orientation = context.height > context.width ? 'portrait' : 'landscape'
    const cards = item.entries.map((entry) => {
      const card = document.createElement('article')
      card.className = `slide feed-card ${orientation}`
      card.dataset.entryId = entry.entryId
      if (entry.media) {
        const img = document.createElement('img')
        img.className = 'slide-image'
        img.alt = ''
        img.src = entry.media.url
        card.append(img)
      }
      // The block carries the entry's language (its `lang` picks the fonts: Noto CJK for zh).
      const text = { title: entry.title, body: entry.summary }
      card.append(trilingualBox({ vi: text, zh: text, en: text }, 'slide-text', [entry.language]))
      root.append(card)
      return card
    })

    const rotation = rotateByClock(context, cards.length, (index) => {
      cards.forEach((card, i) => {
        card.hidden = i !== index
      })
      root.dataset.entryId = cards[index]?.dataset.entryId ?? ''
    })

    return {
      element: root,
      prepare: async () => {
        const images = [...root.querySelectorAll('img')]
        await Promise.all([document.fonts.ready, ...images.map((img) => img.decode().catch(() => undefined))])
        // Each card's text as large as fits, measured while it is the one laid out; a headline
        // no larger than a tenth of the shorter side, like a slide's title.
        for (const card of cards) {
          for (const other of cards) other.hidden = other !== card
          fitText(
            card.querySelector<HTMLElement>('.slide-text')!,
            Math.min(context.width, context.height) / 10,
          )
        }
        rotation.settle()
      },
      start: rotation.start,
      // Pictures are left alone, as in image.ts: removing their `src` once detached leaks them.
      dispose: rotation.stop,
    }
  },
}
