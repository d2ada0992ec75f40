import type { Override } from '@playlists/schemas/emergency'
import { fitText } from './fit-text'
import { trilingualBox } from './trilingual'

/**
 * The emergency layer: a full-screen message above everything the playlist shows. It is a
 * sibling of the stage, so no item swap can ever cover it.
 */
export class EmergencyOverlay {
  private shown: string | null = null

  constructor(private readonly root: HTMLElement) {}

  show(override: Override | null): void {
    const key = override ? `${override.id}:${JSON.stringify(override.text)}` : null
    if (key === this.shown) return
    this.shown = key
    this.root.replaceChildren()
    this.root.hidden = override === null
    this.root.dataset.overrideId = override?.id ?? ''
    if (!override) return
    const box = trilingualBox(override.text, 'emergency-text')
    this.root.append(box)
    fitText(box, Math.min(this.root.clientWidth, this.root.clientHeight) / 9)
  }
}
