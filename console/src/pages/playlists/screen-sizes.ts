import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { shownName } from '../../i18n/names'

/** A panel size to preview on, with the screens that have it and the time zone clocks show. */
export interface PreviewSize {
  id: string
  width: number
  height: number
  timeZone: string
  /** The screens of that size, by name. */
  screens: string[]
}

/**
 * The panels the programme plans for (DESIGN.md), offered when the server has no screens yet
 * (a fresh install): an outdoor LED at each gate and the Hữu Nghị cluster's wall and kiosks.
 */
const PLANNED: readonly [number, number][] = [
  [1920, 960],
  [1536, 768],
  [1920, 1080],
  [1080, 1920],
]

/** One entry per distinct panel size among the screens, in the order screens are listed. */
export function previewSizes(
  screens: readonly Screen[] | undefined,
  sites: readonly Site[] | undefined,
): PreviewSize[] {
  const zoneOfSite = new Map((sites ?? []).map((s) => [s.id, s.timeZone]))
  const sizes = new Map<string, PreviewSize>()
  for (const screen of screens ?? []) {
    const id = `${screen.width}x${screen.height}`
    const size = sizes.get(id)
    if (size) size.screens.push(shownName(screen.name))
    else
      sizes.set(id, {
        id,
        width: screen.width,
        height: screen.height,
        timeZone: screen.timeZone ?? zoneOfSite.get(screen.siteId) ?? DEFAULT_TIME_ZONE,
        screens: [shownName(screen.name)],
      })
  }
  if (sizes.size > 0) return [...sizes.values()]
  return PLANNED.map(([width, height]) => ({
    id: `${width}x${height}`,
    width,
    height,
    timeZone: DEFAULT_TIME_ZONE,
    screens: [],
  }))
}
