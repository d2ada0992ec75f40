import {
  adoptKeys,
  check,
  DEFAULT_SECONDS,
  type Draft,
  durationMsOf,
  type EditItem,
  type EditItemOf,
  fieldOfServer,
  fromPlaylist,
  missingLanguages,
  move,
  newItem,
  toInput,
  totalMs,
} from '@console/pages/playlists/draft'
import {
  ITEM_DURATION_MS_MAX,
  NAME_CHARS_MAX,
  SLIDE_BODY_CHARS_MAX,
  SLIDE_TITLE_CHARS_MAX,
  TICKER_CHARS_MAX,
  TICKER_SPEED_MAX,
  TICKER_SPEED_MIN,
} from '@playlists/limits'
import type { ItemKind, PlaylistItem } from '@playlists/schemas/items'
import type { Playlist } from '@playlists/schemas/playlist'
import { describe, expect, it } from 'vitest'

/**
 * The playlist editor's model: what a person types (durations as text, every language's boxes)
 * turned into the API's body, and the checks made before sending.
 */

const KINDS: readonly ItemKind[] = ['image', 'video', 'slide', 'web', 'ticker', 'clock']

const stored: PlaylistItem[] = [
  { id: 'i1', kind: 'image', durationMs: 8000, mediaId: 'm1', fit: 'cover' },
  { id: 'v1', kind: 'video', durationMs: 15_500, mediaId: 'm2', fit: 'contain', sound: true },
  {
    id: 's1',
    kind: 'slide',
    durationMs: 12_000,
    text: { vi: { title: 'Chào mừng', body: 'Xin mời' }, en: { title: 'Welcome' } },
    mediaId: null,
    display: 'rotating',
  },
  { id: 'w1', kind: 'web', durationMs: 20_000, url: 'https://gate.example/board' },
  { id: 't1', kind: 'ticker', durationMs: 60_000, text: { vi: 'Thông báo', zh: '通知' }, speed: 90 },
  {
    id: 'c1',
    kind: 'clock',
    durationMs: 10_000,
    seconds: true,
    secondZone: { timeZone: 'Asia/Shanghai', label: { vi: 'Trung Quốc', zh: '中国', en: 'China' } },
    lunarDate: true,
  },
] as PlaylistItem[]

const playlist = { id: 'p1', name: 'Sảnh chờ', items: stored } as unknown as Playlist

const draftOf = (...items: EditItem[]): Draft => ({ name: 'Sảnh', items })
const withText = <K extends 'slide' | 'ticker'>(kind: K, edit: (item: EditItemOf<K>) => void) => {
  const item = newItem(kind) as EditItemOf<K>
  edit(item)
  return item
}
const codes = (draft: Draft, origins: readonly string[] | null = null) =>
  check(draft, origins).map((p) => `${p.field.replace(/^k\d+:/, '')} ${p.code}`)

describe('playlist draft', () => {
  it('reads every kind of stored item and writes it back unchanged', () => {
    const draft = fromPlaylist(playlist)
    expect(draft.items.map((i) => i.durationText)).toEqual(['8', '15.5', '12', '20', '60', '10'])
    expect(toInput(draft)).toEqual({
      name: 'Sảnh chờ',
      items: [
        stored[0],
        stored[1],
        {
          ...stored[2],
          text: { vi: { title: 'Chào mừng', body: 'Xin mời' }, en: { title: 'Welcome', body: '' } },
        },
        stored[3],
        stored[4],
        stored[5],
      ],
    })
  })

  it('fills every language of a slide or ticker, empty where none was stored', () => {
    const [, , slide, , ticker] = fromPlaylist(playlist).items
    expect(slide).toMatchObject({ text: { zh: { title: '', body: '' }, en: { title: 'Welcome', body: '' } } })
    expect(ticker).toMatchObject({ text: { vi: 'Thông báo', zh: '通知', en: '' }, speed: '90' })
  })

  it('keeps a slide rotating or stacked as it was', () => {
    const rotating = fromPlaylist(playlist).items[2]!
    expect(toInput(draftOf(rotating)).items[0]).toMatchObject({ display: 'rotating' })
    expect(toInput(draftOf(newItem('slide'))).items[0]).toMatchObject({ display: 'stacked' })
  })

  it('gives each item a key of its own, and the sent keys back to the saved items', () => {
    const a = fromPlaylist(playlist)
    const b = fromPlaylist(playlist)
    expect(new Set([...a.items, ...b.items].map((i) => i.key)).size).toBe(12)
    const keys = a.items.map((i) => i.key)
    expect(adoptKeys(playlist, keys).items.map((i) => i.key)).toEqual(keys)
    // The server answered with another number of items: the keys would point at the wrong ones.
    expect(adoptKeys(playlist, keys.slice(1)).items.map((i) => i.key)).not.toEqual(keys.slice(1))
    expect(adoptKeys(playlist, undefined).items).toHaveLength(6)
  })

  it('starts a new item of each kind with its own duration and a valid shape', () => {
    for (const kind of KINDS) {
      const item = newItem(kind, kind === 'image' || kind === 'video' ? 'm1' : '')
      expect(item.kind).toBe(kind)
      expect(durationMsOf(item)).toBe(DEFAULT_SECONDS[kind] * 1000)
    }
    expect(newItem('slide', 'm9')).toMatchObject({ mediaId: 'm9' })
    expect(newItem('slide')).toMatchObject({ mediaId: null })
    expect(newItem('web')).toMatchObject({ url: 'https://' })
  })

  it('reads typed seconds, a decimal comma too, and nothing else', () => {
    const typed = (text: string) => durationMsOf({ ...newItem('clock'), durationText: text })
    expect(typed('8')).toBe(8000)
    expect(typed(' 2.5 ')).toBe(2500)
    expect(typed('1,5')).toBe(1500)
    expect(typed('0.0004')).toBe(0)
    for (const bad of ['', ' ', 'abc', '-1', '1e3', '1.', '.5', '1,5,5']) expect(typed(bad), bad).toBeNull()
  })

  it('leaves empty languages out of the body but always sends Vietnamese', () => {
    const slide = withText('slide', (s) => {
      s.text.zh = { title: '  标题 ', body: '  ' }
    })
    expect(toInput(draftOf(slide)).items[0]).toMatchObject({
      text: { vi: { title: '', body: '' }, zh: { title: '标题', body: '' } },
    })
    expect(toInput(draftOf(newItem('ticker'))).items[0]).toMatchObject({ text: { vi: '' } })
    expect(toInput({ name: '  Sảnh  ', items: [] })).toEqual({ name: 'Sảnh', items: [] })
  })

  describe('checks before sending', () => {
    it('passes a complete draft of every kind', () => {
      expect(check(fromPlaylist(playlist), ['https://gate.example'])).toEqual([])
    })

    it('wants a name, at most NAME_CHARS_MAX characters', () => {
      expect(codes({ name: '   ', items: [] })).toEqual(['name required'])
      expect(codes({ name: 'n'.repeat(NAME_CHARS_MAX), items: [] })).toEqual([])
      expect(check({ name: 'n'.repeat(NAME_CHARS_MAX + 1), items: [] }, null)).toEqual([
        { field: 'name', code: 'too-long', params: { max: NAME_CHARS_MAX } },
      ])
    })

    it('wants a duration between one second and an hour, both ends included', () => {
      const at = (text: string) => codes(draftOf({ ...newItem('clock'), durationText: text }))
      expect(at('1')).toEqual([])
      expect(at(String(ITEM_DURATION_MS_MAX / 1000))).toEqual([])
      expect(at('0.999')).toEqual(['durationMs duration-range'])
      expect(at('3600.001')).toEqual(['durationMs duration-range'])
      expect(at('soon')).toEqual(['durationMs duration-number'])
    })

    it('names the item a problem belongs to by its key', () => {
      const item = { ...newItem('image'), durationText: '0' }
      expect(check(draftOf(item), null).map((p) => p.field)).toEqual([
        `${item.key}:durationMs`,
        `${item.key}:mediaId`,
      ])
    })

    it('wants a slide to have a Vietnamese title and a title wherever it has a body', () => {
      expect(codes(draftOf(newItem('slide')))).toEqual(['text.vi.title required'])
      const bodyOnly = withText('slide', (s) => {
        s.text.vi.title = 'Tiêu đề'
        s.text.en.body = 'A body without a title'
      })
      expect(codes(draftOf(bodyOnly))).toEqual(['text.en.title title-for-body'])
    })

    it('bounds a slide title and body in every language', () => {
      const slide = withText('slide', (s) => {
        s.text.vi = { title: 't'.repeat(SLIDE_TITLE_CHARS_MAX), body: 'b'.repeat(SLIDE_BODY_CHARS_MAX) }
        s.text.zh = {
          title: 't'.repeat(SLIDE_TITLE_CHARS_MAX + 1),
          body: 'b'.repeat(SLIDE_BODY_CHARS_MAX + 1),
        }
      })
      expect(codes(draftOf(slide))).toEqual(['text.zh.title too-long', 'text.zh.body too-long'])
    })

    it('wants a whole http(s) address, from an allowed origin when there is a list', () => {
      const web = (url: string) => ({ ...newItem('web'), url }) as EditItem
      expect(codes(draftOf(web('https://')))).toEqual(['url url-form'])
      expect(codes(draftOf(web('ftp://gate.example/')))).toEqual(['url url-form'])
      expect(codes(draftOf(web('https://gate example/')))).toEqual(['url url-form'])
      expect(codes(draftOf(web(' https://gate.example/a ')))).toEqual([])
      expect(codes(draftOf(web('https://gate.example/a')), ['https://gate.example'])).toEqual([])
      expect(check(draftOf(web('https://other.example/a')), ['https://gate.example'])[0]).toMatchObject({
        code: 'url-origin',
        params: { origin: 'https://other.example' },
      })
      // An empty allow-list refuses every page; no list (not loaded) leaves it to the server.
      expect(codes(draftOf(web('https://gate.example/a')), [])).toEqual(['url url-origin'])
    })

    it('wants ticker text in Vietnamese, bounded, at a whole speed within bounds', () => {
      const ticker = (speed: string, vi = 'Tin') =>
        withText('ticker', (t) => {
          t.text.vi = vi
          t.speed = speed
        })
      expect(codes(draftOf(ticker(String(TICKER_SPEED_MIN))))).toEqual([])
      expect(codes(draftOf(ticker(String(TICKER_SPEED_MAX))))).toEqual([])
      for (const speed of [String(TICKER_SPEED_MIN - 1), String(TICKER_SPEED_MAX + 1), '120.5', '', 'fast'])
        expect(codes(draftOf(ticker(speed))), speed).toEqual(['speed speed-range'])
      expect(codes(draftOf(ticker('120', ' ')))).toEqual(['text.vi required'])
      expect(codes(draftOf(ticker('120', 'x'.repeat(TICKER_CHARS_MAX + 1))))).toEqual(['text.vi too-long'])
    })
  })

  describe('languages a reader will not see', () => {
    it('lists every language a ticker lacks, Vietnamese included', () => {
      const ticker = withText('ticker', (t) => {
        t.text.zh = '通知'
      })
      expect(missingLanguages(ticker).map((m) => `${m.lang} ${m.part}`)).toEqual(['vi all', 'en all'])
    })

    it('lists a slide language with nothing, or with a title but no body while another has one', () => {
      const slide = withText('slide', (s) => {
        s.text.vi = { title: 'Tiêu đề', body: 'Nội dung' }
        s.text.zh = { title: '标题', body: '' }
      })
      expect(missingLanguages(slide).map((m) => `${m.lang} ${m.part}`)).toEqual(['zh body', 'en all'])
      const titlesOnly = withText('slide', (s) => {
        s.text.vi.title = 'A'
        s.text.zh.title = 'B'
        s.text.en.title = 'C'
      })
      expect(missingLanguages(titlesOnly)).toEqual([])
    })

    it('has nothing to say about items without text', () => {
      for (const kind of ['image', 'video', 'web', 'clock'] as const)
        expect(missingLanguages(newItem(kind))).toEqual([])
    })
  })

  it('moves an item within the list, clamping the target and ignoring a bad source', () => {
    const list = ['a', 'b', 'c', 'd']
    expect(move(list, 0, 2)).toEqual(['b', 'c', 'a', 'd'])
    expect(move(list, 3, 0)).toEqual(['d', 'a', 'b', 'c'])
    expect(move(list, 1, 99)).toEqual(['a', 'c', 'd', 'b'])
    expect(move(list, 2, -5)).toEqual(['c', 'a', 'b', 'd'])
    expect(move(list, 4, 0)).toEqual(list)
    expect(move(list, -1, 0)).toEqual(list)
    expect(move([], 0, 0)).toEqual([])
    expect(list).toEqual(['a', 'b', 'c', 'd'])
  })

  it('adds up the durations of zero, one or many items', () => {
    expect(totalMs([])).toBe(0)
    expect(totalMs([{ durationMs: 8000 }])).toBe(8000)
    expect(totalMs(stored)).toBe(125_500)
  })

  it('maps the server field names onto the editor fields of the items sent', () => {
    const keys = ['k10', 'k11', 'k12']
    expect(fieldOfServer('body.name', keys)).toBe('name')
    expect(fieldOfServer('name', keys)).toBe('name')
    expect(fieldOfServer('body.items[2].text.zh.title', keys)).toBe('k12:text.zh.title')
    expect(fieldOfServer('/items/0/url', keys)).toBe('k10:url')
    expect(fieldOfServer('items/1', keys)).toBe('k11:item')
    expect(fieldOfServer('items/3/url', keys)).toBeNull()
    expect(fieldOfServer('items/x/url', keys)).toBeNull()
    expect(fieldOfServer('items', keys)).toBeNull()
    expect(fieldOfServer('', keys)).toBeNull()
    expect(fieldOfServer('body.items[0].durationMs', [])).toBeNull()
  })
})
