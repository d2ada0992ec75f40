import { isPlayable, playableList, unplayableReason } from '@playlists/playable'
import { contests } from '@playlists/schedule/contests'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { DocumentItem } from '@playlists/schemas/items'
import type { MediaRef } from '@playlists/schemas/media'
import type { ScheduleRule } from '@playlists/schemas/schedule'
import { instantOf } from '@playlists/time/zone'
import { nextChange, resolve, timeline, timelinePage } from '@playlists/timeline'
import { describe, expect, it } from 'vitest'
import { documentWith, item, playlist, rule } from '../helpers/documents'

/**
 * Issue 17: nothing an operator does by accident blanks a screen. A schedule entry whose playlist
 * can show nothing (emptied, its media gone, its pages unusable) falls through to the entry below
 * it or to the zone's default, the same way for the server, the players and the previews.
 */

const HCM = 'Asia/Ho_Chi_Minh'
const vn = (d: number, h: number, mi = 0) => instantOf(HCM, { year: 2026, month: 12, day: d }, h * 60 + mi)

const medium = (id: string): MediaRef => ({
  id,
  url: `/media/${id}.jpg`,
  contentType: 'image/jpeg',
  sha256: id.padEnd(64, '0'),
  bytes: 1000,
  width: 1920,
  height: 1080,
  durationMs: null,
})
const image = (id: string, media: MediaRef): DocumentItem => ({
  id,
  kind: 'image',
  durationMs: 60_000,
  media,
  fit: 'contain',
})
const web = (id: string, url: string): DocumentItem => ({ id, kind: 'web', durationMs: 60_000, url })

const EVENING = playlist('evening', [item('e1', 60_000), item('e2', 60_000)])
const EMPTY = playlist('empty', [])
const window = (start: string, end: string) => ({ window: { start, end } })

/** The default loops one slide; `extra` playlists are what rules point at. */
function doc(rules: ScheduleRule[], extra = [EVENING, EMPTY], assets: string[] = []): ScreenDocument {
  const d = documentWith([item('d1', 600_000)], 0, 'default', { rules, playlists: extra })
  return {
    ...d,
    assets: assets.map((url) => ({ url, sha256: '0'.repeat(64), bytes: 1000, contentType: 'image/jpeg' })),
  }
}

const shown = (d: ScreenDocument, at: number) => {
  const { playing, segment } = resolve(d, at)
  return { playlistId: playing?.playlistId ?? null, ruleId: segment.ruleId }
}

describe('playable: what a document can show', () => {
  it('needs an image or video medium in the manifest, and a slide picture too', () => {
    const m = medium('m1')
    const without = doc([])
    const withIt = doc([], [], [m.url])
    expect(unplayableReason(without, image('i', m))).toBe('medium-missing')
    expect(unplayableReason(withIt, image('i', m))).toBeNull()
    const slide: DocumentItem = { ...(item('s', 1000) as Extract<DocumentItem, { kind: 'slide' }>), media: m }
    expect(unplayableReason(without, slide)).toBe('medium-missing')
    expect(unplayableReason(without, item('s', 1000))).toBeNull()
  })

  it('needs a web address a browser can open', () => {
    const d = doc([])
    expect(unplayableReason(d, web('w', 'https://www.langson.gov.vn/'))).toBeNull()
    expect(unplayableReason(d, web('w', 'ftp://files.example/'))).toBe('bad-address')
    expect(unplayableReason(d, web('w', 'https://user:pw@example.org/'))).toBe('bad-address')
  })

  it('refuses a kind this code does not know (a newer server) and an item without duration', () => {
    const d = doc([])
    expect(unplayableReason(d, { ...item('x', 1000), kind: 'hologram' } as unknown as DocumentItem)).toBe(
      'unknown-kind',
    )
    expect(unplayableReason(d, item('x', 0))).toBe('no-duration')
  })

  it('keeps the playable items in order with their positions, and null when none is left', () => {
    const m = medium('gone')
    const d = doc([], [playlist('mixed', [image('a', m), item('b', 5_000), image('c', m), item('d', 3_000)])])
    expect(playableList(d, 'mixed')).toMatchObject({ positions: [1, 3], loopMs: 8_000 })
    expect(playableList(d, 'mixed')?.items.map((i) => i.id)).toEqual(['b', 'd'])
    expect(isPlayable(d, 'empty')).toBe(false)
    expect(isPlayable(d, 'nowhere')).toBe(false)
    expect(isPlayable(d, null)).toBe(false)
    // Names of Object.prototype are not playlists.
    expect(isPlayable(d, 'constructor')).toBe(false)
  })
})

describe('timeline: an entry with nothing playable falls through', () => {
  it('to the next entry when the winning entry’s playlist is empty', () => {
    const d = doc([
      rule('blank', 'empty', { ...window('18:00', '22:00'), priority: 90 }),
      rule('evening', 'evening', window('17:00', '23:00')),
    ])
    expect(shown(d, vn(1, 19))).toEqual({ playlistId: 'evening', ruleId: 'evening' })
    // The evening entry runs on from its own start: the empty entry did not interrupt it.
    expect(resolve(d, vn(1, 18)).playing).toMatchObject({ startMs: vn(1, 18), index: 0 })
    expect(resolve(d, vn(1, 17)).playing).toMatchObject({ playlistId: 'evening', startMs: vn(1, 17) })
    expect(nextChange(d, vn(1, 17, 59) + 30_000)).toBe(vn(1, 18))
  })

  it('to the default playlist when no other entry wants the zone', () => {
    const d = doc([rule('blank', 'empty', window('18:00', '22:00'))])
    expect(shown(d, vn(1, 19))).toEqual({ playlistId: 'default', ruleId: null })
    const entries = timeline(d, vn(1, 17), vn(1, 23))
    expect(new Set(entries.map((e) => e.playlistId))).toEqual(new Set(['default']))
    expect(entries.every((e) => e.ruleId === null)).toBe(true)
  })

  it('when every item’s medium is missing from the manifest, and plays once the medium is there', () => {
    const m = medium('poster')
    const posters = playlist('posters', [image('p1', m)])
    const rules = [rule('posters', 'posters', window('18:00', '22:00'))]
    expect(shown(doc(rules, [posters]), vn(1, 19))).toEqual({ playlistId: 'default', ruleId: null })
    expect(shown(doc(rules, [posters], [m.url]), vn(1, 19))).toEqual({
      playlistId: 'posters',
      ruleId: 'posters',
    })
  })

  it('when every page has an address no browser can open', () => {
    const pages = playlist('pages', [web('w1', 'ftp://files.example/'), web('w2', 'not an address')])
    const d = doc([rule('pages', 'pages', { priority: 100 })], [pages])
    expect(shown(d, vn(1, 12))).toEqual({ playlistId: 'default', ruleId: null })
  })

  it('shows nothing (and says no playlist) when the default itself has nothing playable', () => {
    const base = documentWith([], 0, 'default')
    expect(resolve(base, vn(1, 12))).toMatchObject({ playing: null, segment: { playlistId: null } })
    const [entry] = timelinePage(base, vn(1, 0), vn(2, 0), { max: 10, granularity: 'segment' }).entries
    expect(entry).toMatchObject({ playlistId: null, ruleId: null })
    expect(nextChange(base, vn(1, 12))).toBeNull()
  })

  it('loops only the playable items, reporting each by its place in the playlist', () => {
    const m = medium('gone')
    const mixed = playlist('mixed', [image('a', m), item('b', 5_000), item('c', 3_000)])
    const d = doc([rule('mixed', 'mixed', window('18:00', '22:00'))], [mixed])
    expect(resolve(d, vn(1, 18)).playing).toMatchObject({
      index: 1,
      startMs: vn(1, 18),
      endMs: vn(1, 18) + 5_000,
    })
    expect(resolve(d, vn(1, 18) + 9_000).playing).toMatchObject({ index: 1, loop: 1 })
    const walked = timeline(d, vn(1, 18), vn(1, 18) + 16_000)
    expect(walked.map((e) => [e.itemId, e.index])).toEqual([
      ['b', 1],
      ['c', 2],
      ['b', 1],
      ['c', 2],
    ])
  })
})

describe('contests: an entry with nothing playable neither wins nor loses', () => {
  const NIGHT = playlist('night', [item('n1', 60_000)])

  it('names as winner the entry that plays, not the empty one above it', () => {
    const d = doc(
      [
        rule('blank', 'empty', { ...window('18:00', '22:00'), priority: 90 }),
        rule('evening', 'evening', { ...window('18:00', '22:00'), priority: 60 }),
        rule('night', 'night', window('18:00', '22:00')),
      ],
      [EVENING, EMPTY, NIGHT],
    )
    const found = contests(d, vn(1, 0), vn(2, 0), 'main')
    expect(found).toHaveLength(1)
    expect(found[0]!.winner.ruleId).toBe('evening')
    expect(found[0]!.losers.map((l) => l.ruleId)).toEqual(['night'])
  })

  it('leaves no contest when only one of two overlapping entries can play', () => {
    const d = doc([
      rule('blank', 'empty', { ...window('18:00', '22:00'), priority: 90 }),
      rule('evening', 'evening', window('18:00', '22:00')),
    ])
    expect(contests(d, vn(1, 0), vn(2, 0), 'main')).toEqual([])
  })
})
