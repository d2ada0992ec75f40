import type { Language } from './schemas/common'
import type { OnAirEntry } from './schemas/feed'
import type { FeedOrder } from './schemas/items'

/** The programme's order of languages: Vietnamese first, as on every trilingual sign. */
const LANGUAGE_ORDER: readonly Language[] = ['vi', 'zh', 'en']

/**
 * The entries a feed item shows, from what the approved policy lets on air (newest first): the
 * `count` newest, then grouped by language (vi, zh, en, each newest first) or interleaved (vi,
 * zh, en in turn while each has entries left). Taking the newest before arranging keeps a busy
 * English desk from pushing the Vietnamese news off a grouped screen only by the order chosen.
 */
export function feedItemEntries<E extends Pick<OnAirEntry, 'language'>>(
  onAir: readonly E[],
  count: number,
  order: FeedOrder,
): E[] {
  const newest = onAir.slice(0, Math.max(0, count))
  const byLanguage = LANGUAGE_ORDER.map((language) => newest.filter((e) => e.language === language))
  if (order === 'grouped') return byLanguage.flat()
  const arranged: E[] = []
  for (let turn = 0; arranged.length < newest.length; turn++) {
    for (const group of byLanguage) if (turn < group.length) arranged.push(group[turn]!)
  }
  return arranged
}
