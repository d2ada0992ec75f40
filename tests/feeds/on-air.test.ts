import { type FeedBody, type FeedEntry, onAirEntries } from '@playlists/schemas/feed'
import { describe, expect, it } from 'vitest'

/** What an approved feed policy lets on air: a pure function of the entries and `now`. */

const NOW = Date.UTC(2026, 11, 5, 1, 0, 0)
const HOUR = 3_600_000

const policy = (over: Partial<FeedBody> = {}): FeedBody => ({
  name: 'Portal',
  url: 'https://langson.example.gov.vn/rss',
  language: 'vi',
  intervalMinutes: 15,
  words: [],
  maxAgeHours: null,
  alertAfterMinutes: 60,
  ...over,
})

let n = 0
const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({
  id: `e-${++n}`,
  guid: `g-${n}`,
  title: `Tin ${n}`,
  summary: '',
  link: null,
  publishedAt: new Date(NOW - n * HOUR).toISOString(),
  language: null,
  imageUrl: null,
  mediaId: null,
  firstSeenAt: new Date(NOW).toISOString(),
  withdrawnAt: null,
  withdrawnBy: null,
  ...over,
})

const titles = (list: { title: string }[]) => list.map((e) => e.title)

describe('feed entries on air', () => {
  it('takes the newest first, in the source language, up to the limit', () => {
    const entries = [entry({ title: 'old', publishedAt: '2026-12-01T00:00:00Z' }), entry({ title: 'new' })]
    const onAir = onAirEntries('portal', policy(), entries, NOW, 1)
    expect(onAir).toEqual([
      expect.objectContaining({ sourceId: 'portal', title: 'new', language: 'vi', mediaId: null }),
    ])
  })

  it('drops entries holding a listed word, in any case and Unicode form, tones kept apart', () => {
    const entries = [
      entry({ title: 'Cảnh báo BÃO số 9' }),
      entry({ title: 'Giá bao bì tăng' }),
      // "bão" written decomposed (a + combining tilde), as some editors save it.
      entry({ title: 'Tin khác', summary: 'Mưa ba\u0303o lớn' }),
    ]
    expect(titles(onAirEntries('p', policy({ words: ['bão'] }), entries, NOW))).toEqual(['Giá bao bì tăng'])
  })

  it('drops entries older than the maximum age, and undated ones when there is a maximum', () => {
    const entries = [
      entry({ title: 'fresh', publishedAt: new Date(NOW - 2 * HOUR).toISOString() }),
      entry({ title: 'stale', publishedAt: new Date(NOW - 30 * HOUR).toISOString() }),
      entry({ title: 'undated', publishedAt: null }),
    ]
    expect(titles(onAirEntries('p', policy({ maxAgeHours: 24 }), entries, NOW))).toEqual(['fresh'])
    expect(titles(onAirEntries('p', policy(), entries, NOW))).toEqual(['fresh', 'stale', 'undated'])
  })

  it('never shows a withdrawn entry', () => {
    const entries = [entry({ title: 'kept' }), entry({ title: 'gone', withdrawnAt: '2026-12-05T00:00:00Z' })]
    expect(titles(onAirEntries('p', policy(), entries, NOW))).toEqual(['kept'])
  })

  it("uses each entry's own language when the source says entries carry it, dropping those without", () => {
    const entries = [
      entry({ title: 'vi', language: 'vi' }),
      entry({ title: 'zh', language: 'zh' }),
      entry({ title: 'none', language: null }),
    ]
    const onAir = onAirEntries('p', policy({ language: 'entries' }), entries, NOW)
    expect(onAir.map((e) => [e.title, e.language])).toEqual([
      ['vi', 'vi'],
      ['zh', 'zh'],
    ])
    // A source of one language names it for all its entries, whatever they say.
    expect(onAirEntries('p', policy({ language: 'en' }), entries, NOW).map((e) => e.language)).toEqual([
      'en',
      'en',
      'en',
    ])
  })
})
