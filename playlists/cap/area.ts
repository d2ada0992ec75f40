import type { CapArea, CapPoint } from '../schemas/cap'

/**
 * Which sites an alert's areas cover. CAP draws areas as polygons and circles in WGS 84
 * (§3.2.4): a polygon is "lat,lon" pairs separated by spaces, at least four, first equal to last;
 * a circle is "lat,lon radius" with the radius in kilometres. Text that does not read as either
 * is skipped (the schema types both as plain strings), never guessed at.
 */

const EARTH_RADIUS_KM = 6371.0088

function readPoint(text: string): CapPoint | null {
  const [a, b, ...rest] = text.split(',')
  if (a === undefined || b === undefined || rest.length > 0) return null
  const lat = Number(a)
  const lon = Number(b)
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null
  return { lat, lon }
}

/** A polygon's points, or null when the text is not a closed ring of at least four points. */
export function readPolygon(text: string): CapPoint[] | null {
  const points: CapPoint[] = []
  for (const pair of text.trim().split(/\s+/)) {
    const point = readPoint(pair)
    if (!point) return null
    points.push(point)
  }
  const first = points[0]
  const last = points.at(-1)
  if (points.length < 4 || !first || !last || first.lat !== last.lat || first.lon !== last.lon) return null
  return points
}

export function readCircle(text: string): { centre: CapPoint; radiusKm: number } | null {
  const [centreText, radiusText, ...rest] = text.trim().split(/\s+/)
  if (centreText === undefined || radiusText === undefined || rest.length > 0) return null
  const centre = readPoint(centreText)
  const radiusKm = Number(radiusText)
  if (!centre || !Number.isFinite(radiusKm) || radiusKm < 0) return null
  return { centre, radiusKm }
}

/** Ray casting on latitude/longitude: exact enough for areas the size of a province. */
export function inPolygon(point: CapPoint, ring: readonly CapPoint[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as CapPoint
    const b = ring[j] as CapPoint
    if (a.lat > point.lat !== b.lat > point.lat) {
      const lonAtLat = a.lon + ((point.lat - a.lat) / (b.lat - a.lat)) * (b.lon - a.lon)
      if (point.lon < lonAtLat) inside = !inside
    }
  }
  return inside
}

/** Great-circle distance (haversine). */
export function distanceKm(a: CapPoint, b: CapPoint): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function areaCovers(area: CapArea, point: CapPoint): boolean {
  return (
    area.polygons.some((ring) => inPolygon(point, ring)) ||
    area.circles.some((c) => distanceKm(c.centre, point) <= c.radiusKm)
  )
}

export interface SiteLocation {
  id: string
  latitude: number | null
  longitude: number | null
}

export interface GeocodeSites {
  valueName: string
  value: string
  sites: readonly string[]
}

/**
 * The sites an alert reaches: those whose coordinates lie in one of its areas, those a geocode
 * of its areas is mapped to, and the source's own list. Sorted, without repeats.
 */
export function sitesReached(
  areas: readonly CapArea[],
  sites: readonly SiteLocation[],
  geocodes: readonly GeocodeSites[],
  always: readonly string[],
): string[] {
  const reached = new Set(always)
  for (const site of sites) {
    if (site.latitude === null || site.longitude === null) continue
    const point = { lat: site.latitude, lon: site.longitude }
    if (areas.some((area) => areaCovers(area, point))) reached.add(site.id)
  }
  for (const area of areas)
    for (const code of area.geocodes)
      for (const mapped of geocodes)
        if (mapped.valueName === code.valueName && mapped.value === code.value)
          for (const id of mapped.sites) reached.add(id)
  return [...reached].sort()
}
