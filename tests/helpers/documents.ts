import { DOCUMENT_FORMAT, type ScreenDocument } from '../../playlists/schemas/document'
import type { DocumentItem } from '../../playlists/schemas/playlist'

export const item = (id: string, durationMs: number): DocumentItem => ({
  id,
  kind: 'slide',
  durationMs,
  fit: 'contain',
  media: null,
  text: { vi: { title: id, body: '' } },
})

/** A document whose default playlist loops `items`, anchored at `epochMs`. */
export function documentWith(
  items: DocumentItem[],
  epochMs = 0,
  playlistId: string | null = 'pl',
): ScreenDocument {
  return {
    format: DOCUMENT_FORMAT,
    screenId: 'screen',
    version: 1,
    hash: '0'.repeat(64),
    publishedAt: new Date(0).toISOString(),
    screen: {
      id: 'screen',
      name: 'Screen',
      siteId: 'site',
      siteName: { vi: 'Cửa khẩu', zh: '口岸', en: 'Gate' },
      width: 1920,
      height: 960,
      timeZone: 'Asia/Ho_Chi_Minh',
      syncGroupId: null,
    },
    epochMs,
    defaultPlaylistId: playlistId,
    playlists: playlistId ? { [playlistId]: { id: playlistId, name: 'Loop', revision: 1, items } } : {},
    assets: [],
  }
}
