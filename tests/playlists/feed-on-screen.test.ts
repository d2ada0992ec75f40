import { feedItemEntries } from '@playlists/feed-on-screen'
import { describe, expect, it } from 'vitest'

/** Entries as onAirEntries gives them: newest first. */
const onAir = ['vi1', 'en1', 'zh1', 'vi2', 'vi3', 'en2', 'zh2'].map((id) => ({
  entryId: id,
  language: id.slice(0, 2) as 'vi' | 'zh' | 'en',
}))
const ids = (list: { entryId: string }[]) => list.map((e) => e.entryId)

describe('the entries a feed item shows', () => {
  it('groups the newest entries by language, Vietnamese first, each newest first', () => {
    expect(ids(feedItemEntries(onAir, 7, 'grouped'))).toEqual([
      'vi1',
      'vi2',
      'vi3',
      'zh1',
      'zh2',
      'en1',
      'en2',
    ])
  })

  it('interleaves vi, zh, en in turn while each language has entries left', () => {
    expect(ids(feedItemEntries(onAir, 7, 'interleaved'))).toEqual([
      'vi1',
      'zh1',
      'en1',
      'vi2',
      'zh2',
      'en2',
      'vi3',
    ])
  })

  it('takes the newest entries before arranging them, so the order chosen never changes which are shown', () => {
    expect(ids(feedItemEntries(onAir, 4, 'grouped'))).toEqual(['vi1', 'vi2', 'zh1', 'en1'])
    expect(ids(feedItemEntries(onAir, 4, 'interleaved'))).toEqual(['vi1', 'zh1', 'en1', 'vi2'])
  })

  it('shows what there is when fewer entries are on air than asked for, and nothing of nothing', () => {
    expect(ids(feedItemEntries(onAir.slice(0, 2), 5, 'interleaved'))).toEqual(['vi1', 'en1'])
    expect(feedItemEntries([], 5, 'grouped')).toEqual([])
  })
})
