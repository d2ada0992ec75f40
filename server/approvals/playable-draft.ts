import type { PlaylistItem } from '@playlists/schemas/items'
import { mediaIdOf } from '@playlists/schemas/items'
import {
  type DraftItemProblem,
  EMPTY_PLAYLIST,
  type EmptyPlaylistRefusal,
  UNPLAYABLE_ITEMS,
  type UnplayableItemsRefusal,
} from '@playlists/schemas/submit-refusal'
import { webUrlProblem } from '@playlists/web'
import { conflict } from '../errors'

export interface DraftLookups {
  mediumExists: (id: string) => boolean
  webOrigins: () => ReadonlySet<string>
}

/**
 * Refuses (409) to freeze a playlist draft that could show nothing, or that holds items which
 * could not play, as a version for approval. Saving a draft already refuses a missing medium or
 * a page off the allow-list; this catches what changed since (an origin withdrawn, a medium gone
 * behind the server's back), so that an approver approves exactly what will air.
 */
export function refuseUnplayableDraft(
  playlistId: string,
  items: readonly PlaylistItem[],
  lookups: DraftLookups,
): void {
  if (items.length === 0) {
    const details: EmptyPlaylistRefusal = { code: EMPTY_PLAYLIST, playlistId }
    throw conflict(
      'playlist.empty',
      `Playlist "${playlistId}" has no items: a version with nothing to play would leave its screens with nothing to show. Add at least one item, save, then submit.`,
      details,
      { id: playlistId },
    )
  }
  let origins: ReadonlySet<string> | undefined
  const problems: UnplayableItemsRefusal['items'] = []
  items.forEach((item, index) => {
    let problem: DraftItemProblem | null = null
    const mediaId = mediaIdOf(item)
    if (mediaId !== null && !lookups.mediumExists(mediaId)) problem = 'medium-missing'
    else if (item.kind === 'web') {
      origins ??= lookups.webOrigins()
      if (webUrlProblem(item.url, origins) !== null) problem = 'web-origin-not-allowed'
    }
    if (problem) problems.push({ index, itemId: item.id, problem })
  })
  if (problems.length === 0) return
  const details: UnplayableItemsRefusal = { code: UNPLAYABLE_ITEMS, playlistId, items: problems }
  const list = problems.map((p) => `items[${p.index}] (${p.problem})`).join(', ')
  throw conflict(
    'playlist.unplayable',
    `Playlist "${playlistId}": ${problems.length === 1 ? 'an item cannot' : `${problems.length} items cannot`} play: ${list}. A medium was deleted or a page's origin left the allow-list; remove or replace ${problems.length === 1 ? 'it' : 'them'}, save, then submit.`,
    details,
    { id: playlistId, count: problems.length, items: problems.map((p) => p.itemId).join(', ') },
  )
}
