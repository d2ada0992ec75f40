import type { DocumentItem, PlaylistItem } from '@playlists/schemas/items'
import type { Zone } from '@playlists/schemas/layout'
import type { Media } from '@playlists/schemas/media'
import { useEffect, useState } from 'preact/hooks'
import { loadMedia } from '../playlists/media-cache'
import { mediaRef } from '../playlists/preview-item'

const isRow = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** The items of a playlist version's body (none for a withdrawal or another kind's body). */
export function itemsOf(body: unknown): PlaylistItem[] {
  const items = isRow(body) ? body.items : undefined
  return Array.isArray(items) ? (items.filter(isRow) as PlaylistItem[]) : []
}

/** The medium a stored item shows, if any. */
export const mediaIdIn = (item: Record<string, unknown> | null | undefined): string | null =>
  item && typeof item.mediaId === 'string' ? item.mediaId : null

/**
 * A stored item as a screen receives it (its medium resolved), so the player's own renderer
 * draws it; null while a medium it needs is not known (still loading, or gone from the library).
 */
export function documentItemOf(item: PlaylistItem, media: ReadonlyMap<string, Media>): DocumentItem | null {
  switch (item.kind) {
    case 'image': {
      const { mediaId, ...rest } = item
      const m = media.get(mediaId)
      return m ? { ...rest, media: mediaRef(m) } : null
    }
    case 'video': {
      const { mediaId, ...rest } = item
      const m = media.get(mediaId)
      // Silent in the console: the approver looks, the panel's speakers are elsewhere.
      return m ? { ...rest, media: mediaRef(m), sound: false } : null
    }
    case 'slide': {
      const { mediaId, ...rest } = item
      if (!mediaId) return { ...rest, media: null }
      const m = media.get(mediaId)
      return m ? { ...rest, media: mediaRef(m) } : null
    }
    case 'feed':
    case 'dataset':
      // A feed item's entries, a dataset item's rows, are what the source's or dataset's approved
      // version puts on air when the screens' documents are built, not part of the playlist's
      // version: there is nothing to draw here.
      return null
    default:
      return item
  }
}

/** The media these ids name, as they arrive (each asked for once while the console is open). */
export function useMediaMap(ids: readonly string[]): ReadonlyMap<string, Media> {
  const key = [...new Set(ids)].sort().join(',')
  const [map, setMap] = useState<ReadonlyMap<string, Media>>(new Map())
  useEffect(() => {
    let current = true
    for (const id of key ? key.split(',') : []) {
      loadMedia(id).then(
        (m) => current && setMap((old) => new Map(old).set(id, m)),
        () => {}, // A medium gone from the library: its item shows why where it is listed.
      )
    }
    return () => {
      current = false
    }
  }, [key])
  return map
}

/** The zones of a layout version's body (none for a withdrawal or another kind's body). */
export function zonesOf(body: unknown): Zone[] {
  const zones = isRow(body) ? body.zones : undefined
  return Array.isArray(zones) ? (zones.filter(isRow) as Zone[]) : []
}
