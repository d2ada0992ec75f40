import type { Zone } from '@playlists/schemas/layout'
import { shownName } from '../../i18n/names'
import { t } from './messages'

/** What GET /api/layouts/presets answers (server/layouts/presets.ts). */
export interface Preset {
  id: string
  name: string
  description: string
  /** Width ÷ height of the panels it was drawn for; 0 when it fits any. */
  aspect: number
  zones: Zone[]
}

const KNOWN = ['full-screen', 'wide-led', 'wall-16x9', 'portrait-kiosk'] as const
type Known = (typeof KNOWN)[number]
const isKnown = (id: string): id is Known => (KNOWN as readonly string[]).includes(id)

/** The server names presets in English; the console has them in the reader's language. */
export const presetName = (p: Preset): string => (isKnown(p.id) ? t(`preset.${p.id}`) : p.name)
export const presetDescription = (p: Preset): string =>
  isKnown(p.id) ? t(`preset.${p.id}.description`) : p.description

/** A preset's zones for a new layout, named in the reader's language ("Nội dung chính", not "Main"). */
export const presetZones = (p: Preset): Zone[] => p.zones.map((z) => ({ ...z, name: shownName(z.name) }))
