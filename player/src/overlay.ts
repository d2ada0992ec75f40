import { LANGUAGES } from '../../playlists/schemas/common'
import type { Override } from '../../playlists/schemas/emergency'
import { fitText } from './fit-text'

const LANG_TAG = { vi: 'vi', zh: 'zh-Hans', en: 'en' } as const

/**
 * The emergency layer: a full-screen message above everything the playlist shows. It is a
 * sibling of the stage, so no item swap can ever cover it.
 */
export class EmergencyOverlay {
  private shown: string | null = null

  constructor(private readonly root: HTMLElement) {}

  get id(): string | null {
    return this.shown
  }

  show(override: Override | null): void {
    const key = override ? `${override.id}:${JSON.stringify(override.text)}` : null
    if (key === this.shown) return
    this.shown = key
    this.root.replaceChildren()
    this.root.hidden = override === null
    this.root.dataset.overrideId = override?.id ?? ''
    if (!override) return
    const box = document.createElement('div')
    box.className = 'emergency-text'
    for (const lang of LANGUAGES) {
      const t = override.text[lang]
      if (!t) continue
      const block = document.createElement('div')
      block.lang = LANG_TAG[lang]
      block.dataset.lang = lang
      const h = document.createElement('h1')
      h.textContent = t.title
      block.append(h)
      if (t.body) {
        const p = document.createElement('p')
        p.textContent = t.body
        block.append(p)
      }
      box.append(block)
    }
    this.root.append(box)
    fitText(box, Math.min(this.root.clientWidth, this.root.clientHeight) / 9)
  }
}
