import Type, { type Static } from 'typebox'
import { Id, type Language, Name, Timestamp } from './common'

/**
 * Feeds (issue 19 point 1): an RSS 2.0 or Atom 1.0 source the server fetches on its own, whose
 * entries may go on air once a second person approved the source and its policy (the address,
 * the language, the words that keep an entry off the air, how old an entry may be). The body
 * below is what a version of a feed freezes; the fetch state and the entries live beside it.
 */

/** A source fetched more often than this is a burden on the portal for no news. */
export const FEED_INTERVAL_MINUTES_MIN = 5
/** A day: news older than a day's refresh is not "timely". */
export const FEED_INTERVAL_MINUTES_MAX = 24 * 60
/** Words a policy may list: enough for a desk's list, small enough to read at approval. */
export const FEED_WORDS_MAX = 50
export const FEED_WORD_CHARS_MAX = 60
/** A month: an entry older than that is archive, not information at a gate. */
export const FEED_MAX_AGE_HOURS_MAX = 30 * 24
/** A week: longer than that nobody would learn of a dead source in time to act. */
export const FEED_ALERT_MINUTES_MAX = 7 * 24 * 60
/** An address as long as a browser keeps; longer ones are made up. */
export const FEED_URL_CHARS_MAX = 2000
/** Entries kept per source, newest first: a screen shows ten; the rest is history for the console. */
export const FEED_ENTRIES_KEPT = 200
/** Texts kept of an entry: a headline, and the first paragraph or so of its summary. */
export const FEED_TITLE_CHARS_MAX = 300
export const FEED_SUMMARY_CHARS_MAX = 1000
/** Entries of one source a screen's document may carry: a ticker loops through a handful. */
export const FEED_ON_AIR_MAX = 20

/** The language of a source's entries, or `entries` when each entry says its own (xml:lang, dc:language). */
export const FeedLanguage = Type.Union(
  [Type.Literal('vi'), Type.Literal('zh'), Type.Literal('en'), Type.Literal('entries')],
  { description: 'vi, zh or en; or "entries" when each entry carries its language' },
)
export type FeedLanguage = Static<typeof FeedLanguage>

const Word = Type.String({ minLength: 1, maxLength: FEED_WORD_CHARS_MAX, pattern: '\\S' })

/** What an admin registers, and what a version of the feed freezes for approval. */
export const FeedInput = Type.Object(
  {
    name: Name,
    url: Type.String({
      minLength: 1,
      maxLength: FEED_URL_CHARS_MAX,
      description: 'http:// or https:// address of an RSS 2.0 or Atom 1.0 document',
    }),
    language: FeedLanguage,
    intervalMinutes: Type.Integer({
      minimum: FEED_INTERVAL_MINUTES_MIN,
      maximum: FEED_INTERVAL_MINUTES_MAX,
      description: `Minutes between fetches (${FEED_INTERVAL_MINUTES_MIN}–${FEED_INTERVAL_MINUTES_MAX})`,
    }),
    /** An entry whose title or summary holds one of these words (any case) never goes on air. */
    words: Type.Array(Word, {
      maxItems: FEED_WORDS_MAX,
      description: 'Entries with any of these words are dropped',
    }),
    /** Entries published longer ago than this are not shown; null: no limit. */
    maxAgeHours: Type.Union([Type.Integer({ minimum: 1, maximum: FEED_MAX_AGE_HOURS_MAX }), Type.Null()]),
    /** A source failing for this long raises an alert (it keeps its last entries meanwhile). */
    alertAfterMinutes: Type.Integer({ minimum: 1, maximum: FEED_ALERT_MINUTES_MAX }),
  },
  { additionalProperties: false },
)
export type FeedInput = Static<typeof FeedInput>
/** Registering a source: its id may be chosen (a slug), or the server makes one. */
export const FeedCreateInput = Type.Object(
  { id: Type.Optional(Id), ...FeedInput.properties },
  { additionalProperties: false },
)
export type FeedCreateInput = Static<typeof FeedCreateInput>

/** The body of a feed's version: the source and its policy as approved. */
export type FeedBody = FeedInput

export const FeedFetchOutcome = Type.Union([
  Type.Literal('ok'),
  Type.Literal('not-modified'),
  Type.Literal('failed'),
])
export type FeedFetchOutcome = Static<typeof FeedFetchOutcome>

/** Why a fetch failed, as a code a console translates, and the server's English detail. */
export const FEED_FAILURES = [
  'refused',
  'timeout',
  'network',
  'status',
  'too-large',
  'malformed',
  'dtd',
  'encoding',
  'not-a-feed',
] as const
export type FeedFailure = (typeof FEED_FAILURES)[number]
export const FeedFailureCode = Type.Union([
  Type.Literal('refused'),
  Type.Literal('timeout'),
  Type.Literal('network'),
  Type.Literal('status'),
  Type.Literal('too-large'),
  Type.Literal('malformed'),
  Type.Literal('dtd'),
  Type.Literal('encoding'),
  Type.Literal('not-a-feed'),
])

export const FeedSource = Type.Object({
  id: Id,
  ...FeedInput.properties,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastFetchAt: Type.Union([Timestamp, Type.Null()]),
  lastOutcome: Type.Union([FeedFetchOutcome, Type.Null()]),
  lastSuccessAt: Type.Union([Timestamp, Type.Null()]),
  lastError: Type.Union([Type.Object({ code: FeedFailureCode, message: Type.String() }), Type.Null()]),
  /** The first failure of the current run of failures; null while the source answers. */
  failingSince: Type.Union([Timestamp, Type.Null()]),
  /** When the alert for this run of failures was raised; null when none is. */
  alertedAt: Type.Union([Timestamp, Type.Null()]),
  entryCount: Type.Integer(),
  /** The version on air (its policy decides what may reach a screen); null before the first approval. */
  liveVersion: Type.Union([Type.Integer(), Type.Null()]),
})
export type FeedSource = Static<typeof FeedSource>

/** An entry as the server keeps it. */
export const FeedEntry = Type.Object({
  /** The server's id for the entry (stable: derived from the source and the entry's guid or id). */
  id: Id,
  /** The entry's own id: RSS guid (or link), Atom id. */
  guid: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Timestamp, Type.Null()]),
  language: Type.Union([Type.Literal('vi'), Type.Literal('zh'), Type.Literal('en'), Type.Null()]),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  /** The image, fetched and kept as media; null while none is (or it was refused). */
  mediaId: Type.Union([Id, Type.Null()]),
  firstSeenAt: Timestamp,
  withdrawnAt: Type.Union([Timestamp, Type.Null()]),
  withdrawnBy: Type.Union([Type.String(), Type.Null()]),
})
export type FeedEntry = Static<typeof FeedEntry>

export const FeedEntryParams = Type.Object({ id: Id, entry: Id })

/**
 * An entry as a screen's document carries it: text only, and the image by media id (its file is
 * in the document's asset manifest), so a screen keeps showing it with the network gone.
 */
export const OnAirEntry = Type.Object({
  sourceId: Id,
  entryId: Id,
  language: Type.Union([Type.Literal('vi'), Type.Literal('zh'), Type.Literal('en')]),
  title: Type.String(),
  summary: Type.String(),
  publishedAt: Type.Union([Timestamp, Type.Null()]),
  mediaId: Type.Union([Id, Type.Null()]),
})
export type OnAirEntry = Static<typeof OnAirEntry>

/** The entry's language: the source's, or the entry's own when the source says entries carry it. */
export const entryLanguage = (source: FeedLanguage, own: Language | null): Language | null =>
  source === 'entries' ? own : source

const HOUR = 3_600_000

/**
 * The entries the approved policy lets on air at `now`, newest first: not withdrawn, with a
 * language, within the maximum age (an entry without a date is too old when there is one), and
 * holding none of the listed words (in lower case and one Unicode form, NFC: a feed may write
 * "bão" decomposed; the tone stays part of the word, so "bao" does not match it).
 */
export function onAirEntries(
  sourceId: string,
  policy: FeedBody,
  entries: readonly FeedEntry[],
  now: number,
  limit = FEED_ON_AIR_MAX,
): OnAirEntry[] {
  const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase()
  const words = policy.words.map((w) => fold(w.trim())).filter((w) => w.length > 0)
  const oldest = policy.maxAgeHours === null ? null : now - policy.maxAgeHours * HOUR
  const time = (e: FeedEntry) => (e.publishedAt === null ? null : Date.parse(e.publishedAt))
  return entries
    .filter((e) => e.withdrawnAt === null)
    .filter((e) => {
      if (oldest === null) return true
      const t = time(e)
      return t !== null && t >= oldest
    })
    .filter((e) => {
      const text = fold(`${e.title}\n${e.summary}`)
      return !words.some((w) => text.includes(w))
    })
    .flatMap((e) => {
      const language = entryLanguage(policy.language, e.language)
      return language === null
        ? []
        : [
            {
              sourceId,
              entryId: e.id,
              language,
              title: e.title,
              summary: e.summary,
              publishedAt: e.publishedAt,
              mediaId: e.mediaId,
            },
          ]
    })
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
    .slice(0, limit)
}
