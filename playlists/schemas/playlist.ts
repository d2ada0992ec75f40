import Type, { type Static } from 'typebox'
import { PLAYLIST_ITEMS_MAX } from '../limits'
import { Id, Name, Timestamp } from './common'
import { DocumentItem, PlaylistItem, PlaylistItemInput } from './items'

export const PlaylistInput = Type.Object(
  {
    id: Type.Optional(Id),
    name: Name,
    items: Type.Array(PlaylistItemInput, { maxItems: PLAYLIST_ITEMS_MAX }),
  },
  { additionalProperties: false },
)
export type PlaylistInput = Static<typeof PlaylistInput>

export const Playlist = Type.Object({
  id: Id,
  name: Name,
  items: Type.Array(PlaylistItem),
  /** Bumped on every saved edit of the draft. */
  draftRevision: Type.Integer(),
  /** The number of the approved version on air; null when none is (see /api/playlists/{id}/versions). */
  publishedRevision: Type.Union([Type.Integer(), Type.Null()]),
  /** When that version went on air. */
  publishedAt: Type.Union([Timestamp, Type.Null()]),
  /** True when the draft differs from what screens play (it needs submitting and approving). */
  hasUnpublishedChanges: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Playlist = Static<typeof Playlist>

export const DocumentPlaylist = Type.Object({
  id: Id,
  name: Name,
  revision: Type.Integer(),
  items: Type.Array(DocumentItem),
})
export type DocumentPlaylist = Static<typeof DocumentPlaylist>
