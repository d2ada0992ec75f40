import Type, { type Static } from 'typebox'
import type { Incident } from './schemas/alerts'
import type { ScreenDocument } from './schemas/document'
import type { ErrorCode } from './schemas/error-codes'
import { FEED_ON_AIR_MAX, type FeedSource } from './schemas/feed'
import {
  BYTES_MAX,
  Count,
  EPOCH_MS_MAX,
  EpochMs,
  SPAN_MS_MAX,
  VERSION_MAX,
  VersionNumber,
} from './schemas/numbers'
import { PowerReport } from './schemas/power'
import type { ScreenStatus } from './schemas/status'

/**
 * The socket.io contract between server and players, typed once and imported by both sides.
 * Payloads coming from a player are validated on arrival against the schemas below.
 */

/** Players live in their own namespace so that console clients never receive documents. */
export const PLAYER_NAMESPACE = '/player'

export const screenRoom = (screenId: string): string => `screen:${screenId}`

/** A sync group's players, together: what the group's screens share goes here. */
export const syncGroupRoom = (syncGroupId: string): string => `sync-group:${syncGroupId}`

/** Operators' and officials' consoles: live screen status, never documents or commands. */
export const CONSOLE_NAMESPACE = '/console'

export interface ServerToConsoleEvents {
  /** Every screen's status, sent once when a console connects. */
  'screen:statuses': (all: ScreenStatus[]) => void
  /** A screen went online or offline, reported, or applied a version. */
  'screen:status': (status: ScreenStatus) => void
  /** An alert incident opened, resolved or was acknowledged. */
  'alert:incident': (incident: Incident) => void
  /** A feed source was fetched (or failed, or raised its alert). */
  'feed:source': (source: FeedSource) => void
}

/**
 * Sent in the socket.io handshake (`auth`). The token names the screen: a player holds one screen's
 * token (from pairing) and can join only that screen's rooms. The access guard checks the token
 * (server/realtime/access.ts); this schema covers the rest.
 */
export const PlayerHandshake = Type.Object(
  {
    token: Type.String({ description: "The screen's token, gcd_…" }),
    /** The version the player already holds, so a reconnect can skip an unchanged document. */
    version: Type.Optional(Type.Union([Count(VERSION_MAX), Type.Null()])),
  },
  { additionalProperties: true },
)
export type PlayerHandshake = Static<typeof PlayerHandshake>

export const DocumentApplied = Type.Object(
  { version: VersionNumber(), hash: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
)
export type DocumentApplied = Static<typeof DocumentApplied>

/** Bytes of memory or storage a browser reports (not always whole numbers). */
const Bytes = Type.Number({ minimum: 0, maximum: BYTES_MAX })

/** Recent errors a player reports (items it skipped, render-loop failures), newest last. */
export const PlayerError = Type.Object(
  { atMs: Type.Number({ minimum: 0, maximum: EPOCH_MS_MAX }), message: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
)
export type PlayerError = Static<typeof PlayerError>
export const PLAYER_ERRORS_KEPT = 20

/** What a zone shows right now. */
export const ZoneNow = Type.Object(
  {
    zoneId: Type.String({ maxLength: 63 }),
    itemId: Type.Union([Type.String({ maxLength: 63 }), Type.Null()]),
    playlistId: Type.Union([Type.String({ maxLength: 63 }), Type.Null()]),
  },
  { additionalProperties: false },
)
export type ZoneNow = Static<typeof ZoneNow>

/** How often a player reports; the server calls a screen offline after three missed reports. */
export const HEARTBEAT_INTERVAL_MS = 15_000

/**
 * A player's periodic report. It also carries the version the player holds, so a push it
 * missed (a dropped packet, a server restart mid-publish) is caught within one interval.
 */
/** Plays a player may hold unacknowledged: one a second for three years is 10^8. */
export const PENDING_PLAYS_MAX = 100_000_000

export const Heartbeat = Type.Object(
  {
    version: Type.Union([Count(VERSION_MAX), Type.Null()]),
    zones: Type.Array(ZoneNow, { maxItems: 16 }),
    uptimeMs: Type.Number({ minimum: 0, maximum: SPAN_MS_MAX }),
    /** Chromium's JS heap figures in bytes; null where the browser does not expose them. */
    memory: Type.Union([
      Type.Object({ usedBytes: Bytes, totalBytes: Bytes }, { additionalProperties: false }),
      Type.Null(),
    ]),
    /** The viewport the player fills, in CSS pixels, and the device pixel ratio. */
    resolution: Type.Object(
      {
        width: Type.Integer({ minimum: 0, maximum: 100_000 }),
        height: Type.Integer({ minimum: 0, maximum: 100_000 }),
        pixelRatio: Type.Number({ minimum: 0, maximum: 16 }),
      },
      { additionalProperties: false },
    ),
    errors: Type.Array(PlayerError, { maxItems: PLAYER_ERRORS_KEPT }),
    /** The player's estimate of (server clock − its own clock), in ms. */
    clockOffsetMs: Type.Number({ minimum: -SPAN_MS_MAX, maximum: SPAN_MS_MAX }),
    /**
     * A newer version the player holds but has not applied yet (its files are downloading): the
     * server does not send that one again.
     */
    pendingVersion: Type.Optional(Type.Union([VersionNumber(), Type.Null()])),
    /** Proof-of-play events the player holds that the server has not acknowledged yet. */
    pendingPlays: Type.Optional(Type.Union([Count(PENDING_PLAYS_MAX), Type.Null()])),
    /**
     * The browser's storage estimate (cached media fill it), for the storage alert; null where
     * the browser gives none, absent from older players.
     */
    storage: Type.Optional(
      Type.Union([
        Type.Object({ usageBytes: Bytes, quotaBytes: Bytes }, { additionalProperties: false }),
        Type.Null(),
      ]),
    ),
    /**
     * Whether the power plan has the screen on now (off: it shows black, outside operating hours)
     * and the brightness the player dims its output to; absent from older players.
     */
    power: Type.Optional(PowerReport),
  },
  { additionalProperties: false },
)
export type Heartbeat = Static<typeof Heartbeat>

/**
 * Proof of play: one item shown in one zone, from its first frame to its last. The id is made
 * by the player (a UUID), so resending after a lost acknowledgement stores nothing twice.
 */
export const PlayEvent = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    zoneId: Type.String({ minLength: 1, maxLength: 63 }),
    itemId: Type.String({ minLength: 1, maxLength: 63 }),
    playlistId: Type.String({ minLength: 1, maxLength: 63 }),
    documentVersion: VersionNumber(),
    /** Server-clock instants (ms since the Unix epoch). */
    startMs: EpochMs(),
    endMs: EpochMs(),
    /**
     * A feed item's play: the ids of the entries it showed (what a withdrawal must be able to
     * trace); a dataset item's: `dataset-version-<n>`, the approved version whose rows it showed.
     */
    entries: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 63 }), { minItems: 1, maxItems: FEED_ON_AIR_MAX }),
    ),
  },
  { additionalProperties: false },
)
export type PlayEvent = Static<typeof PlayEvent>
export const PLAY_BATCH_MAX = 500

export const PlayBatch = Type.Array(PlayEvent, { minItems: 1, maxItems: PLAY_BATCH_MAX })

export interface PlaysAck {
  stored: string[]
  refused?: { id: string; msg: string }[]
}

export const COMMAND_TYPES = ['reload', 'identify', 'clear-cache'] as const
export type CommandType = (typeof COMMAND_TYPES)[number]

/** A remote command to a screen, sent by an operator from the console. */
export interface Command {
  id: string
  type: CommandType
  /** Identify: the screen's name to show large. */
  name?: string
}

/**
 * Every acknowledgement: either fine, or a refusal with the catalogue's code (for the program) and
 * a message a person can read in the player's log.
 */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; code: ErrorCode; msg: string }

export interface ServerToPlayerEvents {
  /** The screen's current document: sent on connect and after every publish that changes it. */
  document: (document: ScreenDocument) => void
  /** Sent on connect when the screen has nothing published yet. */
  'document:none': () => void
  command: (command: Command) => void
  /**
   * A new token for this screen: the player stores it, then acknowledges; the server revokes the
   * old one only after the acknowledgement, so a player never holds only a revoked token.
   */
  'token:rotate': (payload: TokenRotation, ack: (result: Ack) => void) => void
}

export interface TokenRotation {
  token: string
}

export interface PlayerToServerEvents {
  /** The player has every asset and now plays this version. */
  'document:applied': (payload: DocumentApplied, ack: (result: Ack) => void) => void
  /** Clock sync: the server answers with its clock; the player measures the round trip. */
  'clock:sync': (ack: (serverNowMs: number) => void) => void
  /** The server answers with the version the screen should hold (and pushes it if different). */
  heartbeat: (payload: Heartbeat, ack: (result: Ack<{ version: number | null }>) => void) => void
  /**
   * Acknowledged with the ids stored, including ids stored before (a resend), and the events
   * refused for good (nonsense instants) with the reason: the player may forget both.
   */
  plays: (batch: PlayEvent[], ack: (result: Ack<PlaysAck>) => void) => void
}
