import { firstOnAir, type OnAirDay, type ShownEntry } from '@playlists/on-air/today'
import { LANGUAGES, type Language } from '@playlists/schemas/common'
import type { Site } from '@playlists/schemas/site'
import { localAt } from '@playlists/time/zone'
import { XMLBuilder } from 'fast-xml-parser'
import { isoAt } from '../clock'
import { ON_AIR_WORDS } from './words'

/**
 * The site's on-air feed as Atom 1.0 (RFC 4287), built as a tree and serialised by
 * fast-xml-parser's builder: every text (operators' slides, site names) is escaped by the
 * builder, never spliced into markup.
 *
 * One entry per thing on air. With one language asked for, the entry carries `xml:lang` and
 * plain text in it. Without, Atom allows one title per entry, so the title and content are
 * XHTML holding a part per language, each with its own `xml:lang`: readers show the three,
 * and a screen reader speaks each in its language.
 */

const ATOM = 'http://www.w3.org/2005/Atom'
const XHTML = 'http://www.w3.org/1999/xhtml'

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
})

export interface AtomInput {
  site: Site
  day: OnAirDay
  entries: readonly ShownEntry[]
  /** One language, or all three. */
  lang: Language | undefined
  /** The feed's own address, for its `self` link. */
  selfUrl: string
  /** The tag URIs' authority (the server's host name): ids stay the same across fetches. */
  authority: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const dateOf = (day: OnAirDay) => `${day.date.year}-${pad(day.date.month)}-${pad(day.date.day)}`

/** A local time of the day, `HH:MM`; the day's end is `24:00`, as timetables write it. */
function clock(site: Site, day: OnAirDay, ms: number): string {
  if (ms >= day.toMs) return '24:00'
  const minute = localAt(site.timeZone, ms).minute
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`
}

/**
 * The languages an entry is given in: the one asked for (else Vietnamese, which every slide,
 * ticker and emergency message has), or all it has. A news entry of a feed item comes in one
 * language: a feed of another language leaves it out (see `listedIn`).
 */
function languagesOf(entry: ShownEntry, lang: Language | undefined): Language[] {
  if (lang) return [entry.text[lang] ? lang : 'vi']
  return LANGUAGES.filter((l) => entry.text[l])
}

function titleOf(entry: ShownEntry, l: Language): string {
  const text = entry.text[l]?.title ?? ''
  return entry.kind === 'emergency' ? `${ON_AIR_WORDS[l].emergency}: ${text}` : text
}

/** Where and when, in the reader's language: "Gate 1 (08:00–12:00, 18:00–24:00)". */
function showingsOf(input: AtomInput, entry: ShownEntry, l: Language): string {
  const byScreen = new Map<string, { name: string; times: string[] }>()
  for (const s of entry.showings) {
    const screen = byScreen.get(s.screenId) ?? { name: s.screenName, times: [] }
    screen.times.push(`${clock(input.site, input.day, s.startMs)}–${clock(input.site, input.day, s.endMs)}`)
    byScreen.set(s.screenId, screen)
  }
  const list = [...byScreen.values()].map((s) => `${s.name} (${s.times.join(', ')})`).join('; ')
  return `${ON_AIR_WORDS[l].screens}: ${list}`
}

const part = (l: Language, children: Record<string, unknown>) => ({ '@_xml:lang': l, ...children })

function entryNode(input: AtomInput, entry: ShownEntry) {
  const langs = languagesOf(entry, input.lang)
  const id = `tag:${input.authority},${dateOf(input.day)}:site/${input.site.id}/${entry.key}`
  const dates = { updated: isoAt(entry.updatedMs), published: isoAt(firstOnAir(entry)) }
  if (langs.length === 1) {
    const l = langs[0]!
    const body = entry.text[l]?.body ?? ''
    return {
      '@_xml:lang': l,
      id,
      title: { '@_type': 'text', '#text': titleOf(entry, l) },
      ...dates,
      content: {
        '@_type': 'text',
        '#text': [body, showingsOf(input, entry, l)].filter(Boolean).join('\n\n'),
      },
    }
  }
  return {
    id,
    title: {
      '@_type': 'xhtml',
      div: { '@_xmlns': XHTML, span: langs.map((l) => part(l, { '#text': titleOf(entry, l) })) },
    },
    ...dates,
    content: {
      '@_type': 'xhtml',
      div: {
        '@_xmlns': XHTML,
        div: langs.map((l) =>
          part(l, { p: [entry.text[l]?.body, showingsOf(input, entry, l)].filter(Boolean) }),
        ),
      },
    },
  }
}

/**
 * The entries a feed in `lang` lists: all of them, but for a news entry of a feed item in another
 * language (a Chinese headline has no Vietnamese to fall back on; the three-language feed lists it).
 */
export const listedIn = (entries: readonly ShownEntry[], lang: Language | undefined): ShownEntry[] =>
  entries.filter((e) => lang === undefined || e.kind !== 'feed' || e.text[lang] !== undefined)

/** The feed's `updated`: its newest entry's, or the day's start when nothing is on air. */
export const feedUpdatedMs = (day: OnAirDay, entries: readonly ShownEntry[]): number =>
  entries.reduce((max, e) => Math.max(max, e.updatedMs), day.fromMs)

export function atomFeed(input: AtomInput): string {
  const { site, lang } = input
  const l = lang ?? 'vi'
  const words = ON_AIR_WORDS[l]
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    feed: {
      '@_xmlns': ATOM,
      '@_xml:lang': l,
      // The feed is the same feed every day: its id is dated by the site's creation, as tag URIs ask.
      id: `tag:${input.authority},${site.createdAt.slice(0, 10)}:site/${site.id}/on-air`,
      title: { '@_type': 'text', '#text': words.title(site.name[l]) },
      subtitle: { '@_type': 'text', '#text': words.subtitle },
      updated: isoAt(feedUpdatedMs(input.day, input.entries)),
      link: { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': input.selfUrl },
      author: { name: words.author },
      generator: 'Gatecast',
      entry: input.entries.map((e) => entryNode(input, e)),
    },
  })
}
