import { LANGUAGES, type Language } from '@playlists/schemas/common'
import type { TrilingualText } from '@playlists/schemas/text'

/** The `lang` attribute picks the right glyphs: Simplified Chinese must not fall back to Japanese forms. */
export const LANG_TAG: Record<Language, string> = { vi: 'vi', zh: 'zh-Hans', en: 'en' }

/**
 * A box holding the text in each language present (by default all, in the programme's order):
 * one block per language with its title and, if any, its body.
 */
export function trilingualBox(
  text: TrilingualText | null,
  className: string,
  languages: readonly Language[] = LANGUAGES,
): HTMLDivElement {
  const box = document.createElement('div')
  box.className = className
  for (const lang of languages) {
    const t = text?.[lang]
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
    box.append(block)
  }
  return box
}
