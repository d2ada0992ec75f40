import { contests } from '@playlists/schedule/contests'
import type { ScheduleRule } from '@playlists/schemas/schedule'
import { instantOf } from '@playlists/time/zone'
import { timeline } from '@playlists/timeline'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { documentWith, item, playlist, rule } from '../helpers/documents'

const HCM = 'Asia/Ho_Chi_Minh'
const vn = (d: number, h: number, mi = 0) => instantOf(HCM, { year: 2026, month: 12, day: d }, h * 60 + mi)

const PLAYLISTS = ['evening', 'night', 'promo'].map((id) => playlist(id, [item(`${id}-1`, 60_000)]))
const doc = (rules: ScheduleRule[]) =>
  documentWith([item('d1', 600_000)], 0, 'default', { rules, playlists: PLAYLISTS })

const window = (start: string, end: string) => ({ window: { start, end } })

describe('contests: where schedule entries compete for a zone', () => {
  it('finds the overlap of two windows and says the more specific target won', () => {
    const d = doc([
      rule('site', 'evening', { ...window('08:00', '12:00'), specificity: 2 }),
      rule('screen', 'night', { ...window('10:00', '14:00'), specificity: 4 }),
    ])
    expect(contests(d, vn(1, 0), vn(2, 0), 'main')).toEqual([
      {
        startMs: vn(1, 10),
        endMs: vn(1, 12),
        winner: { ruleId: 'screen', priority: 50, specificity: 4 },
        losers: [{ ruleId: 'site', priority: 50, specificity: 2, reason: 'specificity' }],
      },
    ])
  })

  it('names each step of the overlap rule: priority, then target, then the newer entry, then the id', () => {
    const reasonOf = (a: Partial<ScheduleRule>, b: Partial<ScheduleRule>) => {
      const d = doc([rule('a', 'evening', a), rule('b', 'night', b)])
      const [c] = contests(d, vn(1, 0), vn(1, 1), 'main')
      return `${c!.winner.ruleId} ${c!.losers[0]!.reason}`
    }
    expect(reasonOf({ priority: 60, specificity: 1 }, { priority: 40 })).toBe('a priority')
    expect(reasonOf({ specificity: 3 }, { specificity: 2, createdAt: '2026-06-01T00:00:00.000Z' })).toBe(
      'a specificity',
    )
    expect(reasonOf({ createdAt: '2026-06-01T00:00:00.000Z' }, {})).toBe('a newer')
    expect(reasonOf({}, {})).toBe('b id')
  })

  it('ranks three entries and splits the contest where the set of contenders changes', () => {
    const d = doc([
      rule('low', 'evening', { ...window('18:00', '22:00'), priority: 10 }),
      rule('mid', 'night', { ...window('19:00', '21:00'), priority: 50 }),
      rule('high', 'promo', { ...window('20:00', '20:30'), priority: 90 }),
    ])
    const found = contests(d, vn(1, 0), vn(2, 0), 'main').map((c) => ({
      at: [c.startMs, c.endMs],
      order: [c.winner.ruleId, ...c.losers.map((l) => l.ruleId)],
    }))
    expect(found).toEqual([
      { at: [vn(1, 19), vn(1, 20)], order: ['mid', 'low'] },
      { at: [vn(1, 20), vn(1, 20, 30)], order: ['high', 'mid', 'low'] },
      { at: [vn(1, 20, 30), vn(1, 21)], order: ['mid', 'low'] },
    ])
  })

  it('counts back-to-back windows, other zones, missing playlists and a cron overlapping itself as no contest', () => {
    const d = doc([
      rule('morning', 'evening', window('06:00', '10:00')),
      rule('late', 'night', window('10:00', '14:00')),
      rule('ticker', 'promo', { ...window('06:00', '14:00'), zoneId: 'ticker' }),
      rule('ghost', 'missing', window('06:00', '14:00')),
      rule('cron', 'promo', { cron: { expression: '*/10 16 * * *', durationMinutes: 30 } }),
    ])
    expect(contests(d, vn(1, 0), vn(2, 0), 'main')).toEqual([])
  })

  it('clips contests to the range, across midnight', () => {
    const d = doc([
      rule('night', 'night', window('22:00', '02:00')),
      rule('all', 'evening', { priority: 10 }),
    ])
    const found = contests(d, vn(2, 0), vn(2, 12), 'main')
    expect(found.map((c) => [c.startMs, c.endMs, c.winner.ruleId])).toEqual([[vn(2, 0), vn(2, 2), 'night']])
  })

  it('always names as winner the entry the timeline plays', () => {
    const arbitraryRule = (id: string) =>
      fc
        .record({
          start: fc.integer({ min: 0, max: 23 }),
          length: fc.integer({ min: 1, max: 10 }),
          priority: fc.integer({ min: 0, max: 2 }),
          specificity: fc.integer({ min: 1, max: 4 }),
          created: fc.integer({ min: 1, max: 3 }),
          playlist: fc.constantFrom('evening', 'night', 'promo'),
        })
        .map((r) =>
          rule(id, r.playlist, {
            ...window(
              `${String(r.start).padStart(2, '0')}:00`,
              `${String((r.start + r.length) % 24).padStart(2, '0')}:00`,
            ),
            priority: r.priority,
            specificity: r.specificity,
            createdAt: `2026-0${r.created}-01T00:00:00.000Z`,
          }),
        )
    fc.assert(
      fc.property(fc.tuple(arbitraryRule('a'), arbitraryRule('b'), arbitraryRule('c')), (rules) => {
        const d = doc(rules)
        const from = vn(1, 0)
        const to = vn(3, 0)
        const entries = timeline(d, from, to)
        for (const c of contests(d, from, to, 'main')) {
          for (const e of entries) {
            if (e.endMs <= c.startMs || e.startMs >= c.endMs) continue
            expect(e.ruleId).toBe(c.winner.ruleId)
          }
          expect(c.losers.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 150 },
    )
  })
})
