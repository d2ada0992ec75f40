import { CIVIL_TWILIGHT_ELEVATION, crossings, SUNRISE_ELEVATION, solarElevation } from '@playlists/power/sun'
import { describe, expect, it } from 'vitest'

/**
 * The reference is a second, independent method: the "sunrise equation" as Wikipedia gives it
 * (en.wikipedia.org/wiki/Sunrise_equation, "Complete calculation on Earth"), which works from the
 * Julian day number with its own rounded constants (mean anomaly 357.5291 + 0.98560028·J*,
 * perihelion 102.9372°, fixed obliquity 23.4397°), not from NOAA's Julian-century polynomials the
 * code uses. The two agree within a minute or so where both are valid; the test allows ±2 min.
 */
function referenceSunriseSunset(latitude: number, longitude: number, date: string) {
  const rad = Math.PI / 180
  const noonUtc = Date.parse(`${date}T12:00:00Z`)
  const n = noonUtc / 86_400_000 + 2440587.5 - 2451545 // Julian day number since J2000 (noon)
  const jStar = n - longitude / 360
  const m = (357.5291 + 0.98560028 * jStar) % 360
  const c = 1.9148 * Math.sin(m * rad) + 0.02 * Math.sin(2 * m * rad) + 0.0003 * Math.sin(3 * m * rad)
  const lambda = (m + c + 180 + 102.9372) % 360
  const transit = 2451545 + jStar + 0.0053 * Math.sin(m * rad) - 0.0069 * Math.sin(2 * lambda * rad)
  const sinDec = Math.sin(lambda * rad) * Math.sin(23.4397 * rad)
  const cosDec = Math.cos(Math.asin(sinDec))
  const cosW =
    (Math.sin(-0.833 * rad) - Math.sin(latitude * rad) * sinDec) / (Math.cos(latitude * rad) * cosDec)
  const w = Math.acos(cosW) / rad
  const toMs = (jd: number) => (jd - 2440587.5) * 86_400_000
  return { rise: toMs(transit - w / 360), set: toMs(transit + w / 360) }
}

const LANG_SON = { latitude: 21.85, longitude: 106.76 }
const TWO_MINUTES = 120_000
/** 00:00 UTC of the day whose local (UTC+7) morning and evening we look at. */
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`)

describe('sunrise and sunset (NOAA solar position)', () => {
  for (const date of ['2026-01-15', '2026-03-20', '2026-06-21', '2026-09-23', '2026-12-21']) {
    it(`agree with the sunrise equation within 2 minutes in Lạng Sơn on ${date}`, () => {
      const ours = crossings(LANG_SON.latitude, LANG_SON.longitude, utcMidnight(date), SUNRISE_ELEVATION)
      const reference = referenceSunriseSunset(LANG_SON.latitude, LANG_SON.longitude, date)
      expect(ours.rise).not.toBeNull()
      expect(Math.abs((ours.rise ?? 0) - reference.rise)).toBeLessThan(TWO_MINUTES)
      expect(Math.abs((ours.set ?? 0) - reference.set)).toBeLessThan(TWO_MINUTES)
    })
  }

  it('finds the sun at the sunrise elevation at the sunrise it computes', () => {
    const { rise, set } = crossings(LANG_SON.latitude, LANG_SON.longitude, utcMidnight('2026-04-10'), -0.833)
    expect(solarElevation(LANG_SON.latitude, LANG_SON.longitude, rise!)).toBeCloseTo(-0.833, 1)
    expect(solarElevation(LANG_SON.latitude, LANG_SON.longitude, set!)).toBeCloseTo(-0.833, 1)
  })

  it('has no sunrise in a polar night and no sunset in a midnight sun (Tromsø, 69.65° N)', () => {
    const tromso = { latitude: 69.65, longitude: 18.96 }
    const winter = crossings(tromso.latitude, tromso.longitude, utcMidnight('2026-12-21'), SUNRISE_ELEVATION)
    expect(winter).toEqual({ rise: null, set: null })
    // The sun still comes within 6° of the horizon at noon: civil twilight happens.
    const twilight = crossings(
      tromso.latitude,
      tromso.longitude,
      utcMidnight('2026-12-21'),
      CIVIL_TWILIGHT_ELEVATION,
    )
    expect(twilight.rise).not.toBeNull()
    const summer = crossings(tromso.latitude, tromso.longitude, utcMidnight('2026-06-21'), SUNRISE_ELEVATION)
    expect(summer).toEqual({ rise: null, set: null })
    expect(
      solarElevation(tromso.latitude, tromso.longitude, Date.parse('2026-06-21T23:00:00Z')),
    ).toBeGreaterThan(0)
  })
})
