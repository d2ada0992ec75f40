import { ruleProblems } from '@playlists/schedule/validate'
import type { ScheduleRule } from '@playlists/schemas/schedule'
import { instantOf } from '@playlists/time/zone'
import { nextChange, resolve } from '@playlists/timeline'
import { describe, expect, it } from 'vitest'
import { documentWith, item, playlist, rule } from '../helpers/documents'

const HCM = 'Asia/Ho_Chi_Minh'
const SHANGHAI = 'Asia/Shanghai'
const at = (zone: string, y: number, mo: number, d: number, h = 0, mi = 0) =>
  instantOf(zone, { year: y, month: mo, day: d }, h * 60 + mi)
const vn = (y: number, mo: number, d: number, h = 0, mi = 0) => at(HCM, y, mo, d, h, mi)

const DEFAULT = [item('d1', 600_000)]
const FESTIVAL = playlist('festival', [item('f1', 60_000)])
const doc = (rules: ScheduleRule[], timeZone = HCM) =>
  documentWith(DEFAULT, 0, 'default', { rules, timeZone, playlists: [FESTIVAL] })
const playing = (d: ReturnType<typeof doc>, instant: number) =>
  resolve(d, instant).playing?.playlistId ?? null

describe('scheduling: lunar days', () => {
  const tet = doc([rule('tet', 'festival', { lunar: { month: 1, days: [1, 2, 3] } })])

  it('plays the Tết playlist on the 1st to 3rd of the 1st lunar month (17–19 February 2026)', () => {
    expect(playing(tet, vn(2026, 2, 17) - 1)).toBe('default')
    expect(playing(tet, vn(2026, 2, 17))).toBe('festival')
    expect(playing(tet, vn(2026, 2, 19, 23, 59))).toBe('festival')
    expect(playing(tet, vn(2026, 2, 20))).toBe('default')
    // And again a lunar year later: Tết 2027 is 6 February.
    expect(playing(tet, vn(2027, 2, 6, 12))).toBe('festival')
    expect(playing(tet, vn(2027, 2, 17, 12))).toBe('default')
  })

  it('tells the player when to switch: at local midnight starting Tết', () => {
    // Follow the instants the player would wake at until the playlist changes.
    let t = vn(2026, 2, 16, 12)
    for (let guard = 0; guard < 1_000 && playing(tet, t) === 'default'; guard++) t = nextChange(tet, t)!
    expect(t).toBe(vn(2026, 2, 17))
  })

  it('opens a daily window on the Mid-Autumn festival only (15/8: 25 September 2026)', () => {
    const d = doc([
      rule('moon', 'festival', { lunar: { month: 8, days: [15] }, window: { start: '18:00', end: '22:00' } }),
    ])
    expect(playing(d, vn(2026, 9, 25, 17, 59))).toBe('default')
    expect(playing(d, vn(2026, 9, 25, 18))).toBe('festival')
    expect(playing(d, vn(2026, 9, 25, 22))).toBe('default')
    expect(playing(d, vn(2026, 9, 24, 19))).toBe('default')
    expect(playing(d, vn(2026, 10, 25, 19))).toBe('default')
  })

  it('plays on the 1st and 15th of every lunar month, leap months included', () => {
    const d = doc([rule('rằm', 'festival', { lunar: { month: null, days: [1, 15] } })])
    expect(playing(d, vn(2026, 3, 3, 9))).toBe('festival') // 15/1
    expect(playing(d, vn(2026, 3, 4, 9))).toBe('default')
    expect(playing(d, vn(2025, 6, 25, 9))).toBe('festival') // 1/6
    expect(playing(d, vn(2025, 7, 25, 9))).toBe('festival') // 1/6 leap
    expect(playing(d, vn(2025, 8, 8, 9))).toBe('festival') // 15/6 leap
  })

  it('keeps a rule for a named month to the regular month, not its leap repeat', () => {
    const d = doc([rule('m6', 'festival', { lunar: { month: 6, days: [1] } })])
    expect(playing(d, vn(2025, 6, 25, 9))).toBe('festival')
    expect(playing(d, vn(2025, 7, 25, 9))).toBe('default')
  })

  it('names a screen’s local days by Vietnam’s calendar even in China: Tết 2007 is 17 February', () => {
    // China's own Tết that year was 18 February; the operators scheduled Vietnam's.
    const d = doc([rule('tet', 'festival', { lunar: { month: 1, days: [1] } })], SHANGHAI)
    expect(playing(d, at(SHANGHAI, 2007, 2, 16, 23, 59))).toBe('default')
    expect(playing(d, at(SHANGHAI, 2007, 2, 17))).toBe('festival')
    expect(playing(d, at(SHANGHAI, 2007, 2, 18))).toBe('default')
  })

  it('reads a document rule written before lunar days existed as having none', () => {
    const { lunar: _none, ...old } = rule('old', 'festival', { window: { start: '08:00', end: '09:00' } })
    const d = doc([old as ScheduleRule])
    expect(playing(d, vn(2026, 5, 5, 8, 30))).toBe('festival')
  })
})

describe('scheduling: lunar day validation', () => {
  it('refuses a month 13 and a day 31 or 0, naming the part', () => {
    expect(ruleProblems({ lunar: { month: 13, days: [1] } })).toEqual([
      { field: 'lunar.month', message: 'a lunar month is 1–12, not 13' },
    ])
    expect(ruleProblems({ lunar: { month: 8, days: [15, 31] } })).toEqual([
      { field: 'lunar.days', message: 'a lunar day is 1–30, not 31' },
    ])
    expect(ruleProblems({ lunar: { month: null, days: [0] } })[0]?.field).toBe('lunar.days')
    expect(ruleProblems({ lunar: { month: null, days: [] } })[0]?.field).toBe('lunar.days')
    expect(ruleProblems({ lunar: { month: 1, days: [30] } })).toEqual([])
  })

  it('refuses lunar days mixed with weekdays or cron', () => {
    expect(ruleProblems({ lunar: { month: null, days: [1] }, days: [1] })[0]?.field).toBe('lunar')
    expect(
      ruleProblems({
        lunar: { month: null, days: [1] },
        cron: { expression: '0 8 * * *', durationMinutes: 5 },
      }).map((p) => p.field),
    ).toContain('lunar')
  })
})
