import { LANGUAGES, type Language } from '@playlists/schemas/common'
import { LANG_TAG } from '../trilingual'
import type { RenderContext, Rendered, Renderer } from './renderer'

/** Line height relative to the strip: large enough to read, with room for Vietnamese stacked marks. */
const TEXT_TO_STRIP = 0.52

/**
 * Scrolling trilingual text (vi → zh → en, then again). Its position is a function of the
 * clock, not of when the item appeared: a ticker rebuilt by a new document, a restart or the
 * next loop lands exactly where the old one was, so it runs on without a jump, and the screens
 * of a cluster scroll in step. The movement is a compositor animation (transform only), so a
 * busy main thread does not make it stutter.
 */
export const tickerRenderer: Renderer<'ticker'> = {
  kind: 'ticker',
  continuous: true,
  render(item, context) {
    const texts = LANGUAGES.flatMap((lang) => (item.text[lang] ? [{ lang, text: item.text[lang] }] : []))
    return scrollingStrip('ticker', texts, item.speed, context)
  },
}

/** A run of text in one language, as a strip scrolls it. */
export interface StripText {
  lang: Language
  text: string
  /** Marks the span for tests and proof of play (a feed entry's id). */
  entryId?: string
}

/**
 * A strip scrolling `texts` in a loop at `speed` pixels a second, each in its language (the
 * `lang` attribute picks the fonts); its position a function of the clock (see tickerRenderer).
 */
export function scrollingStrip(
  kind: 'ticker' | 'feed',
  texts: readonly StripText[],
  speed: number,
  context: RenderContext,
): Rendered {
  const root = document.createElement('section')
  root.className = 'ticker'
  root.dataset.itemKind = kind
  root.style.fontSize = `${Math.max(10, Math.round(context.height * TEXT_TO_STRIP))}px`
  const track = document.createElement('div')
  track.className = 'ticker-track'
  root.append(track)

  const copy = () => {
    const run = document.createElement('div')
    run.className = 'ticker-run'
    for (const { lang, text, entryId } of texts) {
      const span = document.createElement('span')
      span.className = `ticker-text lang-${lang}`
      span.lang = LANG_TAG[lang]
      span.dataset.lang = lang
      if (entryId) span.dataset.entryId = entryId
      span.textContent = text
      run.append(span)
    }
    return run
  }

  let animation: Animation | undefined
  return {
    element: root,
    prepare: async () => {
      await document.fonts.ready
      const first = copy()
      track.append(first)
      const cycle = first.getBoundingClientRect().width
      // Enough copies that the strip is full however short the text: while one copy scrolls
      // out, the next is already in view.
      const copies = Math.max(2, Math.ceil(context.width / Math.max(1, cycle)) + 1)
      for (let i = 1; i < copies; i++) track.append(copy())
      const duration = (cycle / speed) * 1000
      animation = track.animate([{ transform: 'translateX(0)' }, { transform: `translateX(${-cycle}px)` }], {
        duration,
        iterations: Number.POSITIVE_INFINITY,
      })
      animation.pause()
      root.dataset.cyclePx = String(Math.round(cycle))
      position(animation, duration, context.now())
    },
    start: () => {
      if (!animation) return
      const duration = Number(animation.effect?.getTiming().duration)
      position(animation, duration, context.now())
      animation.play()
    },
    dispose: () => {
      animation?.cancel()
      track.replaceChildren()
    },
  }
}

/** Where the ticker is at `now`: the same on every screen and after every rebuild. */
function position(animation: Animation, durationMs: number, now: number): void {
  if (!(durationMs > 0)) return
  animation.currentTime = ((now % durationMs) + durationMs) % durationMs
}
