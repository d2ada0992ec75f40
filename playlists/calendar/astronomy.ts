/**
 * The two astronomical events a Chinese-style lunisolar calendar is built on: the new moons (a
 * month starts on the day of one) and the sun's apparent longitude (the major solar terms, every
 * 30°, decide the month numbers and the leap month). Formulas from Jean Meeus, "Astronomical
 * Algorithms" (2nd ed., 1998), written here rather than borrowed because the core runs in the
 * player and the console as well as the server, and must not depend on a library's tables.
 *
 * Precision: the new moons of chapter 49 (all periodic terms and the 14 planetary ones) are right
 * to a few seconds over 1900–2100; the sun of chapter 25 (low accuracy, with nutation and
 * aberration) to about 0.01°, some 15 minutes of time. Either only matters when an event falls
 * within minutes of a local midnight; tests/playlists/lunar-calendar.test.ts compares every day of
 * 1901–2100 with an independent implementation.
 *
 * Times are Julian days: JDE in Terrestrial (dynamical) Time, JD in Universal Time; ΔT converts.
 */

const RAD = Math.PI / 180

/** Julian day number of a proleptic Gregorian date (the day that starts at noon UT on it). */
export function julianDayNumber(year: number, month: number, day: number): number {
  // Fliegel & Van Flandern's integer form: exact for every Gregorian date, no floating point.
  const a = Math.floor((14 - month) / 12)
  const y = year + 4800 - a
  const m = month + 12 * a - 3
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  )
}

/** The Gregorian date of a Julian day number (inverse of `julianDayNumber`). */
export function dateOfJulianDay(jdn: number): { year: number; month: number; day: number } {
  const a = jdn + 32044
  const b = Math.floor((4 * a + 3) / 146097)
  const c = a - Math.floor((146097 * b) / 4)
  const d = Math.floor((4 * c + 3) / 1461)
  const e = c - Math.floor((1461 * d) / 4)
  const m = Math.floor((5 * e + 2) / 153)
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  }
}

/**
 * ΔT = TT − UT in seconds, by Espenak & Meeus' polynomials (NASA's "Five Millennium Canon of
 * Solar Eclipses", 2006), which are what tables of new moons use. The Earth's rotation cannot be
 * predicted exactly: after 2005 this is an extrapolation, off by a minute or so by 2100.
 */
export function deltaTSeconds(year: number): number {
  const y = year
  if (y < 1860 || y >= 2150) {
    const u = (y - 1820) / 100
    return -20 + 32 * u * u
  }
  if (y < 1900) {
    const t = y - 1860
    return (
      7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174
    )
  }
  if (y < 1920) {
    const t = y - 1900
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4
  }
  if (y < 1941) {
    const t = y - 1920
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3
  }
  if (y < 1961) {
    const t = y - 1950
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547
  }
  if (y < 1986) {
    const t = y - 1975
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718
  }
  if (y < 2005) {
    const t = y - 2000
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    )
  }
  if (y < 2050) {
    const t = y - 2000
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2
  }
  const u = (y - 1820) / 100
  return -20 + 32 * u * u - 0.5628 * (2150 - y)
}

/** Decimal year of a Julian day, precise enough to pick ΔT. */
function yearOf(jd: number): number {
  return 2000 + (jd - 2451545) / 365.25
}

const SECONDS_PER_DAY = 86_400

/** Lunation 0 is the new moon of 6 January 2000 (Meeus 49.1). */
const SYNODIC_MONTH = 29.530588861
const LUNATION_0_JDE = 2451550.09766

/** The lunation number whose new moon is nearest to a Julian day. */
export function lunationNear(jd: number): number {
  return Math.round((jd - LUNATION_0_JDE) / SYNODIC_MONTH)
}

/** Periodic terms of a new moon (Meeus table 49.A, the "New Moon" column): [coefficient, E power, M, M', F, Ω]. */
const NEW_MOON_TERMS: readonly (readonly [number, number, number, number, number, number])[] = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
]

/** The planetary arguments' terms (Meeus p. 351): [coefficient, A at k = 0, A per lunation]. */
const PLANETARY_TERMS: readonly (readonly [number, number, number])[] = [
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
]

/** The instant (JD, Universal Time) of new moon number `k` (Meeus chapter 49). */
export function newMoonJd(k: number): number {
  const T = k / 1236.85
  const T2 = T * T
  const T3 = T2 * T
  const T4 = T3 * T
  let jde = LUNATION_0_JDE + SYNODIC_MONTH * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4
  const E = 1 - 0.002516 * T - 0.0000074 * T2
  const M = (2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3) * RAD
  const Mm = (201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4) * RAD
  const F = (160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4) * RAD
  const Om = (124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3) * RAD
  for (const [c, e, m, mm, f, om] of NEW_MOON_TERMS) {
    jde += c * E ** e * Math.sin(m * M + mm * Mm + f * F + om * Om)
  }
  // A1 also has a T² term (Meeus p. 351); the others are linear in k.
  jde += PLANETARY_TERMS.reduce((sum, [c, a0, perK], i) => {
    const a = a0 + perK * k - (i === 0 ? 0.009173 * T2 : 0)
    return sum + c * Math.sin(a * RAD)
  }, 0)
  return jde - deltaTSeconds(yearOf(jde)) / SECONDS_PER_DAY
}

/** The sun's apparent geocentric longitude in degrees [0, 360) at an instant (JD, UT): Meeus chapter 25. */
export function sunLongitude(jd: number): number {
  const jde = jd + deltaTSeconds(yearOf(jd)) / SECONDS_PER_DAY
  const T = (jde - 2451545) / 36525
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T
  const M = (357.52911 + 35999.05029 * T - 0.0001537 * T * T) * RAD
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * Math.sin(M) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
    0.000289 * Math.sin(3 * M)
  const omega = (125.04 - 1934.136 * T) * RAD
  // Apparent: corrected for nutation in longitude and for aberration (Meeus 25.8).
  const lambda = L0 + C - 0.00569 - 0.00478 * Math.sin(omega)
  return ((lambda % 360) + 360) % 360
}
