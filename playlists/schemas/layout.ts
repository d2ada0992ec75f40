import Type, { type Static } from 'typebox'
import { LAYOUT_ZONES_MAX, ZONE_FRACTION_MIN } from '../limits'
import { Id, Name, Timestamp } from './common'

/**
 * A layout divides a screen into zones, each playing its own playlist: the main area, a ticker
 * strip, a clock corner. Coordinates are fractions of the screen (0–1), so one layout serves
 * every panel of the same shape whatever its pixel count; the player rounds zone edges to
 * whole pixels so that neighbouring zones meet without a gap.
 *
 * Every layout has a zone with id `main`: schedule entries play there unless they name another
 * zone, and the screen's default playlist fills it. Zones later in the list are drawn on top.
 */
export const MAIN_ZONE = 'main'

const Fraction = Type.Number({ minimum: 0, maximum: 1 })
const Side = Type.Number({ minimum: ZONE_FRACTION_MIN, maximum: 1 })

export const Zone = Type.Object(
  {
    id: Id,
    name: Name,
    x: Fraction,
    y: Fraction,
    width: Side,
    height: Side,
    /** What plays in the zone when no schedule entry aims at it. */
    playlistId: Type.Union([Id, Type.Null()]),
  },
  { additionalProperties: false },
)
export type Zone = Static<typeof Zone>

export const LayoutInput = Type.Object(
  {
    id: Type.Optional(Id),
    name: Name,
    zones: Type.Array(Zone, { minItems: 1, maxItems: LAYOUT_ZONES_MAX }),
  },
  { additionalProperties: false },
)
export type LayoutInput = Static<typeof LayoutInput>

export const Layout = Type.Object({
  id: Id,
  name: Name,
  zones: Type.Array(Zone),
  /** Screens using it; a layout in use cannot be deleted. */
  screens: Type.Array(Id),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Layout = Static<typeof Layout>

/** A ready-made zone arrangement for the panel shapes at the gates, to start a layout from. */
export const LayoutPreset = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  /** Width ÷ height of the panels it was drawn for. */
  aspect: Type.Number(),
  zones: LayoutInput.properties.zones,
})
export type LayoutPreset = Static<typeof LayoutPreset>

/** A zone as a player receives it: its default playlist resolved for this screen. */
export const DocumentZone = Type.Object({
  id: Id,
  name: Name,
  x: Type.Number(),
  y: Type.Number(),
  width: Type.Number(),
  height: Type.Number(),
  defaultPlaylistId: Type.Union([Id, Type.Null()]),
})
export type DocumentZone = Static<typeof DocumentZone>

export const DocumentLayout = Type.Object({
  /** Null for a screen without a layout: one main zone covering the whole panel. */
  id: Type.Union([Id, Type.Null()]),
  name: Name,
  zones: Type.Array(DocumentZone, { minItems: 1 }),
})
export type DocumentLayout = Static<typeof DocumentLayout>

/**
 * Tolerance for sums of fractions typed as decimals (0.7 + 0.3 is 1.0000000000000002, and
 * thirds typed as 0.6666667 + 0.3333334 overshoot by 1e-7): far below a pixel on any screen.
 */
const EPSILON = 1e-6

/**
 * What is wrong with a layout's zones, in words an operator can act on; empty when nothing is.
 * The shape (types, ranges) is the schema's job; this checks what a schema cannot.
 */
export function zoneProblems(zones: readonly Zone[]): string[] {
  const problems: string[] = []
  if (!zones.some((z) => z.id === MAIN_ZONE)) {
    problems.push(
      `A layout needs a zone with id "${MAIN_ZONE}": schedules and the default playlist play there.`,
    )
  }
  const seen = new Set<string>()
  zones.forEach((z, i) => {
    if (seen.has(z.id)) problems.push(`zones[${i}]: the id "${z.id}" is used by another zone.`)
    seen.add(z.id)
    if (z.x + z.width > 1 + EPSILON)
      problems.push(`zones[${i}] "${z.id}": x + width is ${round(z.x + z.width)}, past the right edge (1).`)
    if (z.y + z.height > 1 + EPSILON)
      problems.push(
        `zones[${i}] "${z.id}": y + height is ${round(z.y + z.height)}, past the bottom edge (1).`,
      )
  })
  return problems
}

const round = (n: number) => Math.round(n * 1e6) / 1e6

export interface PixelBox {
  left: number
  top: number
  width: number
  height: number
}

/**
 * A zone's box in whole pixels on a `width`×`height` screen. Edges are rounded, not sizes, so
 * zones that share an edge in fractions share it in pixels: no gap and no overlap.
 */
export function zonePixels(
  zone: Pick<Zone, 'x' | 'y' | 'width' | 'height'>,
  width: number,
  height: number,
): PixelBox {
  const left = edge(zone.x, width)
  const top = edge(zone.y, height)
  const right = edge(Math.min(1, zone.x + zone.width), width)
  const bottom = edge(Math.min(1, zone.y + zone.height), height)
  return { left, top, width: right - left, height: bottom - top }
}

/**
 * A fraction's pixel. `x + width` and the neighbour's `x` can differ by one float step (0.01 +
 * 0.06 is 0.06999999999999999): snapping the fraction to 9 decimals first makes both land on
 * the same side of a half pixel.
 */
function edge(fraction: number, pixels: number): number {
  return Math.round((Math.round(fraction * 1e9) / 1e9) * pixels)
}

/** The layout of a screen that has none: the whole panel is the main zone. */
export function fullScreenLayout(defaultPlaylistId: string | null): DocumentLayout {
  return {
    id: null,
    name: 'Full screen',
    zones: [{ id: MAIN_ZONE, name: 'Main', x: 0, y: 0, width: 1, height: 1, defaultPlaylistId }],
  }
}
