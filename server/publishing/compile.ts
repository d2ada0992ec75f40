import { type Asset, DOCUMENT_FORMAT, type DocumentContent } from '../../playlists/schemas/document'
import type { MediaRef } from '../../playlists/schemas/media'
import type { DocumentItem, DocumentPlaylist } from '../../playlists/schemas/playlist'
import type { Screen } from '../../playlists/schemas/screen'
import type { Site } from '../../playlists/schemas/site'
import type { PlaylistRevision } from '../repositories/playlists'

/**
 * The instant every default loop is anchored to. Fixed forever: changing it would make every
 * screen jump to another item at upgrade time and break agreement between old and new players.
 */
export const TIMELINE_EPOCH_MS = 0

export interface CompileInput {
  screen: Screen
  site: Site
  /** Published revisions of every playlist the screen may show, by id. */
  revisions: ReadonlyMap<string, PlaylistRevision>
  media: (id: string) => MediaRef | undefined
}

/**
 * Builds a screen's document content from published data only (never drafts). Pure: the same
 * input gives the same content, hence the same hash, so unchanged screens are not pushed.
 */
export function compileDocument({ screen, site, revisions, media }: CompileInput): DocumentContent {
  const assets = new Map<string, Asset>()
  const playlists: Record<string, DocumentPlaylist> = {}
  for (const [id, revision] of [...revisions].sort(([a], [b]) => a.localeCompare(b))) {
    const items: DocumentItem[] = revision.items.map((item) => {
      const ref = item.mediaId === null ? null : (media(item.mediaId) ?? null)
      if (item.mediaId !== null && ref === null) {
        // The media row is protected from deletion while a revision uses it; reaching this means
        // the database was edited by hand. Refuse rather than push a broken item.
        throw new Error(
          `compile: playlist ${id} revision ${revision.revision} refers to missing medium ${item.mediaId}`,
        )
      }
      if (ref) {
        assets.set(ref.url, {
          url: ref.url,
          sha256: ref.sha256,
          bytes: ref.bytes,
          contentType: ref.contentType,
        })
      }
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
  const defaultPlaylistId =
    screen.defaultPlaylistId !== null && revisions.has(screen.defaultPlaylistId)
      ? screen.defaultPlaylistId
      : null
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
      timeZone: screen.timeZone ?? site.timeZone,
      syncGroupId: screen.syncGroupId,
    },
    epochMs: TIMELINE_EPOCH_MS,
    defaultPlaylistId,
    playlists,
    assets: [...assets.values()].sort((a, b) => a.url.localeCompare(b.url)),
  }
}
