import { MAIN_ZONE, type Zone, zonePixels } from '../schemas/layout'
import type { LegibilityShape } from '../schemas/legibility'

/** What the check needs of a screen the playlist reaches: its panel, facts and the zones of its layout. */
export interface ReachedScreen {
  name: string
  width: number
  height: number
  pixelPitchMm: number | null
  viewingDistanceM: number | null
  defaultPlaylistId: string | null
  /** Its layout's zones; null for a screen without a layout (one zone over the panel). */
  zones: readonly Pick<Zone, 'id' | 'x' | 'y' | 'width' | 'height' | 'playlistId'>[] | null
}

const WHOLE = { id: MAIN_ZONE, x: 0, y: 0, width: 1, height: 1, playlistId: null }

/**
 * The zones a playlist may fill on a screen: those whose own playlist it is, and the main zone
 * when it is the screen's default or arrives by a schedule entry (which plays in main unless
 * it names a zone; entries that name one are rare enough that main stands for them).
 */
export function zonesFor(playlistId: string, screen: ReachedScreen) {
  const zones = screen.zones ?? [WHOLE]
  const own = zones.filter((z) => z.playlistId === playlistId)
  const main = zones.find((z) => z.id === MAIN_ZONE) ?? zones[0] ?? WHOLE
  const viaMain = screen.defaultPlaylistId === playlistId || own.length === 0
  return viaMain && !own.includes(main) ? [main, ...own] : own
}

/**
 * The shapes a playlist reaches: one per panel size, zone size, pitch and distance, naming its
 * screens. Screens without a pitch or distance cannot be checked; they are listed apart.
 */
export function shapesOf(
  playlistId: string,
  screens: readonly ReachedScreen[],
): { shapes: LegibilityShape[]; unchecked: string[] } {
  const shapes = new Map<string, LegibilityShape>()
  const unchecked: string[] = []
  for (const screen of screens) {
    if (screen.pixelPitchMm === null || screen.viewingDistanceM === null) {
      unchecked.push(screen.name)
      continue
    }
    for (const zone of zonesFor(playlistId, screen)) {
      const box = zonePixels(zone, screen.width, screen.height)
      const key = [
        screen.width,
        screen.height,
        box.width,
        box.height,
        screen.pixelPitchMm,
        screen.viewingDistanceM,
      ].join()
      const found = shapes.get(key)
      if (found) {
        if (!found.screens.includes(screen.name)) found.screens.push(screen.name)
        continue
      }
      const size = `${screen.width}x${screen.height}`
      const same = [...shapes.values()].filter((s) => s.id === size || s.id.startsWith(`${size}-`)).length
      shapes.set(key, {
        id: same === 0 ? size : `${size}-${same + 1}`,
        width: screen.width,
        height: screen.height,
        zoneWidth: box.width,
        zoneHeight: box.height,
        pixelPitchMm: screen.pixelPitchMm,
        viewingDistanceM: screen.viewingDistanceM,
        screens: [screen.name],
      })
    }
  }
  return { shapes: [...shapes.values()], unchecked }
}

/**
 * The panels the programme plans for (DESIGN.md; the seed's screens), checked when no screen
 * reaches a playlist yet: each seeded shape with its main zone in the seeded layout and its
 * seeded pitch and viewing distance (README "Legibility" says why those values). A test keeps
 * these equal to what the seed's own screens give.
 */
export const PLANNED_SHAPES: readonly LegibilityShape[] = [
  {
    id: '1920x960',
    width: 1920,
    height: 960,
    zoneWidth: 1440,
    zoneHeight: 826,
    pixelPitchMm: 6,
    viewingDistanceM: 25,
    screens: [],
  },
  {
    id: '1536x768',
    width: 1536,
    height: 768,
    zoneWidth: 1152,
    zoneHeight: 660,
    pixelPitchMm: 8,
    viewingDistanceM: 25,
    screens: [],
  },
  {
    id: '1920x1080',
    width: 1920,
    height: 1080,
    zoneWidth: 1536,
    zoneHeight: 950,
    pixelPitchMm: 6,
    viewingDistanceM: 20,
    screens: [],
  },
  {
    id: '1080x1920',
    width: 1080,
    height: 1920,
    zoneWidth: 1080,
    zoneHeight: 1555,
    pixelPitchMm: 0.49,
    viewingDistanceM: 2,
    screens: [],
  },
]
