import Type, { type Static } from 'typebox'
import { MEDIA_TAGS_MAX, NAME_CHARS_MAX, TAG_CHARS_MAX } from '../limits'
import { Id, Timestamp } from './common'
import { PageOf, type PageSizes, pageQuery } from './paging'

export const MEDIA_KINDS = ['image', 'video'] as const
export const MediaKind = Type.Union([Type.Literal('image'), Type.Literal('video')])
export type MediaKind = Static<typeof MediaKind>

/**
 * A tag as the client may send it. The server trims, lower-cases and NFC-normalises it, so
 * "Tết", " tết" and "TẾT" are one tag. Commas separate tags in the upload form, so none inside.
 */
export const Tag = Type.String({
  minLength: 1,
  maxLength: TAG_CHARS_MAX,
  // No commas or control characters, and at least one character that is not a space.
  pattern: '^[^,\\u0000-\\u001f\\u007f]*[^,\\s\\u0000-\\u001f\\u007f][^,\\u0000-\\u001f\\u007f]*$',
  description: `A short label, at most ${TAG_CHARS_MAX} characters, no commas; stored lower-case.`,
})

export const Tags = Type.Array(Tag, { maxItems: MEDIA_TAGS_MAX })

/**
 * A stored file. Everything here is measured by the server from the bytes it received;
 * nothing is taken from the client except the original name (kept for people to recognise
 * it), the display name and the tags.
 */
export const Media = Type.Object({
  id: Id,
  kind: MediaKind,
  contentType: Type.String(),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  bytes: Type.Integer({ minimum: 1 }),
  /** As shown: EXIF rotation for images and the track matrix for videos are applied. */
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  /** Videos only; null for images and for videos stored before durations were measured. */
  durationMs: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** `h264`, `vp8` or `vp9` for videos (the codecs Chromium plays); null for images. */
  videoCodec: Type.Union([Type.String(), Type.Null()]),
  /** `aac`, `opus`, `vorbis`, `mp3`, … when the video has sound; null otherwise. */
  audioCodec: Type.Union([Type.String(), Type.Null()]),
  /** What the console shows; starts as the original name and can be changed. */
  name: Type.String(),
  originalName: Type.String(),
  tags: Type.Array(Type.String()),
  /** Where players fetch it; content-addressed, so it never changes and caches forever. */
  url: Type.String(),
  /** A small JPEG for the console (a poster card for videos); null for media stored before. */
  thumbnailUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
})
export type Media = Static<typeof Media>

/** `PATCH /api/media/:id`: what people may change about a medium. Tags replace the old ones. */
export const MediaPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_CHARS_MAX, pattern: '\\S' })),
    tags: Type.Optional(Tags),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type MediaPatch = Static<typeof MediaPatch>

/** `GET /api/media?q=&tag=&kind=`; every filter is optional and they combine with AND. */
export const MediaQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: NAME_CHARS_MAX,
        description:
          'Part of the name, ignoring case and Vietnamese diacritics: "cua khau" finds "Cửa khẩu".',
      }),
    ),
    tag: Type.Optional(Tag),
    kind: Type.Optional(MediaKind),
  },
  { additionalProperties: false },
)
export type MediaQuery = Static<typeof MediaQuery>

/** One page of the library is at most this many media: the console's grid, never the whole library. */
export const MEDIA_PAGE_SIZE_MAX = 100
/** A grid of 24 fills a wide window a few rows deep and loads 24 thumbnails, not hundreds. */
export const MEDIA_PAGE_SIZES: PageSizes = { max: MEDIA_PAGE_SIZE_MAX, default: 24 }
/**
 * Media per answer of the unpaged search (GET /api/media), newest first. A province's library is a
 * few hundred files; the answer must not grow with it for ever (issue 16). Past this, page through
 * GET /api/media/library, which also says how many match.
 */
export const MEDIA_LIST_MAX = 1_000

/** `GET /api/media/library`: the same filters as `GET /api/media`, one page at a time. */
export const MediaPageQuery = Type.Object(
  {
    ...MediaQuery.properties,
    ...pageQuery(MEDIA_PAGE_SIZES),
  },
  { additionalProperties: false },
)
export type MediaPageQuery = Static<typeof MediaPageQuery>

/** A page of the library, newest first, and how many media match the filters in all. */
export const MediaPage = PageOf(Media)
export type MediaPage = Static<typeof MediaPage>

/** A tag in use and how many media carry it: what the library's tag filter offers. */
export const MediaTagCount = Type.Object({ tag: Type.String(), count: Type.Integer({ minimum: 1 }) })
export type MediaTagCount = Static<typeof MediaTagCount>

/** The part of a medium a player needs; embedded in documents so players need no lookups. */
export const MediaRef = Type.Object({
  id: Id,
  url: Type.String(),
  contentType: Type.String(),
  sha256: Type.String(),
  bytes: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  /** A video's own length, so a player can tell when an item is shorter or longer than it. */
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
})
export type MediaRef = Static<typeof MediaRef>

/**
 * The text fields an upload form may send before its `file` part. `tags` is one comma-separated
 * string because that is what an HTML form's text input gives.
 */
export const MediaUploadFields = Type.Object(
  {
    tags: Type.Optional(Type.String({ maxLength: (TAG_CHARS_MAX + 2) * MEDIA_TAGS_MAX })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_CHARS_MAX, pattern: '\\S' })),
  },
  { additionalProperties: false },
)
export type MediaUploadFields = Static<typeof MediaUploadFields>
