import { DOCUMENT_HORIZON_DAYS } from '../../playlists/limits'
import { type Asset, DOCUMENT_FORMAT, type DocumentContent } from '../../playlists/schemas/document'
import type { Emergency } from '../../playlists/schemas/emergency'
import type { MediaRef } from '../../playlists/schemas/media'
import type { DocumentItem, DocumentPlaylist } from '../../playlists/schemas/playlist'
import { type Schedule, type ScheduleRule, SPECIFICITY } from '../../playlists/schemas/schedule'
import type { Screen } from '../../playlists/schemas/screen'
import type { Site } from '../../playlists/schemas/site'
import { fastInstantOf, parseLocalDateTime } from '../../playlists/time/zone'
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
  /** Published revisions by playlist id; playlists never published are absent. */
  revisions: ReadonlyMap<string, PlaylistRevision>
  media: (id: string) => MediaRef | undefined
  now: number
}

/** The horizon starts at the UTC day, so recompiling within a day yields the same content. */
export function horizonAt(now: number): { fromMs: number; untilMs: number } {
  const fromMs = Math.floor(now / DAY) * DAY
  return { fromMs, untilMs: fromMs + DOCUMENT_HORIZON_DAYS * DAY }
}

/**
 * Builds a screen's document content from published data only (never drafts). Pure: the same
 * input gives the same content, hence the same hash, so unchanged screens are not pushed.
 * Schedule entries whose playlist was never published are left out (they could show nothing).
 */
export function compileDocument(input: CompileInput): DocumentContent {
  const { screen, site, revisions, media, now } = input
  const timeZone = screen.timeZone ?? site.timeZone
  const horizon = horizonAt(now)
  const localInstant = (text: string | null, fallback: number) => {
    if (!text) return fallback
    const { date, minute } = parseLocalDateTime(text)
    return fastInstantOf(timeZone, date, minute)
  }

  const rules: ScheduleRule[] = input.schedules
    .filter(
      (s) =>
        revisions.has(s.playlistId) &&
        localInstant(s.until, Number.POSITIVE_INFINITY) > horizon.fromMs &&
        localInstant(s.from, Number.NEGATIVE_INFINITY) < horizon.untilMs,
    )
    .map((s) => ({
      id: s.id,
      playlistId: s.playlistId,
      priority: s.priority,
      specificity: SPECIFICITY[s.target.type],
      createdAt: s.createdAt,
      from: s.from,
      until: s.until,
      days: s.days,
      window: s.window,
      cron: s.cron,
    }))
    .sort((a, b) => a.id.localeCompare(b.id))

  const wanted = new Set(rules.map((r) => r.playlistId))
  if (screen.defaultPlaylistId !== null && revisions.has(screen.defaultPlaylistId))
    wanted.add(screen.defaultPlaylistId)

  const assets = new Map<string, Asset>()
  const playlists: Record<string, DocumentPlaylist> = {}
  for (const id of [...wanted].sort()) {
    const revision = revisions.get(id)!
    const items: DocumentItem[] = revision.items.map((item) => {
      const ref = item.mediaId === null ? null : (media(item.mediaId) ?? null)
      if (item.mediaId !== null && ref === null) {
        // The media row is protected from deletion while a revision uses it; reaching this means
        // the database was edited by hand. Refuse rather than push a broken item.
        throw new Error(
          `compile: playlist ${id} revision ${revision.revision} refers to missing medium ${item.mediaId}`,
        )
      }
      if (ref)
        assets.set(ref.url, {
          url: ref.url,
          sha256: ref.sha256,
          bytes: ref.bytes,
          contentType: ref.contentType,
        })
      return {
        id: item.id,
        kind: item.kind,
        durationMs: item.durationMs,
        fit: item.fit,
        media: ref,
        text: item.text,
      }
    })
    playlists[id] = { id, name: revision.name, revision: revision.revision, items }
  }

  return {
    format: DOCUMENT_FORMAT,
    screenId: screen.id,
    screen: {
      id: screen.id,
      name: screen.name,
      siteId: site.id,
      siteName: site.name,
      width: screen.width,
      height: screen.height,
      timeZone,
      syncGroupId: screen.syncGroupId,
    },
    epochMs: TIMELINE_EPOCH_MS,
    defaultPlaylistId:
      screen.defaultPlaylistId !== null && revisions.has(screen.defaultPlaylistId)
        ? screen.defaultPlaylistId
        : null,
    playlists,
    rules,
    overrides: input.emergencies
      .map((e) => ({
        id: e.id,
        text: e.text,
        startsAtMs: Date.parse(e.startsAt),
        endsAtMs: Date.parse(e.expiresAt),
      }))
      .sort((a, b) => a.startsAtMs - b.startsAtMs || a.id.localeCompare(b.id)),
    horizon,
    assets: [...assets.values()].sort((a, b) => a.url.localeCompare(b.url)),
  }
}
