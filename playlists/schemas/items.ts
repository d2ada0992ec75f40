import Type, { type Static, type TSchema } from 'typebox'
import {
  CLOCK_LABEL_CHARS_MAX,
  ITEM_DURATION_MS_MAX,
  ITEM_DURATION_MS_MIN,
  TICKER_SPEED_DEFAULT,
  TICKER_SPEED_MAX,
  TICKER_SPEED_MIN,
  WEB_URL_CHARS_MAX,
} from '../limits'
import { Id } from './common'
import { DATASET_COLUMNS_MAX, DatasetColumn } from './dataset'
import { FEED_ON_AIR_MAX, OnAirEntry } from './feed'
import { MediaRef } from './media'
import { TickerText, TrilingualText } from './text'
import { TaggedUnion } from './union'

/**
 * The kinds of content a playlist item can be, in three shapes each:
 *  - input: what an operator sends (optional settings may be left out);
 *  - stored: what the server keeps and returns (every setting filled in, the id assigned);
 *  - document: what a player receives (media resolved to URLs and hashes, nothing to look up).
 * Each kind has a renderer in player/src/renderers/; adding a kind means adding it here and there.
 */

export const DurationMs = Type.Integer({
  minimum: ITEM_DURATION_MS_MIN,
  maximum: ITEM_DURATION_MS_MAX,
  description: `How long the item stays on screen, in milliseconds (${ITEM_DURATION_MS_MIN}–${ITEM_DURATION_MS_MAX}).`,
})

export const FIT_MODES = ['contain', 'cover', 'stretch'] as const
export const Fit = Type.Union([Type.Literal('contain'), Type.Literal('cover'), Type.Literal('stretch')], {
  description: 'contain: whole picture, bars if needed; cover: fill, cropping; stretch: fill, distorting',
})
export type Fit = Static<typeof Fit>

export const SLIDE_DISPLAYS = ['stacked', 'rotating'] as const
export const SlideDisplay = Type.Union([Type.Literal('stacked'), Type.Literal('rotating')], {
  description:
    'stacked: the three languages at once; rotating: vi → zh → en in turn, each for an equal share of the duration',
})
export type SlideDisplay = Static<typeof SlideDisplay>

/** Absolute http(s) address; the server also checks it against the admin's allow-list. */
export const WebUrl = Type.String({
  minLength: 8,
  maxLength: WEB_URL_CHARS_MAX,
  pattern: '^https?://[^\\s]+$',
  description: 'An http(s) address whose origin is on the web-page allow-list',
})

export const TickerSpeed = Type.Integer({
  minimum: TICKER_SPEED_MIN,
  maximum: TICKER_SPEED_MAX,
  description: `Scrolling speed in screen pixels per second (${TICKER_SPEED_MIN}–${TICKER_SPEED_MAX})`,
})

const ClockLabel = Type.String({ minLength: 1, maxLength: CLOCK_LABEL_CHARS_MAX, pattern: '\\S' })

/**
 * A clock's second time zone: the Chinese side of the border (Asia/Shanghai, UTC+8) for a gate's
 * screens, with the name travellers read beside its time. The server checks the zone is a known
 * IANA one (a pattern cannot).
 */
export const ClockSecondZone = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' }),
    label: Type.Object({ vi: ClockLabel, zh: ClockLabel, en: ClockLabel }, { additionalProperties: false }),
  },
  { additionalProperties: false },
)
export type ClockSecondZone = Static<typeof ClockSecondZone>

export const FEED_STYLES = ['ticker', 'cards'] as const
export const FeedStyle = Type.Union([Type.Literal('ticker'), Type.Literal('cards')], {
  description:
    "ticker: the headlines scroll along a line; cards: one headline card at a time, with the entry's image",
})
export type FeedStyle = Static<typeof FeedStyle>

export const FEED_ORDERS = ['grouped', 'interleaved'] as const
export const FeedOrder = Type.Union([Type.Literal('grouped'), Type.Literal('interleaved')], {
  description:
    'grouped: the Vietnamese entries, then the Chinese, then the English; interleaved: vi, zh, en in turn',
})
export type FeedOrder = Static<typeof FeedOrder>

/** A screen's headlines: a handful reads in one pass of a queue; the schema's bound is the document's. */
export const FEED_ITEM_COUNT_DEFAULT = 5

export const DATASET_STYLES = ['table', 'board'] as const
export const DatasetStyle = Type.Union([Type.Literal('table'), Type.Literal('board')], {
  description:
    'table: a grid of cells under a heading row; board: large rows on a dark board, for reading from a queue',
})
export type DatasetStyle = Static<typeof DatasetStyle>

/** Rows on one page of a dataset item: more than this and a row's text is too small at any gate. */
export const DATASET_ROWS_PER_PAGE_MAX = 20
export const DATASET_ROWS_PER_PAGE_DEFAULT = 6

export const ITEM_KINDS = ['image', 'video', 'slide', 'web', 'ticker', 'clock', 'feed', 'dataset'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

/** Each kind's settings, as stored: `optional` lists those an operator may leave out. */
const kindFields = {
  image: { mediaId: Id, fit: Fit },
  video: {
    mediaId: Id,
    fit: Fit,
    sound: Type.Boolean({ description: 'Play the sound track when the screen allows sound' }),
  },
  slide: { text: TrilingualText, mediaId: Type.Union([Id, Type.Null()]), display: SlideDisplay },
  web: { url: WebUrl },
  ticker: { text: TickerText, speed: TickerSpeed },
  clock: {
    seconds: Type.Boolean({ description: 'Show seconds as well as hours and minutes' }),
    secondZone: Type.Union([ClockSecondZone, Type.Null()], {
      description: 'A second time zone shown beside',
    }),
    lunarDate: Type.Boolean({ description: 'Show the Vietnamese lunar date under the solar one' }),
  },
  feed: {
    sourceId: Id,
    style: FeedStyle,
    count: Type.Integer({
      minimum: 1,
      maximum: FEED_ON_AIR_MAX,
      description: `How many of the newest entries the approved policy allows are shown (1–${FEED_ON_AIR_MAX})`,
    }),
    languages: FeedOrder,
    speed: TickerSpeed,
  },
  dataset: {
    datasetId: Id,
    style: DatasetStyle,
    /** The columns shown, in this order; empty: every column, in the dataset's order. */
    columns: Type.Array(Id, { maxItems: DATASET_COLUMNS_MAX, description: 'Columns shown (none: all)' }),
    rowsPerPage: Type.Integer({
      minimum: 1,
      maximum: DATASET_ROWS_PER_PAGE_MAX,
      description: `Rows on one page; more rows turn in pages over the item's time (1–${DATASET_ROWS_PER_PAGE_MAX})`,
    }),
  },
} satisfies Record<ItemKind, Record<string, TSchema>>

/** Settings an operator may leave out, and what they become. */
export const ITEM_DEFAULTS = {
  image: { fit: 'contain' },
  video: { fit: 'contain', sound: false },
  slide: { mediaId: null, display: 'stacked' },
  web: {},
  ticker: { speed: TICKER_SPEED_DEFAULT },
  clock: { seconds: false, secondZone: null, lunarDate: false },
  feed: {
    style: 'ticker',
    count: FEED_ITEM_COUNT_DEFAULT,
    languages: 'grouped',
    speed: TICKER_SPEED_DEFAULT,
  },
  dataset: { style: 'table', columns: [], rowsPerPage: DATASET_ROWS_PER_PAGE_DEFAULT },
} as const satisfies { [K in ItemKind]: Partial<Record<keyof (typeof kindFields)[K], unknown>> }

function inputOf<K extends ItemKind>(kind: K) {
  const fields = kindFields[kind] as Record<string, TSchema>
  const optional = ITEM_DEFAULTS[kind] as Record<string, unknown>
  const properties: Record<string, TSchema> = {}
  for (const [name, schema] of Object.entries(fields))
    properties[name] = name in optional ? Type.Optional(schema) : schema
  return Type.Object(
    { id: Type.Optional(Id), kind: Type.Literal(kind), durationMs: DurationMs, ...properties },
    { additionalProperties: false },
  )
}

export const ImageItemInput = inputOf('image')
export const VideoItemInput = inputOf('video')
export const SlideItemInput = inputOf('slide')
export const WebItemInput = inputOf('web')
export const TickerItemInput = inputOf('ticker')
export const ClockItemInput = inputOf('clock')
export const FeedItemInput = inputOf('feed')
export const DatasetItemInput = inputOf('dataset')

export const PlaylistItemInput = Type.Unsafe<PlaylistItemInput>(
  TaggedUnion('kind', [
    ImageItemInput,
    VideoItemInput,
    SlideItemInput,
    WebItemInput,
    TickerItemInput,
    ClockItemInput,
    FeedItemInput,
    DatasetItemInput,
  ]),
)

/** Written out rather than derived so that TypeScript narrows on `kind` everywhere. */
type Base<K extends ItemKind> = { id?: string; kind: K; durationMs: number }
export type PlaylistItemInput =
  | (Base<'image'> & { mediaId: string; fit?: Fit })
  | (Base<'video'> & { mediaId: string; fit?: Fit; sound?: boolean })
  | (Base<'slide'> & { text: TrilingualText; mediaId?: string | null; display?: SlideDisplay })
  | (Base<'web'> & { url: string })
  | (Base<'ticker'> & { text: TickerText; speed?: number })
  | (Base<'clock'> & { seconds?: boolean; secondZone?: ClockSecondZone | null; lunarDate?: boolean })
  | (Base<'feed'> & {
      sourceId: string
      style?: FeedStyle
      count?: number
      languages?: FeedOrder
      speed?: number
    })
  | (Base<'dataset'> & {
      datasetId: string
      style?: DatasetStyle
      columns?: string[]
      rowsPerPage?: number
    })

const common = <K extends ItemKind>(kind: K) => ({ id: Id, kind: Type.Literal(kind), durationMs: DurationMs })

export const ImageItem = Type.Object({ ...common('image'), ...kindFields.image })
export const VideoItem = Type.Object({ ...common('video'), ...kindFields.video })
export const SlideItem = Type.Object({ ...common('slide'), ...kindFields.slide })
export const WebItem = Type.Object({ ...common('web'), ...kindFields.web })
export const TickerItem = Type.Object({ ...common('ticker'), ...kindFields.ticker })
export const ClockItem = Type.Object({ ...common('clock'), ...kindFields.clock })
export const FeedItem = Type.Object({ ...common('feed'), ...kindFields.feed })
export const DatasetItem = Type.Object({ ...common('dataset'), ...kindFields.dataset })

/** A stored item: ids are always present once saved (proof of play refers to them). */
export const PlaylistItem = Type.Union([
  ImageItem,
  VideoItem,
  SlideItem,
  WebItem,
  TickerItem,
  ClockItem,
  FeedItem,
  DatasetItem,
])
export type PlaylistItem = Static<typeof PlaylistItem>

/**
 * A feed entry as a screen's document carries it: its text, and its image resolved like any
 * medium (the file is in the document's asset manifest), so the screen keeps showing it offline.
 */
const { sourceId: _sourceId, mediaId: _mediaId, ...entryText } = OnAirEntry.properties
export const DocumentFeedEntry = Type.Object({ ...entryText, media: Type.Union([MediaRef, Type.Null()]) })
export type DocumentFeedEntry = Static<typeof DocumentFeedEntry>

/**
 * A dataset's row as a screen's document carries it: the shown columns' values and, beside
 * each, when it last changed, so the player marks staleness by its own clock, offline too.
 */
export const DocumentDatasetRow = Type.Object({
  id: Id,
  values: Type.Record(Type.String(), Type.Unknown()),
  asOf: Type.Record(Type.String(), Type.String()),
})
export type DocumentDatasetRow = Static<typeof DocumentDatasetRow>

/** The player's items: the medium's id replaced by what is needed to fetch and check it. */
const DocumentBase = <K extends ItemKind>(kind: K) => ({
  id: Id,
  kind: Type.Literal(kind),
  durationMs: Type.Integer({ minimum: 1 }),
})
export const DocumentItem = Type.Union([
  Type.Object({ ...DocumentBase('image'), media: MediaRef, fit: Fit }),
  Type.Object({ ...DocumentBase('video'), media: MediaRef, fit: Fit, sound: Type.Boolean() }),
  Type.Object({
    ...DocumentBase('slide'),
    text: TrilingualText,
    media: Type.Union([MediaRef, Type.Null()]),
    display: SlideDisplay,
  }),
  Type.Object({ ...DocumentBase('web'), url: Type.String() }),
  Type.Object({ ...DocumentBase('ticker'), text: TickerText, speed: Type.Integer() }),
  Type.Object({ ...DocumentBase('clock'), ...kindFields.clock }),
  Type.Object({
    ...DocumentBase('feed'),
    sourceId: Id,
    style: FeedStyle,
    languages: FeedOrder,
    speed: Type.Integer(),
    entries: Type.Array(DocumentFeedEntry),
  }),
  Type.Object({
    ...DocumentBase('dataset'),
    datasetId: Id,
    style: DatasetStyle,
    rowsPerPage: Type.Integer({ minimum: 1 }),
    /** The approved version shown (proof of play names it). */
    version: Type.Integer({ minimum: 1 }),
    staleAfterMinutes: Type.Union([Type.Integer(), Type.Null()]),
    /** The columns shown, in order, as approved. */
    columns: Type.Array(DatasetColumn),
    rows: Type.Array(DocumentDatasetRow),
  }),
])
export type DocumentItem = Static<typeof DocumentItem>
export type DocumentItemOf<K extends ItemKind> = Extract<DocumentItem, { kind: K }>

/** The medium an item shows, if its kind shows one. */
export function mediaIdOf(item: PlaylistItem): string | null {
  return 'mediaId' in item ? item.mediaId : null
}
