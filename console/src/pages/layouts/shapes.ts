import type { Screen } from '@playlists/schemas/screen'
import { shownName } from '../../i18n/names'

/** A panel shape to draw a layout over: a real screen size, with the screens that have it. */
export interface Shape {
  /** `1536x768` */
  id: string
  width: number
  height: number
  screens: string[]
}

/**
 * The panels the programme plans for (DESIGN.md), offered before any screen is registered, so a
 * layout can be drawn for the gates' real shapes on a fresh install.
 */
const PLANNED: readonly [number, number][] = [
  [1920, 960],
  [1536, 768],
  [1920, 1080],
  [1080, 1920],
]

/** One shape per distinct screen size, in the order screens are listed. */
export function shapesOf(screens: readonly Screen[]): Shape[] {
  const shapes = new Map<string, Shape>()
  for (const s of screens) {
    const id = `${s.width}x${s.height}`
    const known = shapes.get(id)
    if (known) known.screens.push(shownName(s.name))
    else shapes.set(id, { id, width: s.width, height: s.height, screens: [shownName(s.name)] })
  }
  if (shapes.size === 0) {
    for (const [width, height] of PLANNED)
      shapes.set(`${width}x${height}`, { id: `${width}x${height}`, width, height, screens: [] })
  }
  return [...shapes.values()]
}

/**
 * The shape to start with: that of a screen using the layout, else the one closest to the
 * preset's intended aspect (width ÷ height; 0 when the preset fits any), else the first.
 */
export function initialShape(
  shapes: readonly Shape[],
  screens: readonly Screen[],
  usedBy: readonly string[],
  aspect: number,
): Shape | undefined {
  const user = screens.find((s) => usedBy.includes(s.id))
  if (user) return shapes.find((s) => s.id === `${user.width}x${user.height}`)
  if (aspect > 0) {
    const distance = (s: Shape) => Math.abs(Math.log(s.width / s.height / aspect))
    return [...shapes].sort((a, b) => distance(a) - distance(b))[0]
  }
  return shapes[0]
}
