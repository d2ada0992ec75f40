import Type, { type Static } from 'typebox'
import {
  ITEM_DURATION_MS_MAX,
  ITEM_DURATION_MS_MIN,
  PLAYLIST_ITEMS_MAX,
  SLIDE_BODY_CHARS_MAX,
  SLIDE_TITLE_CHARS_MAX,
} from '../limits'
import { Id, Name, Timestamp } from './common'
import { MediaRef } from './media'
import { TaggedUnion } from './union'

export const DurationMs = Type.Integer({
  minimum: ITEM_DURATION_MS_MIN,
  maximum: ITEM_DURATION_MS_MAX,
  description: `How long the item stays on screen, in milliseconds (${ITEM_DURATION_MS_MIN}–${ITEM_DURATION_MS_MAX}).`,
})

export const FIT_MODES = ['contain', 'cover', 'stretch'] as const
export const Fit = Type.Union([Type.Literal('contain'), Type.Literal('cover'), Type.Literal('stretch')], {
  default: 'contain',
})
export type Fit = Static<typeof Fit>

/** One language's text on a slide. */
export const SlideText = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: SLIDE_TITLE_CHARS_MAX }),
    body: Type.String({ maxLength: SLIDE_BODY_CHARS_MAX, default: '' }),
  },
  { additionalProperties: false },
)
export type SlideText = Static<typeof SlideText>

/**
 * Vietnamese is required (it is the programme's primary language); Chinese and English are
 * expected, and a slide missing one still plays — the console warns about it.
 */
export const TrilingualText = Type.Object(
  { vi: SlideText, zh: Type.Optional(SlideText), en: Type.Optional(SlideText) },
  { additionalProperties: false },
)
export type TrilingualText = Static<typeof TrilingualText>

const ItemId = Type.Optional(Id)

export const ImageItemInput = Type.Object(
  { id: ItemId, kind: Type.Literal('image'), mediaId: Id, durationMs: DurationMs, fit: Type.Optional(Fit) },
  { additionalProperties: false },
)
export const VideoItemInput = Type.Object(
  { id: ItemId, kind: Type.Literal('video'), mediaId: Id, durationMs: DurationMs, fit: Type.Optional(Fit) },
  { additionalProperties: false },
)
export const SlideItemInput = Type.Object(
  {
    id: ItemId,
    kind: Type.Literal('slide'),
    durationMs: DurationMs,
    text: TrilingualText,
    /** Optional picture shown beside the text. */
    mediaId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export const PlaylistItemInput = TaggedUnion('kind', [ImageItemInput, VideoItemInput, SlideItemInput])
export type PlaylistItemInput = Static<typeof PlaylistItemInput>

export const ITEM_KINDS = ['image', 'video', 'slide'] as const
export const ItemKind = Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('slide')])
export type ItemKind = Static<typeof ItemKind>

/** A stored item: ids are always present once saved (proof of play refers to them). */
export const PlaylistItem = Type.Object({
  id: Id,
  kind: ItemKind,
  durationMs: DurationMs,
  mediaId: Type.Union([Id, Type.Null()]),
  fit: Fit,
  text: Type.Union([TrilingualText, Type.Null()]),
})
export type PlaylistItem = Static<typeof PlaylistItem>

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
  /** The draft revision that was last published; null if never published. */
  publishedRevision: Type.Union([Type.Integer(), Type.Null()]),
  publishedAt: Type.Union([Timestamp, Type.Null()]),
  /** True when the draft differs from what screens play. */
  hasUnpublishedChanges: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Playlist = Static<typeof Playlist>

/** An item as a player receives it: media resolved, nothing left to look up. */
export const DocumentItem = Type.Object({
  id: Id,
  kind: ItemKind,
  durationMs: Type.Integer({ minimum: 1 }),
  fit: Fit,
  media: Type.Union([MediaRef, Type.Null()]),
  text: Type.Union([TrilingualText, Type.Null()]),
})
export type DocumentItem = Static<typeof DocumentItem>

export const DocumentPlaylist = Type.Object({
  id: Id,
  name: Name,
  revision: Type.Integer(),
  items: Type.Array(DocumentItem),
})
export type DocumentPlaylist = Static<typeof DocumentPlaylist>
