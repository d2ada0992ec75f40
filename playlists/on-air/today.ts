import { playableList } from '../playable'
import { sweep } from '../schedule/segments'
import { LANGUAGES, type Language } from '../schemas/common'
import type { ScreenDocument } from '../schemas/document'
import type { DocumentItem } from '../schemas/items'
import type { TrilingualText } from '../schemas/text'
import { addDays, type LocalDate, localAt, midnightOf } from '../time/zone'

/**
 * What a site's screens show on one local day, as a pure function of their published documents
 * and the day (issue 19 point 5): the server turns it into the site's on-air Atom feed, for the
 * press office and the portal. The same sweep that plays the screens decides it (segments.ts and
 * playable.ts), so the feed never lists what a screen would not show: an entry whose playlist
 * has nothing playable, or a schedule entry of another day, is not on air.
 *
 * Only what carries words is listed: slides and tickers (their vi/zh/en text), the news entries
 * a feed item carries (each in its one language, as the screen shows it) and emergency messages. Pictures, videos, web pages and clocks have no text to publish; a feed entry saying
 * "a picture" would tell the reader nothing.
 */

/** The local day holding `now` in `timeZone`: [fromMs, toMs), 23 to 25 hours long. */
export interface OnAirDay {
  date: LocalDate
  fromMs: number
  toMs: number
}

export function onAirDay(timeZone: string, now: number): OnAirDay {
  const local = localAt(timeZone, now)
  const date = { year: local.year, month: local.month, day: local.day }
  return { date, fromMs: midnightOf(timeZone, date), toMs: midnightOf(timeZone, addDays(date, 1)) }
}

export interface ShownText {
  title: string
  body: string
}

/** One screen's stretch of the day showing the entry (on-air time, emergencies cut out). */
export interface Showing {
  screenId: string
  screenName: string
  startMs: number
  endMs: number
}

export interface ShownEntry {
  /** Stable for the day: the same playlist item (or emergency message) keeps it across fetches. */
  key: string
  kind: 'slide' | 'ticker' | 'feed' | 'emergency'
  /** The playlist the item belongs to; null for an emergency message. */
  playlistName: string | null
  /** The languages the entry is written in (Vietnamese always; Chinese and English as given). */
  text: Partial<Record<Language, ShownText>>
  /** When what the entry says last changed: the newest publication of a document carrying it. */
  updatedMs: number
  /** By screen, then by start; touching stretches of one screen are one. */
  showings: Showing[]
}

type Interval = readonly [number, number]

/** `span` less the (sorted, disjoint) `holes`: the stretches an emergency does not cover. */
function subtract(span: Interval, holes: readonly Interval[]): Interval[] {
  const out: Interval[] = []
  let start = span[0]
  for (const [lo, hi] of holes) {
    if (hi <= start || lo >= span[1]) continue
    if (lo > start) out.push([start, lo])
    start = Math.max(start, hi)
  }
  if (start < span[1]) out.push([start, span[1]])
  return out
}

/** Sorted and merged, so that `subtract` may walk them once. */
function union(spans: Interval[]): Interval[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [lo, hi] of sorted) {
    const last = out.at(-1)
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi)
    else out.push([lo, hi])
  }
  return out
}

const slideTexts = (text: TrilingualText): Partial<Record<Language, ShownText>> => {
  const out: Partial<Record<Language, ShownText>> = {}
  for (const lang of LANGUAGES) {
    const t = text[lang]
    if (t) out[lang] = { title: t.title, body: t.body }
  }
  return out
}

/**
 * The item's words, keyed under the item: one entry for a slide or a ticker, one per news entry
 * for a feed item (a headline is its own piece of news, in the one language it came in), none for
 * a kind that has no words to publish.
 */
function itemWords(item: DocumentItem): { key: string; what: Pick<ShownEntry, 'kind' | 'text'> }[] {
  if (item.kind === 'slide') return [{ key: '', what: { kind: 'slide', text: slideTexts(item.text) } }]
  if (item.kind === 'ticker') {
    const text: Partial<Record<Language, ShownText>> = {}
    for (const lang of LANGUAGES) {
      const line = item.text[lang]
      if (line) text[lang] = { title: line, body: '' }
    }
    return [{ key: '', what: { kind: 'ticker', text } }]
  }
  if (item.kind === 'feed') {
    return item.entries.map((e) => ({
      key: `/entry/${e.entryId}`,
      what: { kind: 'feed', text: { [e.language]: { title: e.title, body: e.summary } } },
    }))
  }
  return []
}

interface Draft extends ShownEntry {
  /** Which document's words the entry holds: the newest publication wins. */
  fromMs: number
}

export function onAirToday(
  documents: readonly ScreenDocument[],
  day: Pick<OnAirDay, 'fromMs' | 'toMs'>,
): ShownEntry[] {
  const entries = new Map<string, Draft>()
  const add = (
    key: string,
    document: ScreenDocument,
    what: Omit<ShownEntry, 'key' | 'updatedMs' | 'showings'>,
    spans: readonly Interval[],
  ) => {
    if (spans.length === 0) return
    const publishedMs = Date.parse(document.publishedAt)
    let entry = entries.get(key)
    if (!entry) {
      entry = { key, ...what, updatedMs: publishedMs, fromMs: publishedMs, showings: [] }
      entries.set(key, entry)
    } else if (publishedMs > entry.fromMs) {
      Object.assign(entry, what, { updatedMs: publishedMs, fromMs: publishedMs })
    }
    const { id: screenId, name: screenName } = document.screen
    for (const [startMs, endMs] of spans) entry.showings.push({ screenId, screenName, startMs, endMs })
  }

  for (const document of documents) {
    const clip = (lo: number, hi: number): Interval | null => {
      const span: Interval = [Math.max(lo, day.fromMs), Math.min(hi, day.toMs)]
      return span[0] < span[1] ? span : null
    }
    // An emergency message covers the whole screen: nothing of a playlist shows beneath it.
    const covered: Interval[] = []
    for (const o of document.overrides) {
      const span = clip(o.startsAtMs, o.endsAtMs)
      if (!span) continue
      covered.push(span)
      add(
        `emergency/${o.id}`,
        document,
        { kind: 'emergency', playlistName: null, text: slideTexts(o.text) },
        [span],
      )
    }
    const holes = union(covered)
    for (const zone of document.layout.zones) {
      for (const segment of sweep(document, zone.id, day.fromMs, day.toMs)) {
        const list = playableList(document, segment.playlistId)
        const span = list && clip(segment.startMs, segment.endMs)
        if (!list || !span) continue
        const shown = subtract(span, holes)
        const playlistName = document.playlists[list.id]?.name ?? list.id
        for (const item of list.items) {
          for (const { key, what } of itemWords(item))
            add(`playlist/${list.id}/item/${item.id}${key}`, document, { ...what, playlistName }, shown)
        }
      }
    }
  }

  const out: ShownEntry[] = []
  for (const { fromMs: _, ...entry } of entries.values()) {
    out.push({ ...entry, showings: mergeShowings(entry.showings) })
  }
  // In the order the day brings them; the key settles ties, so every fetch lists them alike.
  return out.sort((a, b) => firstOnAir(a) - firstOnAir(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/** Per screen, touching or overlapping stretches (two zones, two segments in a row) become one. */
function mergeShowings(showings: readonly Showing[]): Showing[] {
  const sorted = [...showings].sort((a, b) =>
    a.screenId === b.screenId ? a.startMs - b.startMs : a.screenId < b.screenId ? -1 : 1,
  )
  const out: Showing[] = []
  for (const s of sorted) {
    const last = out.at(-1)
    if (last && last.screenId === s.screenId && s.startMs <= last.endMs)
      last.endMs = Math.max(last.endMs, s.endMs)
    else out.push({ ...s })
  }
  return out
}

/** The first instant the entry is on air today, on any screen. */
export const firstOnAir = (entry: ShownEntry): number => Math.min(...entry.showings.map((s) => s.startMs))
