import Type, { type Static } from 'typebox'
import type { PlayEvent } from '../events'
import { Id, Timestamp } from './common'
import { limitQuery, type PageSizes } from './paging'

/**
 * Proof of play: what the server keeps of the events players report (see PlayEvent in
 * events.ts), how it refuses nonsense, and how the console and reports ask for it.
 */

const DAY_MS = 86_400_000

/**
 * The longest single play accepted. Players close an item at its next transition and cut an
 * item that stays up longer (a ticker, a clock, one picture looping into itself) every
 * PLAY_SPAN_MS_MAX, so anything longer than a day is a broken clock, not a play.
 */
export const PLAY_DURATION_MS_MAX = DAY_MS

/** Players cut an item still on screen into plays of at most an hour (see PLAY_DURATION_MS_MAX). */
export const PLAY_SPAN_MS_MAX = 3_600_000

/**
 * How far past the server's clock a play may end. Players stamp plays on server time and hold
 * those stamped before a clock measurement until one corrects them (player/src/proof-of-play.ts),
 * so what remains is the measurement's error (half a round trip, at most 2.5 s) and the PC's
 * drift since its last measurement: a screen may play 21 days offline (its document's horizon),
 * and a PC crystal off by 50 ppm drifts 91 s in that time. Two minutes covers both; a play
 * further ahead comes from a clock that was stepped, or a player that does not correct.
 */
export const PLAY_FUTURE_MS_MAX = 2 * 60_000

/**
 * No play happened before this instant (1 January 2025, before Gatecast ran anywhere): an
 * earlier one comes from a PC whose clock reset to its firmware date after a dead battery.
 */
export const PLAY_EARLIEST_MS = Date.UTC(2025, 0, 1)

/**
 * Why the server refuses a well-formed event, or null when it is acceptable. A refused event is
 * acknowledged as refused, logged and dropped: it would be refused again on every resend, and
 * must not hold the player's queue behind it.
 */
export function playEventProblem(event: PlayEvent, nowMs: number): string | null {
  if (event.endMs < event.startMs) return 'ends before it starts'
  if (event.startMs < PLAY_EARLIEST_MS) return 'starts before 2025: the player clock was not set'
  if (event.endMs - event.startMs > PLAY_DURATION_MS_MAX) return 'lasts longer than a day'
  if (event.endMs > nowMs + PLAY_FUTURE_MS_MAX)
    return `ends more than ${PLAY_FUTURE_MS_MAX / 60_000} minutes after the server clock`
  return null
}

/** A play as the API returns it: instants in ISO 8601, the screen's local day as YYYY-MM-DD. */
export const Play = Type.Object({
  id: Type.String({ format: 'uuid' }),
  screenId: Type.String(),
  zoneId: Type.String(),
  itemId: Type.String(),
  playlistId: Type.String(),
  documentVersion: Type.Integer(),
  start: Timestamp,
  end: Timestamp,
  day: Type.String({ description: "The screen's local date at the start, YYYY-MM-DD" }),
  receivedAt: Timestamp,
  /** The feed entries a feed item's play showed, or a dataset item's version (dataset-version-<n>); null for other kinds. */
  entries: Type.Union([Type.Array(Type.String()), Type.Null()]),
})
export type Play = Static<typeof Play>

/** Plays one list answer returns at most; narrow the range to read more. */
export const PLAYS_LIST_MAX = 5_000
export const PLAYS_LIST_SIZES: PageSizes = { max: PLAYS_LIST_MAX, default: PLAYS_LIST_MAX }
/** A list covers at most a month; summaries cover a year and a day (the yearly reports). */
export const PLAYS_LIST_RANGE_MS_MAX = 31 * DAY_MS
export const PLAYS_SUMMARY_RANGE_MS_MAX = 366 * DAY_MS

export const PlaysQuery = Type.Object({
  screenId: Type.Optional(Id),
  from: Timestamp,
  to: Timestamp,
  ...limitQuery(PLAYS_LIST_SIZES),
})
export type PlaysQuery = Static<typeof PlaysQuery>

export const PlayList = Type.Object({
  /** By start, then id. */
  plays: Type.Array(Play),
  /** More plays start in the range than `limit`: ask again from the last start returned. */
  truncated: Type.Boolean(),
})
export type PlayList = Static<typeof PlayList>

export const PlaysSummaryQuery = Type.Object({
  from: Timestamp,
  to: Timestamp,
  by: Type.Optional(Type.Literal('day')),
  screenId: Type.Optional(Id),
})
export type PlaysSummaryQuery = Static<typeof PlaysSummaryQuery>

export const PlaySummaryRow = Type.Object({
  day: Type.String(),
  screenId: Type.String(),
  playlistId: Type.String(),
  itemId: Type.String(),
  plays: Type.Integer(),
  /** Seconds on air, to the millisecond. */
  seconds: Type.Number(),
})
export type PlaySummaryRow = Static<typeof PlaySummaryRow>

export const PlaySummary = Type.Object({
  /** By day, screen, playlist and item. A play counts on the local day it started. */
  rows: Type.Array(PlaySummaryRow),
})
export type PlaySummary = Static<typeof PlaySummary>
