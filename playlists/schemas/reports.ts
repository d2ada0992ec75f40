import Type, { type Static } from 'typebox'
import { Id, LANGUAGES, Timestamp, TimeZone, TrilingualName } from './common'
import { type PageSizes, pageQuery } from './paging'

/**
 * The yearly evaluation's reports (issue 7 item 3): proof of play totalled per screen, site,
 * playlist, item, day or month, and screens' uptime per local day — as JSON for the console and
 * as CSV for the officials' spreadsheets. Periods are local calendar days, inclusive: a play
 * counts on the screen's local day it started, uptime is measured in the screen's local days.
 */

/** A year and a day: a leap year whole, or any year from a date to the same date a year later. */
export const REPORT_DAYS_MAX = 366
/** Rows of one grouping per answer; the CSV export has them all. */
export const REPORT_PAGE_SIZE_MAX = 500
export const REPORT_PAGE_SIZES: PageSizes = { max: REPORT_PAGE_SIZE_MAX, default: 100 }
/** Screens per uptime answer (each carries up to REPORT_DAYS_MAX days). */
export const UPTIME_PAGE_SIZE_MAX = 100
export const UPTIME_PAGE_SIZES: PageSizes = { max: UPTIME_PAGE_SIZE_MAX, default: UPTIME_PAGE_SIZE_MAX }

export const REPORT_GROUPINGS = ['day', 'month', 'site', 'screen', 'playlist', 'item'] as const
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number]

const LocalDay = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'A local calendar day, YYYY-MM-DD',
})
// Written out: a union mapped from an array types as never through the type provider.
const Lang = Type.Union([Type.Literal('vi'), Type.Literal('zh'), Type.Literal('en')], {
  description: `The language of the CSV header and of names: ${LANGUAGES.join(', ')} (vi by default)`,
})

const period = {
  from: LocalDay,
  to: { ...LocalDay, description: 'The last day included, YYYY-MM-DD' },
  siteId: Type.Optional(Id),
  screenId: Type.Optional(Id),
}
const grouping = Type.Union(
  [
    Type.Literal('day'),
    Type.Literal('month'),
    Type.Literal('site'),
    Type.Literal('screen'),
    Type.Literal('playlist'),
    Type.Literal('item'),
  ],
  { description: REPORT_GROUPINGS.join(', ') },
)

export const PlaysReportQuery = Type.Object(
  {
    ...period,
    by: grouping,
    ...pageQuery(REPORT_PAGE_SIZES),
  },
  { additionalProperties: false },
)
export type PlaysReportQuery = Static<typeof PlaysReportQuery>

export const PlaysCsvQuery = Type.Object(
  { ...period, by: grouping, lang: Type.Optional(Lang) },
  { additionalProperties: false },
)
export type PlaysCsvQuery = Static<typeof PlaysCsvQuery>

export const UptimeReportQuery = Type.Object(
  { ...period, ...pageQuery(UPTIME_PAGE_SIZES) },
  { additionalProperties: false },
)
export type UptimeReportQuery = Static<typeof UptimeReportQuery>

export const UptimeCsvQuery = Type.Object(
  { ...period, lang: Type.Optional(Lang) },
  { additionalProperties: false },
)
export type UptimeCsvQuery = Static<typeof UptimeCsvQuery>

const Trilingual = Type.Object({ vi: Type.String(), zh: Type.String(), en: Type.String() })

/**
 * What the ids in a report are called, for the reader: sites in three languages, screens and
 * playlists by their one name, items by what they show (a slide's title, a ticker's line, a
 * medium's file name, a web page's address; a clock has no text). An id missing here names
 * something deleted since (plays outlive what they name).
 */
export const ReportNames = Type.Object({
  sites: Type.Record(Type.String(), TrilingualName),
  screens: Type.Record(
    Type.String(),
    Type.Object({ name: Type.String(), siteId: Type.String(), timeZone: TimeZone }),
  ),
  playlists: Type.Record(Type.String(), Type.String()),
  /** Keyed `<playlistId>/<itemId>`: item ids are unique within their playlist only. */
  items: Type.Record(
    Type.String(),
    Type.Object({ kind: Type.String(), text: Type.Union([Trilingual, Type.Null()]) }),
  ),
})
export type ReportNames = Static<typeof ReportNames>

export const PlaysReportRow = Type.Object({
  /**
   * The group: the day (YYYY-MM-DD), the month (YYYY-MM), or the site, screen or playlist id, or
   * `<playlistId>/<itemId>`. For sites, '' gathers the plays of screens deleted since.
   */
  key: Type.String(),
  siteId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  screenId: Type.Optional(Type.String()),
  playlistId: Type.Optional(Type.String()),
  itemId: Type.Optional(Type.String()),
  plays: Type.Integer(),
  /** Seconds on air, to the millisecond. */
  seconds: Type.Number(),
})
export type PlaysReportRow = Static<typeof PlaysReportRow>

export const PlaysReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  by: grouping,
  /** Days and months in order; sites, screens, playlists and items by plays, most first. */
  rows: Type.Array(PlaysReportRow),
  /** Groups in the whole period (every page). */
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** Over the whole period and filter, not only this page. */
  totals: Type.Object({ plays: Type.Integer(), seconds: Type.Number() }),
  names: ReportNames,
})
export type PlaysReport = Static<typeof PlaysReport>

export const UptimeDay = Type.Object({
  day: Type.String(),
  onlineSeconds: Type.Number(),
  /** The part of the day that was observed: after recording began and the screen existed, before now. */
  observedSeconds: Type.Number(),
})
export type UptimeDay = Static<typeof UptimeDay>

export const ScreenUptime = Type.Object({
  screenId: Id,
  siteId: Id,
  timeZone: TimeZone,
  onlineSeconds: Type.Number(),
  observedSeconds: Type.Number(),
  /** Only days with an observed part, in order. */
  days: Type.Array(UptimeDay),
})
export type ScreenUptime = Static<typeof ScreenUptime>

export const UptimeReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  /** When the server began recording screens' presence; null before any screen came online. */
  recordedSince: Type.Union([Timestamp, Type.Null()]),
  /** By site, then screen id. */
  screens: Type.Array(ScreenUptime),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** Over every screen of the filter, not only this page. */
  totals: Type.Object({ onlineSeconds: Type.Number(), observedSeconds: Type.Number() }),
  names: ReportNames,
})
export type UptimeReport = Static<typeof UptimeReport>
