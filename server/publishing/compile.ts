import { datasetItemOf } from '@playlists/dataset-on-screen'
import { feedItemEntries } from '@playlists/feed-on-screen'
import { DOCUMENT_HORIZON_DAYS } from '@playlists/limits'
import type { DatasetBody } from '@playlists/schemas/dataset'
import {
  type Asset,
  DOCUMENT_FORMAT,
  type DocumentContent,
  type DocumentProgramme,
  type DocumentScreen,
} from '@playlists/schemas/document'
import type { Emergency, Override } from '@playlists/schemas/emergency'
import type { OnAirEntry } from '@playlists/schemas/feed'
import {
  type DocumentItem,
  type DocumentItemOf,
  ITEM_DEFAULTS,
  mediaIdOf,
  type PlaylistItem,
} from '@playlists/schemas/items'
import { type DocumentLayout, fullScreenLayout, type Layout, MAIN_ZONE } from '@playlists/schemas/layout'
import type { MediaRef } from '@playlists/schemas/media'
import type { DocumentPlaylist } from '@playlists/schemas/playlist'
import { type Schedule, type ScheduleRule, SPECIFICITY } from '@playlists/schemas/schedule'
import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { fastInstantOf, parseLocalDateTime } from '@playlists/time/zone'
import { webUrlProblem } from '@playlists/web'
import type { PlaylistRevision } from '../repositories/playlists'

/**
 * The instant every default loop is anchored to. Fixed forever: changing it would make every
 * screen jump to another item at upgrade time and break agreement between old and new players.
 */
export const TIMELINE_EPOCH_MS = 0

const DAY = 86_400_000

export interface CompileInput {
  screen: Screen
  site: Site
  /** Every schedule entry aimed at the screen (directly, or through its group, site or "all"). */
  schedules: readonly Schedule[]
  /** Open emergency messages for the screen. */
  emergencies: readonly Emergency[]
  /** Live approved versions by playlist id; playlists with none on air are absent. */
  revisions: ReadonlyMap<string, PlaylistRevision>
  media: (id: string) => MediaRef | undefined
  /**
   * What a feed source's approved policy lets on air at `now`, newest first (see onAirEntries);
   * empty for a source never approved, withdrawn or unknown.
   */
  feedEntries: (sourceId: string) => readonly OnAirEntry[]
  /** A dataset's version on air; undefined before its first approval, after a withdrawal, or unknown. */
  dataset: (datasetId: string) => { number: number; body: DatasetBody } | undefined
  /** The screen's layout; null when it has none (one zone, the whole panel). */
  layout: Layout | null
  /** The web-page allow-list: items showing other origins are left out. */
  webOrigins: ReadonlySet<string>
  now: number
  /** Told of each item left out because what it shows is gone (see StaleReference). */
  onStale?: (stale: StaleReference) => void
}

/**
 * An item of a live version whose medium no longer exists. Deleting a medium is refused while
 * a version that can go on air shows it, so only a hand-edited database gets here; the item is
 * left out rather than the whole screen's compile failing (issue 16 item 5).
 */
export interface StaleReference {
  playlistId: string
  revision: number
  itemId: string
  mediaId: string
}

/** The horizon starts at the UTC day, so recompiling within a day yields the same content. */
export function horizonAt(now: number): { fromMs: number; untilMs: number } {
  const fromMs = Math.floor(now / DAY) * DAY
  return { fromMs, untilMs: fromMs + DOCUMENT_HORIZON_DAYS * DAY }
}

/**
 * Builds a screen's document content from live approved versions only (never drafts, nor versions
 * waiting for approval or rejected): the caller passes nothing else. Pure: the same
 * input gives the same content, hence the same hash, so unchanged screens are not pushed.
 * Schedule entries whose playlist has no version on air are left out (they could show nothing),
 * and so are items whose medium is gone: a stale reference never makes a compile fail.
 */
export function compileDocument(input: CompileInput): DocumentContent {
  return {
    ...compileProgramme(input),
    screenId: input.screen.id,
    screen: documentScreen(input.screen, input.site),
  }
}

/** The zone a screen's schedule times are read in: its own, else its site's. */
export const timeZoneOf = (screen: Screen, site: Site): string => screen.timeZone ?? site.timeZone

/**
 * What the programme part of a screen's document depends on besides what a publish batch
 * shares (playlists' live revisions, layouts, media, the web allow-list, `now`): screens with
 * the same key get the same programme. compileProgramme reads the screen only through these.
 */
export function programmeKey(input: CompileInput): string {
  const { screen, site } = input
  return JSON.stringify([
    timeZoneOf(screen, site),
    screen.layoutId,
    screen.defaultPlaylistId,
    input.schedules.map((s) => s.id),
    input.emergencies.map((e) => e.id),
  ])
}

/** The screen as its document describes it (its identity part, not shared with others). */
export function documentScreen(screen: Screen, site: Site): DocumentScreen {
  return {
    id: screen.id,
    name: screen.name,
    siteId: site.id,
    siteName: site.name,
    width: screen.width,
    height: screen.height,
    timeZone: timeZoneOf(screen, site),
    syncGroupId: screen.syncGroupId,
    audio: screen.audio,
    crossfadeMs: screen.crossfadeMs,
    power: {
      plan: screen.powerPlan ?? site.powerPlan,
      source: screen.powerPlan ? 'screen' : 'site',
      latitude: site.location?.latitude ?? null,
      longitude: site.location?.longitude ?? null,
    },
  }
}

/**
 * The document less the screen's identity. Reads the screen only through `programmeKey`'s
 * fields (time zone, layout, default playlist), so one result serves every screen sharing them.
 */
export function compileProgramme(input: CompileInput): DocumentProgramme {
  const { revisions, media, now } = input
  const timeZone = timeZoneOf(input.screen, input.site)
  const horizon = horizonAt(now)
  const localInstant = (text: string | null, fallback: number) => {
    if (!text) return fallback
    const { date, minute } = parseLocalDateTime(text)
    return fastInstantOf(timeZone, date, minute)
  }

  const layout = documentLayout(input)
  const zoneIds = new Set(layout.zones.map((z) => z.id))

  const rules: ScheduleRule[] = input.schedules
    .filter(
      (s) =>
        revisions.has(s.playlistId) &&
        zoneIds.has(s.zoneId) &&
        localInstant(s.until, Number.POSITIVE_INFINITY) > horizon.fromMs &&
        localInstant(s.from, Number.NEGATIVE_INFINITY) < horizon.untilMs,
    )
    .map((s) => ({
      id: s.id,
      playlistId: s.playlistId,
      priority: s.priority,
      specificity: SPECIFICITY[s.target.type],
      zoneId: s.zoneId,
      createdAt: s.createdAt,
      from: s.from,
      until: s.until,
      days: s.days,
      window: s.window,
      cron: s.cron,
      lunar: s.lunar,
    }))
    .sort((a, b) => a.id.localeCompare(b.id))

  const wanted = new Set(rules.map((r) => r.playlistId))
  for (const zone of layout.zones) if (zone.defaultPlaylistId !== null) wanted.add(zone.defaultPlaylistId)

  const assets = new Map<string, Asset>()
  const addAsset = (ref: MediaRef) =>
    assets.set(ref.url, { url: ref.url, sha256: ref.sha256, bytes: ref.bytes, contentType: ref.contentType })
  const playlists: Record<string, DocumentPlaylist> = {}
  for (const id of [...wanted].sort()) {
    const revision = revisions.get(id)!
    const items: DocumentItem[] = []
    for (const item of revision.items) {
      if (item.kind === 'web' && webUrlProblem(item.url, input.webOrigins) !== null) continue
      if (item.kind === 'feed') {
        const feed = feedItemOf(item, input, addAsset)
        // A source with nothing on air (not approved, every entry withdrawn or too old) shows nothing.
        if (feed.entries.length > 0) items.push(feed)
        continue
      }
      if (item.kind === 'dataset') {
        // A dataset with nothing on air (not approved yet, withdrawn, no rows) shows nothing.
        const shown = datasetItemOf(item, input.dataset(item.datasetId))
        if (shown) items.push(shown)
        continue
      }
      const mediaId = mediaIdOf(item)
      const ref = mediaId === null ? null : media(mediaId)
      if (mediaId !== null && !ref) {
        input.onStale?.({ playlistId: id, revision: revision.revision, itemId: item.id, mediaId })
        continue
      }
      if (ref) addAsset(ref)
      items.push(toDocumentItem(item, ref ?? null))
    }
    playlists[id] = { id, name: revision.name, revision: revision.revision, items }
  }

  return {
    format: DOCUMENT_FORMAT,
    epochMs: TIMELINE_EPOCH_MS,
    layout,
    playlists,
    rules,
    overrides: overridesOf(input.emergencies),
    horizon,
    assets: [...assets.values()].sort((a, b) => a.url.localeCompare(b.url)),
  }
}

/**
 * The screen's zones with their default playlists: the screen's own default fills the main
 * zone, a zone's playlist the others (and the main one when the screen has no default).
 * Playlists with no version on air are left out: they could show nothing.
 */
function documentLayout(input: CompileInput): DocumentLayout {
  const published = (id: string | null) => (id !== null && input.revisions.has(id) ? id : null)
  const own = published(input.screen.defaultPlaylistId)
  if (!input.layout) return fullScreenLayout(own)
  return {
    id: input.layout.id,
    name: input.layout.name,
    zones: input.layout.zones.map(({ playlistId, ...zone }) => ({
      ...zone,
      defaultPlaylistId: zone.id === MAIN_ZONE ? (own ?? published(playlistId)) : published(playlistId),
    })),
  }
}

/** Emergency messages as a document carries them, in the order they start. */
export function overridesOf(emergencies: readonly Emergency[]): Override[] {
  return emergencies
    .map((e) => ({
      id: e.id,
      text: e.text,
      startsAtMs: Date.parse(e.startsAt),
      endsAtMs: Date.parse(e.expiresAt),
    }))
    .sort((a, b) => a.startsAtMs - b.startsAtMs || a.id.localeCompare(b.id))
}

/**
 * What a screen gets when compiling its programme failed, whatever the reason: the programme it
 * had (nothing, when it had none in this format) with the emergency messages open now. A fault
 * in one playlist, layout or schedule entry must never keep a message off a screen.
 */
export function fallbackProgramme(
  previous: DocumentProgramme | null,
  emergencies: readonly Emergency[],
  now: number,
): DocumentProgramme {
  const base: DocumentProgramme =
    previous?.format === DOCUMENT_FORMAT
      ? previous
      : {
          format: DOCUMENT_FORMAT,
          epochMs: TIMELINE_EPOCH_MS,
          layout: fullScreenLayout(null),
          playlists: {},
          rules: [],
          overrides: [],
          horizon: horizonAt(now),
          assets: [],
        }
  return { ...base, overrides: overridesOf(emergencies) }
}

/**
 * A feed item as a player receives it: the entries on air now, as text, their images resolved
 * and added to the manifest (an image gone from the library leaves its entry as text).
 */
function feedItemOf(
  item: Extract<PlaylistItem, { kind: 'feed' }>,
  input: CompileInput,
  addAsset: (ref: MediaRef) => void,
): DocumentItemOf<'feed'> {
  const { sourceId, count, languages, ...rest } = { ...ITEM_DEFAULTS.feed, ...item }
  const entries = feedItemEntries(input.feedEntries(sourceId), count, languages).map((e) => {
    const ref = e.mediaId === null ? undefined : input.media(e.mediaId)
    if (ref) addAsset(ref)
    return {
      entryId: e.entryId,
      language: e.language,
      title: e.title,
      summary: e.summary,
      publishedAt: e.publishedAt,
      media: ref ?? null,
    }
  })
  return { ...rest, sourceId, languages, entries }
}

/** A stored item as a player receives it: its medium's id replaced by `ref`, the medium found (null: a slide without one). */
function toDocumentItem(
  item: Exclude<PlaylistItem, { kind: 'feed' | 'dataset' }>,
  ref: MediaRef | null,
): DocumentItem {
  switch (item.kind) {
    case 'image': {
      const { mediaId: _mediaId, ...rest } = item
      return { ...rest, media: ref! }
    }
    case 'video': {
      const { mediaId: _mediaId, ...rest } = item
      return { ...rest, media: ref! }
    }
    case 'slide': {
      const { mediaId: _mediaId, ...rest } = item
      return { ...rest, media: ref }
    }
    case 'clock':
      // A version approved before clocks had a second zone or lunar date shows neither.
      return { ...ITEM_DEFAULTS.clock, ...item }
    default:
      return item
  }
}
