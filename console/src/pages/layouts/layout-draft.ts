import { LAYOUT_ZONES_MAX } from '@playlists/limits'
import type { Zone } from '@playlists/schemas/layout'
import { hasStrings, isRecord } from '../../components/draft-shape'
import { t } from './messages'

/** What the editor changes before it is saved: the layout's name and its zones, in drawing order. */
export interface Draft {
  name: string
  zones: Zone[]
}

export const copyZones = (zones: readonly Zone[]): Zone[] => zones.map((z) => ({ ...z }))

/** A draft as text, to tell a changed draft from the saved one. */
export const asText = (d: Draft | null) => JSON.stringify(d)

/** A zone id not yet taken: zone-2, zone-3… */
function freeId(zones: readonly Zone[]): string {
  for (let n = zones.length + 1; ; n++) if (!zones.some((z) => z.id === `zone-${n}`)) return `zone-${n}`
}

/** The zone "Add a zone" appends: small, near the top left, playing nothing until given a playlist. */
export function newZone(zones: readonly Zone[]): Zone {
  return {
    id: freeId(zones),
    name: t('zones.new-name', { n: zones.length + 1 }),
    x: 0.05,
    y: 0.05,
    width: 0.3,
    height: 0.3,
    playlistId: null,
  }
}

/** The zones with the one at `index` moved `by` places down (-1) or up (1) the drawing order. */
export function movedZones(zones: readonly Zone[], index: number, by: -1 | 1): Zone[] {
  const out = copyZones(zones)
  const [zone] = out.splice(index, 1)
  out.splice(index + by, 0, zone!)
  return out
}

const isZone = (z: unknown): z is Zone =>
  hasStrings(z, ['id', 'name']) &&
  isRecord(z) &&
  ['x', 'y', 'width', 'height'].every((k) => typeof z[k] === 'number') &&
  (z.playlistId === null || typeof z.playlistId === 'string')

/** A kept draft of a layout (components/local-draft.ts) read back, or null when it is not one. */
export function parseDraft(data: unknown): Draft | null {
  if (!isRecord(data) || typeof data.name !== 'string' || !Array.isArray(data.zones)) return null
  if (data.zones.length > LAYOUT_ZONES_MAX || !data.zones.every(isZone)) return null
  return { name: data.name, zones: copyZones(data.zones as Zone[]) }
}
