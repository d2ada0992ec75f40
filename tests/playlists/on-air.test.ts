import { firstOnAir, onAirDay, onAirToday } from '@playlists/on-air/today'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { DocumentItem, DocumentItemOf } from '@playlists/schemas/items'
import { instantOf } from '@playlists/time/zone'
import { describe, expect, it } from 'vitest'
import { documentWith, playlist, rule } from '../helpers/documents'

/** What a site's screens show today, from their documents and the day alone (issue 19 point 5). */
const ZONE = 'Asia/Ho_Chi_Minh'
const at = (day: number, minute: number) => instantOf(ZONE, { year: 2026, month: 12, day }, minute)
const NOW = at(5, 9 * 60)
const DAY = onAirDay(ZONE, NOW)

const slide = (id: string): DocumentItemOf<'slide'> => ({
  id,
  kind: 'slide',
  durationMs: 10_000,
  media: null,
  display: 'stacked',
  text: {
    vi: { title: `${id} vi`, body: 'Nội dung' },
    zh: { title: `${id} zh`, body: '内容' },
    en: { title: `${id} en`, body: 'Body' },
  },
})
const ticker = (id: string): DocumentItem => ({
  id,
  kind: 'ticker',
  durationMs: 10_000,
  speed: 120,
  text: { vi: 'Xe tải xếp hàng 2 km', en: 'Lorries queue for 2 km' },
})
const clock: DocumentItem = {
  id: 'clock',
  kind: 'clock',
  durationMs: 10_000,
  seconds: false,
  secondZone: null,
  lunarDate: false,
}

/** A document of screen `id`, its default playlist `pl` looping `items`. */
const screen = (
  id: string,
  items: DocumentItem[],
  extras: Parameters<typeof documentWith>[3] = {},
  publishedAt = at(4, 0),
) => {
  const doc = documentWith(items, 0, 'pl', extras)
  return {
    ...doc,
    screenId: id,
    publishedAt: new Date(publishedAt).toISOString(),
    screen: { ...doc.screen, id, name: `Screen ${id}` },
  } satisfies ScreenDocument
}

describe('on air today', () => {
  it('takes the local day in the site time zone, midnight to midnight', () => {
    expect(DAY.date).toEqual({ year: 2026, month: 12, day: 5 })
    expect(DAY.fromMs).toBe(Date.parse('2026-12-04T17:00:00.000Z'))
    expect(DAY.toMs - DAY.fromMs).toBe(86_400_000)
    // 23:30 UTC on the 4th is already the 5th at the gate.
    expect(onAirDay(ZONE, Date.parse('2026-12-04T23:30:00.000Z')).date.day).toBe(5)
  })

  it('lists each slide and ticker of a playlist on air with its three texts, all day, and skips what has no words', () => {
    const entries = onAirToday([screen('a', [slide('s1'), ticker('t1'), clock])], DAY)
    expect(entries.map((e) => e.key)).toEqual(['playlist/pl/item/s1', 'playlist/pl/item/t1'])
    expect(entries[0]).toMatchObject({
      kind: 'slide',
      playlistName: 'pl',
      text: { vi: { title: 's1 vi', body: 'Nội dung' }, zh: { title: 's1 zh' }, en: { title: 's1 en' } },
      updatedMs: at(4, 0),
      showings: [{ screenId: 'a', screenName: 'Screen a', startMs: DAY.fromMs, endMs: DAY.toMs }],
    })
    // A ticker's language left out stays out.
    expect(entries[1]!.text).toEqual({
      vi: { title: 'Xe tải xếp hàng 2 km', body: '' },
      en: { title: 'Lorries queue for 2 km', body: '' },
    })
  })

  it('lists each news entry a feed item carries on its own, in the one language it came in', () => {
    const entry = (entryId: string, language: 'vi' | 'zh' | 'en', title: string) => ({
      entryId,
      language,
      title,
      summary: `${title}.`,
      publishedAt: null,
      media: null,
    })
    const feed: DocumentItem = {
      id: 'news',
      kind: 'feed',
      durationMs: 30_000,
      sourceId: 'portal',
      style: 'cards',
      languages: 'interleaved',
      speed: 120,
      entries: [entry('n1', 'vi', 'Cửa khẩu mở thêm làn'), entry('n2', 'zh', '口岸新增通道')],
    }
    const entries = onAirToday([screen('a', [feed])], DAY)
    expect(entries.map((e) => [e.key, e.kind, e.text])).toEqual([
      [
        'playlist/pl/item/news/entry/n1',
        'feed',
        { vi: { title: 'Cửa khẩu mở thêm làn', body: 'Cửa khẩu mở thêm làn.' } },
      ],
      ['playlist/pl/item/news/entry/n2', 'feed', { zh: { title: '口岸新增通道', body: '口岸新增通道.' } }],
    ])
    // A feed item that carries no entry (none approved yet) puts nothing in the feed.
    expect(onAirToday([screen('a', [{ ...feed, entries: [] }])], DAY)).toEqual([])
  })

  it('gives one entry per item across screens, with each screen and its hours', () => {
    const evening = playlist('evening', [slide('e1')])
    const a = screen('a', [slide('s1')])
    const b = screen('b', [slide('s1')], {
      playlists: [evening],
      rules: [rule('eve', 'evening', { window: { start: '18:00', end: '22:00' } })],
    })
    const entries = onAirToday([a, b], DAY)
    const s1 = entries.find((e) => e.key === 'playlist/pl/item/s1')!
    expect(s1.showings).toEqual([
      { screenId: 'a', screenName: 'Screen a', startMs: DAY.fromMs, endMs: DAY.toMs },
      { screenId: 'b', screenName: 'Screen b', startMs: DAY.fromMs, endMs: at(5, 18 * 60) },
      { screenId: 'b', screenName: 'Screen b', startMs: at(5, 22 * 60), endMs: DAY.toMs },
    ])
    const e1 = entries.find((e) => e.key === 'playlist/evening/item/e1')!
    expect(e1.showings).toEqual([
      { screenId: 'b', screenName: 'Screen b', startMs: at(5, 18 * 60), endMs: at(5, 22 * 60) },
    ])
    expect(firstOnAir(e1)).toBe(at(5, 18 * 60))
  })

  it('leaves out a schedule entry of another day, and one whose playlist has nothing to play', () => {
    const doc = screen('a', [slide('s1')], {
      playlists: [playlist('tomorrow', [slide('x1')]), playlist('empty', [])],
      rules: [
        rule('next', 'tomorrow', { from: '2026-12-06T00:00', until: '2026-12-07T00:00' }),
        rule('blank', 'empty', { window: { start: '10:00', end: '11:00' } }),
      ],
    })
    expect(onAirToday([doc], DAY).map((e) => e.key)).toEqual(['playlist/pl/item/s1'])
    // The same document, the next day: the entry is on air then.
    const tomorrow = onAirToday([doc], onAirDay(ZONE, at(6, 9 * 60)))
    expect(tomorrow.map((e) => e.key)).toEqual(['playlist/tomorrow/item/x1'])
  })

  it('lists an emergency message in force and cuts its hours out of what it covers', () => {
    const message = {
      id: 'storm',
      text: { vi: { title: 'Bão', body: 'Tạm dừng' }, en: { title: 'Storm', body: 'Suspended' } },
      startsAtMs: at(5, 10 * 60),
      endsAtMs: at(5, 12 * 60),
    }
    const expired = { ...message, id: 'old', startsAtMs: at(4, 8 * 60), endsAtMs: at(4, 9 * 60) }
    const entries = onAirToday([screen('a', [slide('s1')], { overrides: [message, expired] })], DAY)
    expect(entries.map((e) => e.key)).toEqual(['playlist/pl/item/s1', 'emergency/storm'])
    expect(entries[1]).toMatchObject({
      kind: 'emergency',
      playlistName: null,
      text: { vi: { title: 'Bão', body: 'Tạm dừng' }, en: { title: 'Storm' } },
      showings: [{ screenId: 'a', startMs: at(5, 10 * 60), endMs: at(5, 12 * 60) }],
    })
    expect(entries[0]!.showings.map((s) => [s.startMs, s.endMs])).toEqual([
      [DAY.fromMs, at(5, 10 * 60)],
      [at(5, 12 * 60), DAY.toMs],
    ])
  })

  it('takes the words of the newest document when screens carry different revisions', () => {
    const old = screen('a', [slide('s1')], {}, at(3, 0))
    const edited = screen(
      'b',
      [{ ...slide('s1'), text: { vi: { title: 'Mới', body: '' } } }],
      {},
      at(4, 6 * 60),
    )
    for (const order of [
      [old, edited],
      [edited, old],
    ]) {
      const [entry] = onAirToday(order, DAY)
      expect(entry).toMatchObject({ text: { vi: { title: 'Mới' } }, updatedMs: at(4, 6 * 60) })
      expect(entry!.text.en).toBeUndefined()
      expect(entry!.showings).toHaveLength(2)
    }
  })

  it('is the same list for every instant of the day', () => {
    const docs = [screen('a', [slide('s1'), ticker('t1')])]
    expect(onAirToday(docs, onAirDay(ZONE, at(5, 23 * 60 + 59)))).toEqual(onAirToday(docs, DAY))
  })
})
