import { DOCUMENT_HORIZON_DAYS } from '@playlists/limits'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { ScheduleRule } from '@playlists/schemas/schedule'
import type { TimelineAnswer } from '@playlists/schemas/timeline'
import { instantOf } from '@playlists/time/zone'
import { timelineAnswer } from '@server/publishing/timeline-answer'
import { describe, expect, it } from 'vitest'
import { documentWith, item, playlist, rule } from '../helpers/documents'

/**
 * The timeline API's answer (issue 16): bounded pages that read back to back give the whole
 * range, and a range longer than a document's horizon still shows what is scheduled past it.
 */

const DAY = 86_400_000
const vn = (month: number, day: number, h = 0) =>
  instantOf(
    'Asia/Ho_Chi_Minh',
    { year: month > 12 ? 2027 : 2026, month: month > 12 ? month - 12 : month, day },
    h * 60,
  )
const FROM = vn(12, 1)

const RULES: ScheduleRule[] = [
  rule('morning', 'morning', { window: { start: '06:00', end: '11:00' }, priority: 60, specificity: 2 }),
  rule('noon', 'noon', { window: { start: '10:00', end: '14:00' }, priority: 50 }),
  rule('hourly', 'noon', { cron: { expression: '30 * * * *', durationMinutes: 20 }, priority: 40 }),
  // Tết: more than a horizon ahead of FROM.
  rule('tet', 'tet', { from: '2027-01-20T00:00', until: '2027-01-25T00:00', priority: 90 }),
]

/** The screen's document compiled as of `at`, as the publisher does: rules of its horizon only. */
function documentAt(at: number): ScreenDocument {
  const fromMs = Math.floor(at / DAY) * DAY
  const untilMs = fromMs + DOCUMENT_HORIZON_DAYS * DAY
  const inHorizon = (r: ScheduleRule) =>
    (r.from === null || Date.parse(`${r.from}:00+07:00`) < untilMs) &&
    (r.until === null || Date.parse(`${r.until}:00+07:00`) > fromMs)
  const d = documentWith([item('d1', 10_000), item('d2', 5_000)], 0, 'default', {
    playlists: ['morning', 'noon', 'tet'].map((id) => playlist(id, [item(`${id}1`, 8_000)])),
    rules: RULES.filter(inHorizon),
    zones: [
      { id: 'ticker', name: 'Ticker', x: 0, y: 0.9, width: 1, height: 0.1, defaultPlaylistId: 'default' },
    ],
  })
  return { ...d, horizon: { fromMs, untilMs } }
}

/** Every page from `from` on, each asked from the previous one's `next`. */
function pages(from: number, to: number, granularity: 'item' | 'segment', max: number): TimelineAnswer[] {
  const out: TimelineAnswer[] = []
  for (let at: number | null = from; at !== null; ) {
    const page = timelineAnswer(documentAt, at, to, granularity, max)
    if (page.next !== null) expect(Date.parse(page.next)).toBeGreaterThan(at)
    out.push(page)
    at = page.next === null ? null : Date.parse(page.next)
  }
  return out
}

type Span = { start: string; end: string }
/** The spans cut at each of `cuts` (ISO instants): what pages ending there hold. */
function cutAt<T extends Span>(list: readonly T[], cuts: readonly string[]): T[] {
  const out: T[] = []
  for (const x of list) {
    let rest = x
    for (const cut of cuts) {
      if (rest.start < cut && cut < rest.end) {
        out.push({ ...rest, end: cut })
        rest = { ...rest, start: cut }
      }
    }
    out.push(rest)
  }
  return out
}

const weight = (a: TimelineAnswer) =>
  a.zones.reduce((n, z) => n + z.entries.length + z.conflicts.reduce((m, c) => m + 1 + c.losers.length, 0), 0)

describe('timeline answer', () => {
  it('shows what is scheduled past the first document horizon', () => {
    const answer = timelineAnswer(documentAt, FROM, FROM + 92 * DAY, 'segment')
    expect(answer.next).toBeNull()
    const tet = answer.zones[0]!.entries.filter((e) => e.ruleId === 'tet')
    expect(tet).toEqual([
      expect.objectContaining({
        start: new Date(vn(13, 20)).toISOString(),
        end: new Date(vn(13, 25)).toISOString(),
      }),
    ])
    // Read with the first document alone, Tết would be missing.
    expect(documentAt(FROM).rules.map((r) => r.id)).not.toContain('tet')
  })

  it('joins a stretch that goes on across a horizon into one entry', () => {
    const answer = timelineAnswer(documentAt, FROM, FROM + 92 * DAY, 'segment')
    const ticker = answer.zones.find((z) => z.id === 'ticker')!
    // Nothing is scheduled in the ticker: one entry over the whole range, whatever the documents.
    expect(ticker.entries).toEqual([
      expect.objectContaining({
        start: new Date(FROM).toISOString(),
        end: new Date(FROM + 92 * DAY).toISOString(),
      }),
    ])
  })

  for (const [granularity, days, max] of [
    ['segment', 92, 400],
    ['item', 1, 2_000],
  ] as const) {
    it(`read ${granularity} pages of ${max} back to back, gives the one big answer`, () => {
      const to = FROM + days * DAY
      const whole = timelineAnswer(documentAt, FROM, to, granularity, 1_000_000)
      const paged = pages(FROM, to, granularity, max)
      expect(paged.length).toBeGreaterThan(2)
      for (const page of paged) expect(weight(page)).toBeLessThanOrEqual(max)
      const cuts = paged.flatMap((p) => (p.next === null ? [] : [p.next]))
      whole.zones.forEach((zone, i) => {
        // An entry or a conflict going on past a page's end is cut there; the next page has the rest.
        expect(paged.flatMap((p) => p.zones[i]!.entries)).toEqual(cutAt(zone.entries, cuts))
        expect(paged.flatMap((p) => p.zones[i]!.conflicts)).toEqual(cutAt(zone.conflicts, cuts))
      })
    })
  }

  it('moves on even when the first conflict alone outweighs the page', () => {
    const page = timelineAnswer(documentAt, vn(12, 1, 10), vn(12, 2), 'segment', 1)
    expect(page.next).not.toBeNull()
    expect(Date.parse(page.next!)).toBeGreaterThan(vn(12, 1, 10))
  })
})
