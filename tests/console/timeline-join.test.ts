import { joined, sameSpan } from '@console/pages/schedule/timeline-join'
import type { Conflict, TimelineEntryAnswer } from '@playlists/schemas/timeline'
import { describe, expect, it } from 'vitest'

/**
 * A screen's timeline over a week may come in several answers; where one answer stops inside a
 * stretch that goes on in the next, the schedule page must draw that stretch once.
 */

const at = (hour: number) => new Date(Date.UTC(2026, 11, 5, hour)).toISOString()

const entry = (from: number, to: number, over: Partial<TimelineEntryAnswer> = {}): TimelineEntryAnswer => ({
  start: at(from),
  end: at(to),
  playlistId: 'morning',
  itemId: null,
  index: null,
  ruleId: 'r1',
  overrideId: null,
  ...over,
})

const conflict = (from: number, to: number, loserPriority = 1): Conflict => ({
  start: at(from),
  end: at(to),
  winner: { ruleId: 'r1', priority: 5, target: 'site' },
  losers: [{ ruleId: 'r2', priority: loserPriority, target: 'all', reason: 'priority' }],
})

describe('timeline answers joined', () => {
  it('joins the stretch an answer cut in two into one', () => {
    const list = joined([entry(0, 6), entry(6, 9)], [entry(9, 12), entry(12, 18, { playlistId: 'noon' })])
    expect(list).toEqual([entry(0, 6), entry(6, 12), entry(12, 18, { playlistId: 'noon' })])
  })

  it('keeps two stretches apart when anything that tells them apart differs', () => {
    for (const over of [{ playlistId: 'noon' }, { ruleId: 'r2' }, { overrideId: 'o1' }, { playlistId: null }])
      expect(joined([entry(0, 6)], [entry(6, 9, over)]), JSON.stringify(over)).toHaveLength(2)
  })

  it('keeps stretches apart when the next one does not begin where the last one ended', () => {
    expect(joined([entry(0, 6)], [entry(7, 9)])).toEqual([entry(0, 6), entry(7, 9)])
    expect(sameSpan(entry(0, 6), entry(5, 9))).toBe(false)
  })

  it('joins conflicts only when the same winner beat the same losers', () => {
    expect(joined([conflict(0, 6)], [conflict(6, 8)])).toEqual([conflict(0, 8)])
    expect(joined([conflict(0, 6)], [conflict(6, 8, 2)])).toHaveLength(2)
  })

  it('never joins an entry with a conflict', () => {
    const c = { ...conflict(6, 8) }
    expect(sameSpan(entry(0, 6), c)).toBe(false)
    expect(sameSpan(c, entry(8, 9))).toBe(false)
  })

  it('takes the first answer whole, ignores an empty one and leaves its inputs alone', () => {
    const first = [entry(0, 6)]
    expect(joined([], first)).toEqual(first)
    expect(joined(first, [])).toEqual(first)
    expect(joined([], [])).toEqual([])
    joined(first, [entry(6, 9)])
    expect(first).toEqual([entry(0, 6)])
  })

  it('joins answers page after page, as a busy week comes', () => {
    let list: TimelineEntryAnswer[] = []
    for (let h = 0; h < 24; h += 2) list = joined(list, [entry(h, h + 2)])
    expect(list).toEqual([entry(0, 24)])
  })
})
