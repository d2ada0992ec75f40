import Type, { type Static } from 'typebox'
import { Id, Name, Timestamp, TimeZone, TrilingualName } from './common'
import { Override } from './emergency'
import { DocumentLayout } from './layout'
import { DocumentPlaylist } from './playlist'
import { DocumentPower } from './power'
import { ScheduleRule } from './schedule'

/**
 * Bumped when the document's shape changes in a way a player cannot read across versions: 4 added
 * `screen.power`, which this player needs, so documents stored by an older server are recompiled
 * at start (server/app.ts) rather than served without it.
 */
export const DOCUMENT_FORMAT = 4

export const DocumentScreen = Type.Object({
  id: Id,
  name: Name,
  siteId: Id,
  siteName: TrilingualName,
  width: Type.Integer(),
  height: Type.Integer(),
  /** Resolved: the screen's own zone or its site's. */
  timeZone: TimeZone,
  syncGroupId: Type.Union([Id, Type.Null()]),
  /** Whether videos may play their sound here (most gate panels have no speakers). */
  audio: Type.Boolean(),
  /** Blend between items in ms; 0 cuts. */
  crossfadeMs: Type.Integer({ minimum: 0 }),
  /**
   * Operating hours and brightness, resolved (the screen's own plan, else its site's) with the
   * site's coordinates: the player applies it by its own clock, and a kiosk agent may read it to
   * drive the panel's power and backlight.
   */
  power: DocumentPower,
})
export type DocumentScreen = Static<typeof DocumentScreen>

export const Asset = Type.Object({
  url: Type.String(),
  sha256: Type.String(),
  bytes: Type.Integer(),
  contentType: Type.String(),
})
export type Asset = Static<typeof Asset>

/**
 * Everything a screen needs to play on its own: the playlists it may show, the rules that pick
 * one at each instant, and the list of files to fetch before the document may be applied.
 *
 * Immutable once published: a change produces a new `version`. `hash` covers everything except
 * `version`, `hash` and `publishedAt`, so recompiling unchanged content yields the same hash
 * and is not pushed again.
 *
 * The playlists are a map referenced by id so that schedule rules (one daypart playing
 * playlist A, another B) and zones only add entries that point into it. Each zone runs its own
 * timeline (see timeline.ts); emergency overrides cover the whole screen.
 */
export const ScreenDocument = Type.Object({
  format: Type.Literal(DOCUMENT_FORMAT),
  screenId: Id,
  version: Type.Integer({ minimum: 1 }),
  hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  publishedAt: Timestamp,
  screen: DocumentScreen,
  /**
   * Instant (ms since the Unix epoch) that anchors the default loop. Fixed for every
   * document, so that the same instant gives the same item on every screen and in every preview.
   */
  epochMs: Type.Integer(),
  /** The screen's zones, each with its default playlist; rules name the zone they play in. */
  layout: DocumentLayout,
  playlists: Type.Record(Type.String(), DocumentPlaylist),
  /** Schedule entries that may be active within the horizon, targets resolved. */
  rules: Type.Array(ScheduleRule),
  /** Emergency messages, shown above everything between their instants. */
  overrides: Type.Array(Override),
  /**
   * The document is complete for [fromMs, untilMs): no rule starting later was left out.
   * The server publishes a fresh document well before `untilMs`.
   */
  horizon: Type.Object({ fromMs: Type.Integer(), untilMs: Type.Integer() }),
  assets: Type.Array(Asset),
})
export type ScreenDocument = Static<typeof ScreenDocument>

/** What goes into the hash: the document less its identity and publication stamp. */
export type DocumentContent = Omit<ScreenDocument, 'version' | 'hash' | 'publishedAt'>

/**
 * The content less the screen it is for: what every screen with the same programme shares (a
 * publish reaching a thousand screens of one playlist compiles, serialises and stores it once).
 */
export type DocumentProgramme = Omit<DocumentContent, 'screenId' | 'screen'>
