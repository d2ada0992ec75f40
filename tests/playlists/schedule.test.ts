import type { ScheduleRule } from '@playlists/schemas/schedule'
import { instantOf } from '@playlists/time/zone'
import { nextChange, resolve, timeline } from '@playlists/timeline'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { documentWith, item, playlist, rule } from '../helpers/documents'

const HCM = 'Asia/Ho_Chi_Minh'
/** A local wall-clock time in Vietnam (UTC+7) as an instant. */
const vn = (y: number, mo: number, d: number, h: number, mi = 0) =>
  instantOf(HCM, { year: y, month: mo, day: d }, h * 60 + mi)

const DEFAULT = [item('d1', 600_000), item('d2', 600_000)]
const EVENING = playlist('evening', [item('e1', 60_000), item('e2', 60_000)])
const NIGHT = playlist('night', [item('n1', 60_000)])
const PROMO = playlist('promo', [item('p1', 30_000)])

const doc = (rules: ScheduleRule[], timeZone = HCM) =>
  documentWith(DEFAULT, 0, 'default', { rules, timeZone, playlists: [EVENING, NIGHT, PROMO] })

const playlistAt = (d: ReturnType<typeof doc>, at: number) => resolve(d, at).playing?.playlistId ?? null

describe('scheduling: dayparts', () => {
  const d = doc([rule('evening', 'evening', { window: { start: '18:00', end: '22:00' } })])

  it('switches to the evening playlist at 18:00 local time and back at 22:00', () => {
    // 2026-12-01 is a Tuesday.
    expect(playlistAt(d, vn(2026, 12, 1, 18) - 1)).toBe('default')
    expect(playlistAt(d, vn(2026, 12, 1, 18))).toBe('evening')
    expect(playlistAt(d, vn(2026, 12, 1, 22) - 1)).toBe('evening')
    expect(playlistAt(d, vn(2026, 12, 1, 22))).toBe('default')
  })

  it('opens a daypart with its first item, anchored at the window start', () => {
    const p = resolve(d, vn(2026, 12, 1, 18, 1) + 500).playing!
    expect(p).toMatchObject({ playlistId: 'evening', index: 1, startMs: vn(2026, 12, 1, 18, 1) })
    expect(resolve(d, vn(2026, 12, 1, 18)).playing).toMatchObject({ index: 0, loop: 0 })
  })

  it('announces the daypart boundary as the next change even mid-item', () => {
    // Default items last 10 minutes; the one running at 17:55 would end at 18:00 or later.
    expect(nextChange(d, vn(2026, 12, 1, 17, 59))).toBe(vn(2026, 12, 1, 18))
  })

  it('runs a window across midnight and counts it on the weekday it starts', () => {
    const fridayNight = doc([rule('night', 'night', { days: [5], window: { start: '22:00', end: '02:00' } })])
    // 2026-12-04 is a Friday.
    expect(playlistAt(fridayNight, vn(2026, 12, 4, 23))).toBe('night')
    expect(playlistAt(fridayNight, vn(2026, 12, 5, 1, 59))).toBe('night')
    expect(playlistAt(fridayNight, vn(2026, 12, 5, 2))).toBe('default')
    expect(playlistAt(fridayNight, vn(2026, 12, 5, 23))).toBe('default') // Saturday night
    expect(playlistAt(fridayNight, vn(2026, 12, 3, 23))).toBe('default') // Thursday night
  })

  it('runs a campaign from its first instant (inclusive) to its last (exclusive)', () => {
    const campaign = doc([rule('c', 'promo', { from: '2026-12-01T06:00', until: '2026-12-15T18:00' })])
    expect(playlistAt(campaign, vn(2026, 12, 1, 6) - 1)).toBe('default')
    expect(resolve(campaign, vn(2026, 12, 1, 6)).playing).toMatchObject({
      playlistId: 'promo',
      startMs: vn(2026, 12, 1, 6),
    })
    expect(playlistAt(campaign, vn(2026, 12, 15, 18) - 1)).toBe('promo')
    expect(playlistAt(campaign, vn(2026, 12, 15, 18))).toBe('default')
  })

  it('follows a cron recurrence for its duration', () => {
    const c = doc([rule('c', 'promo', { cron: { expression: '0 */2 * * *', durationMinutes: 30 } })])
    expect(playlistAt(c, vn(2026, 12, 1, 10))).toBe('promo')
    expect(playlistAt(c, vn(2026, 12, 1, 10, 30))).toBe('default')
    expect(playlistAt(c, vn(2026, 12, 1, 11))).toBe('default')
    expect(playlistAt(c, vn(2026, 12, 1, 12, 29))).toBe('promo')
  })

  it('skips a rule whose playlist is not in the document', () => {
    const ghost = doc([rule('g', 'ghost', { priority: 100 })])
    expect(playlistAt(ghost, vn(2026, 12, 1, 12))).toBe('default')
  })
})

describe('scheduling: the overlap rule', () => {
  const at = vn(2026, 12, 1, 19)
  const window = { start: '18:00', end: '22:00' }

  it('lets the higher priority win', () => {
    const d = doc([
      rule('a', 'evening', { window, priority: 60 }),
      rule('b', 'night', { window, priority: 40 }),
    ])
    expect(playlistAt(d, at)).toBe('evening')
  })

  it('then the more specific target: screen > group > site > all', () => {
    const d = doc([
      rule('all', 'promo', { window, specificity: 1 }),
      rule('site', 'night', { window, specificity: 2 }),
      rule('screen', 'evening', { window, specificity: 4 }),
    ])
    expect(playlistAt(d, at)).toBe('evening')
  })

  it('then the entry created later, then the greater id', () => {
    const d = doc([
      rule('a', 'evening', { window, createdAt: '2026-11-02T00:00:00.000Z' }),
      rule('b', 'night', { window, createdAt: '2026-11-01T00:00:00.000Z' }),
    ])
    expect(playlistAt(d, at)).toBe('evening')
    const tie = doc([rule('a', 'evening', { window }), rule('b', 'night', { window })])
    expect(playlistAt(tie, at)).toBe('night')
  })

  it('resumes the lower entry after a higher one ends, restarting its loop', () => {
    const d = doc([
      rule('low', 'evening', { window: { start: '18:00', end: '22:00' } }),
      rule('high', 'promo', { window: { start: '19:00', end: '19:30' }, priority: 90 }),
    ])
    expect(playlistAt(d, vn(2026, 12, 1, 19, 15))).toBe('promo')
    expect(resolve(d, vn(2026, 12, 1, 19, 30)).playing).toMatchObject({ playlistId: 'evening', index: 0 })
  })
})

describe('scheduling: daylight saving time (Europe/Berlin)', () => {
  const BER = 'Europe/Berlin'
  const d = doc([rule('night', 'night', { window: { start: '01:00', end: '04:00' } })], BER)

  it('keeps a window on local time across the spring-forward night (2 h of real time)', () => {
    const e = timeline(d, Date.UTC(2026, 2, 28, 22), Date.UTC(2026, 2, 29, 4)).filter(
      (x) => x.playlistId === 'night',
    )
    expect(new Date(e[0]!.startMs).toISOString()).toBe('2026-03-29T00:00:00.000Z') // 01:00 CET
    expect(new Date(e.at(-1)!.endMs).toISOString()).toBe('2026-03-29T02:00:00.000Z') // 04:00 CEST
  })

  it('keeps a window on local time across the fall-back night (4 h of real time)', () => {
    const e = timeline(d, Date.UTC(2026, 9, 24, 20), Date.UTC(2026, 9, 25, 6)).filter(
      (x) => x.playlistId === 'night',
    )
    expect(new Date(e[0]!.startMs).toISOString()).toBe('2026-10-24T23:00:00.000Z') // 01:00 CEST
    expect(new Date(e.at(-1)!.endMs).toISOString()).toBe('2026-10-25T03:00:00.000Z') // 04:00 CET
  })

  it('opens an 08:00 window at 08:00 local on both sides of each transition', () => {
    const morning = doc([rule('m', 'promo', { window: { start: '08:00', end: '09:00' } })], BER)
    for (const [y, m, day, utcHour] of [
      [2026, 3, 28, 7],
      [2026, 3, 29, 6],
      [2026, 10, 24, 6],
      [2026, 10, 25, 7],
    ] as const) {
      const start = Date.UTC(y, m - 1, day, utcHour)
      expect(playlistAt(morning, start - 1)).toBe('default')
      expect(playlistAt(morning, start)).toBe('promo')
    }
  })
})

describe('scheduling: overrides', () => {
  const start = vn(2026, 12, 1, 9)
  const d = documentWith(DEFAULT, 0, 'default', {
    overrides: [
      {
        id: 'em',
        text: { vi: { title: 'Cảnh báo', body: '' } },
        startsAtMs: start,
        endsAtMs: start + 60_000,
      },
    ],
  })

  it('puts an emergency message above everything between its instants', () => {
    expect(resolve(d, start - 1).override).toBeNull()
    expect(resolve(d, start).override?.id).toBe('em')
    expect(resolve(d, start).playing?.playlistId).toBe('default')
    expect(resolve(d, start + 60_000).override).toBeNull()
    expect(nextChange(d, start - 1_000)).toBe(start)
    expect(nextChange(d, start + 1)).toBe(start + 60_000)
  })
})

/** Random rule sets: dayparts with random windows, weekdays and priorities. */
const timeText = fc
  .integer({ min: 0, max: 47 })
  .map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`)
const arbRule = fc
  .record({
    start: timeText,
    end: timeText,
    priority: fc.integer({ min: 0, max: 100 }),
    playlistId: fc.constantFrom('evening', 'night', 'promo'),
    days: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), {
      nil: null,
    }),
  })
  .filter((r) => r.start !== r.end)
const arbRules = fc.array(arbRule, { maxLength: 6 }).map((rs) =>
  rs.map((r, i) =>
    rule(`r${i}`, r.playlistId, {
      priority: r.priority,
      days: r.days,
      window: { start: r.start, end: r.end },
    }),
  ),
)
const arbZone = fc.constantFrom(HCM, 'Europe/Berlin', 'America/New_York', 'Australia/Sydney')
const arbInstant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) })

describe('scheduling: properties', () => {
  const originalTz = process.env.TZ
  afterEach(() => {
    process.env.TZ = originalTz
  })

  it('timeline entries are contiguous, non-overlapping, and agree with resolve at sampled instants', () => {
    fc.assert(
      fc.property(
        arbRules,
        arbZone,
        arbInstant,
        fc.integer({ min: 1, max: 3 * 86_400_000 }),
        (rules, zone, from, span) => {
          const d = doc(rules, zone)
          const entries = timeline(d, from, from + span)
          expect(entries[0]!.startMs).toBe(from)
          expect(entries.at(-1)!.endMs).toBe(from + span)
          for (let i = 1; i < entries.length; i++) expect(entries[i]!.startMs).toBe(entries[i - 1]!.endMs)
          const step = Math.max(1, Math.floor(entries.length / 25))
          for (let i = 0; i < entries.length; i += step) {
            const e = entries[i]!
            for (const t of [e.startMs, e.endMs - 1, Math.floor((e.startMs + e.endMs) / 2)]) {
              const r = resolve(d, t)
              expect(r.playing?.item.id ?? null).toBe(e.itemId)
              expect(r.segment.ruleId).toBe(e.ruleId)
            }
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('gives a window its first instant and not its end, when it is the only rule', () => {
    fc.assert(
      fc.property(arbRule, arbZone, arbInstant, (r, zone, at) => {
        const d = doc([rule('only', r.playlistId, { window: { start: r.start, end: r.end } })], zone)
        const entries = timeline(d, at, at + 3 * 86_400_000)
        const i = entries.findIndex(
          (x, k) => k > 0 && x.ruleId === 'only' && entries[k - 1]!.ruleId !== 'only',
        )
        if (i < 0) return
        const e = entries[i]!
        const j = entries.findIndex((x, k) => k > i && x.ruleId !== 'only')
        if (j < 0) return
        const windowEnd = entries[j]!.startMs
        expect(resolve(d, e.startMs).segment.ruleId).toBe('only')
        expect(resolve(d, e.startMs - 1).segment.ruleId).toBeNull()
        expect(resolve(d, windowEnd - 1).segment.ruleId).toBe('only')
        expect(resolve(d, windowEnd).segment.ruleId).toBeNull()
      }),
      { numRuns: 60 },
    )
  })

  it('does not depend on the time zone of the process running it', () => {
    fc.assert(
      fc.property(arbRules, arbZone, arbInstant, (rules, zone, at) => {
        const d = doc(rules, zone)
        process.env.TZ = 'UTC'
        const a = timeline(d, at, at + 86_400_000)
        process.env.TZ = 'Pacific/Kiritimati'
        const b = timeline(d, at, at + 86_400_000)
        process.env.TZ = 'America/Los_Angeles'
        const c = resolve(d, at + 3_600_000)
        expect(b).toEqual(a)
        expect(c.playing?.item.id ?? null).toBe(
          a.find((e) => e.startMs <= at + 3_600_000 && at + 3_600_000 < e.endMs)!.itemId,
        )
      }),
      { numRuns: 30 },
    )
  })
})
