import { LANGUAGES, type Language } from '@playlists/schemas/common'
import { fitText } from '../fit-text'
import { trilingualBox } from '../trilingual'
import type { Renderer } from './renderer'
import { rotateByClock } from './rotation'

/**
 * A trilingual text slide with an optional picture: beside the text on landscape panels, above
 * it on portrait ones. `stacked` shows the languages together (vi, zh, en); `rotating` shows one
 * at a time, vi → zh → en, each for an equal share of the item, each fitted to the whole box.
 */
export const slideRenderer: Renderer<'slide'> = {
  kind: 'slide',
  render(item, context) {
    const root = document.createElement('section')
    const portrait = context.height > context.width
    root.className = `slide ${portrait ? 'portrait' : 'landscape'} ${item.display}`
    root.dataset.itemKind = 'slide'

    if (item.media) {
      const img = document.createElement('img')
      img.className = 'slide-image'
      img.alt = ''
      img.src = item.media.url
      root.append(img)
    }

    const languages = LANGUAGES.filter((l) => item.text[l])
    const boxes: { lang: Language | null; box: HTMLElement }[] =
      item.display === 'rotating'
        ? languages.map((lang) => ({ lang, box: trilingualBox(item.text, 'slide-text', [lang]) }))
        : [{ lang: null, box: trilingualBox(item.text, 'slide-text') }]
    for (const { box } of boxes) root.append(box)

    // Rotation is by the clock: the language on screen at an instant is the same on every
    // screen of a cluster, and a player joining mid-item shows the right one.
    const rotation = rotateByClock(context, boxes.length, (index) => {
      boxes.forEach(({ box }, i) => {
        box.hidden = i !== index
      })
      root.dataset.lang = boxes[index]!.lang ?? 'all'
    })

    return {
      element: root,
      prepare: async () => {
        const img = root.querySelector('img')
        await Promise.all([document.fonts.ready, img?.decode().catch(() => undefined)])
        // Largest size that could make sense: a title line a tenth of the shorter side. Each
        // language box is fitted while it is the one laid out.
        for (const { box } of boxes) {
          for (const other of boxes) other.box.hidden = other.box !== box
          fitText(box, Math.min(context.width, context.height) / 10)
        }
        rotation.settle()
      },
      start: rotation.start,
      // The picture is left alone, as in image.ts: removing its `src` once detached leaks it.
      dispose: rotation.stop,
    }
  },
}
