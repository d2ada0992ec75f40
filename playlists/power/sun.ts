/**
 * Where the sun stands, from NOAA's solar calculator (the "General Solar Position Calculations"
 * spreadsheet, after Meeus, Astronomical Algorithms): the sun's declination and the equation of
 * time from the Julian century, then the hour angle. Accurate to about a minute for latitudes
 * within ±72°; no table, no network, the same answer on the server and in the player.
 */

const RAD = Math.PI / 180
const DEG = 180 / Math.PI
const MINUTE = 60_000
const DAY = 86_400_000

/** Sunrise and sunset: the sun's upper limb on the horizon, refraction included (zenith 90.833°). */
export const SUNRISE_ELEVATION = -0.833
/** Civil twilight ends (dusk) or begins (dawn) with the sun's centre 6° below the horizon. */
export const CIVIL_TWILIGHT_ELEVATION = -6

interface SunAt {
  /** Declination in degrees. */
  declination: number
  /** Equation of time in minutes (apparent minus mean solar time). */
  equationOfTime: number
}

/** The sun's declination and the equation of time at an instant (ms since the Unix epoch). */
function sunAt(ms: number): SunAt {
  const julianDay = ms / DAY + 2440587.5
  const t = (julianDay - 2451545) / 36525
  const meanLongitude = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360
  const meanAnomaly = 357.52911 + t * (35999.05029 - 0.0001537 * t)
  const eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t)
  const m = meanAnomaly * RAD
  const centre =
    Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) +
    Math.sin(2 * m) * (0.019993 - 0.000101 * t) +
    Math.sin(3 * m) * 0.000289
  const omega = (125.04 - 1934.136 * t) * RAD
  const apparentLongitude = (meanLongitude + centre - 0.00569 - 0.00478 * Math.sin(omega)) * RAD
  const meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60
  const obliquity = (meanObliquity + 0.00256 * Math.cos(omega)) * RAD
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(apparentLongitude)) * DEG
  const y = Math.tan(obliquity / 2) ** 2
  const l0 = meanLongitude * RAD
  const equationOfTime =
    4 *
    DEG *
    (y * Math.sin(2 * l0) -
      2 * eccentricity * Math.sin(m) +
      4 * eccentricity * y * Math.sin(m) * Math.cos(2 * l0) -
      0.5 * y * y * Math.sin(4 * l0) -
      1.25 * eccentricity * eccentricity * Math.sin(2 * m))
  return { declination, equationOfTime }
}

/** The sun's elevation above the horizon in degrees (refraction not included) at `ms`. */
export function solarElevation(latitude: number, longitude: number, ms: number): number {
  const { declination, equationOfTime } = sunAt(ms)
  const minutesOfDay = (((ms % DAY) + DAY) % DAY) / MINUTE
  const trueSolarMinutes = minutesOfDay + equationOfTime + 4 * longitude
  const hourAngle = (trueSolarMinutes / 4 - 180) * RAD
  const lat = latitude * RAD
  const dec = declination * RAD
  const cosZenith = Math.sin(lat) * Math.sin(dec) + Math.cos(lat) * Math.cos(dec) * Math.cos(hourAngle)
  return 90 - Math.acos(Math.min(1, Math.max(-1, cosZenith))) * DEG
}

/**
 * When the sun crosses `elevation` on the UTC day that starts at `utcMidnightMs`, rising and
 * setting; null for a crossing that does not happen that day (polar day or night: the sun stays
 * above, or below, the whole day). Solved around the day's solar noon, then once more with the
 * sun's position at the first answer (the sun moves about 0.4° of declination a day near the
 * equinoxes; the second pass makes that a few seconds).
 */
export function crossings(
  latitude: number,
  longitude: number,
  utcMidnightMs: number,
  elevation: number,
): { rise: number | null; set: number | null } {
  const solve = (estimate: number, sign: -1 | 1): number | null => {
    let at = estimate
    for (let pass = 0; pass < 2; pass++) {
      const { declination, equationOfTime } = sunAt(at)
      const lat = latitude * RAD
      const dec = declination * RAD
      const cosHourAngle =
        (Math.sin(elevation * RAD) - Math.sin(lat) * Math.sin(dec)) / (Math.cos(lat) * Math.cos(dec))
      if (cosHourAngle < -1 || cosHourAngle > 1) return null
      const hourAngle = Math.acos(cosHourAngle) * DEG
      const noon = 720 - 4 * longitude - equationOfTime
      at = utcMidnightMs + (noon + sign * 4 * hourAngle) * MINUTE
    }
    return at
  }
  const noonEstimate = utcMidnightMs + (720 - 4 * longitude) * MINUTE
  return { rise: solve(noonEstimate, -1), set: solve(noonEstimate, 1) }
}

/**
 * Every instant in [fromMs, untilMs) at which the sun crosses `elevation` (either way), in
 * order. Looks at the UTC days around the range, since a site's local day straddles two.
 */
export function crossingsBetween(
  latitude: number,
  longitude: number,
  fromMs: number,
  untilMs: number,
  elevation: number,
): number[] {
  const found: number[] = []
  const firstDay = Math.floor(fromMs / DAY) * DAY - DAY
  for (let day = firstDay; day < untilMs + DAY; day += DAY) {
    const { rise, set } = crossings(latitude, longitude, day, elevation)
    for (const at of [rise, set]) if (at !== null && at >= fromMs && at < untilMs) found.push(at)
  }
  return found.sort((a, b) => a - b)
}
