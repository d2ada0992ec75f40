import type { Media, MediaKind, MediaQuery, MediaRef, MediaTagCount } from '@playlists/schemas/media'
import type { Found, PageRequest } from '@playlists/schemas/paging'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { mediaSearchKey, searchKey } from '../media/search-key'
import { normaliseTags } from '../media/tags'

interface MediaRow {
  id: string
  sha256: string
  kind: MediaKind
  content_type: string
  ext: string
  bytes: number
  width: number | null
  height: number | null
  duration_ms: number | null
  video_codec: string | null
  audio_codec: string | null
  thumbnail: string | null
  name: string
  original_name: string
  /** JSON array, gathered by the query. */
  tags: string
  created_at: string
}

/** Content-addressed: the file name is the hash, so a URL never changes meaning. */
export const mediaFileName = (sha256: string, ext: string): string => `${sha256}.${ext}`
export const mediaUrl = (sha256: string, ext: string): string => `/media/${mediaFileName(sha256, ext)}`
/** Thumbnails live in a sub-folder of the media folder and are served beside the media. */
export const THUMBS_FOLDER = 'thumbs'
export const thumbnailUrl = (name: string): string => `/media/${THUMBS_FOLDER}/${name}`
/** Same bytes, same id: uploading a file twice yields the one stored medium. */
export const mediaIdFor = (sha256: string): string => `m-${sha256.slice(0, 16)}`

const toMedia = (r: MediaRow): Media => ({
  id: r.id,
  kind: r.kind,
  contentType: r.content_type,
  sha256: r.sha256,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  durationMs: r.duration_ms,
  videoCodec: r.video_codec,
  audioCodec: r.audio_codec,
  name: r.name,
  originalName: r.original_name,
  tags: JSON.parse(r.tags) as string[],
  url: mediaUrl(r.sha256, r.ext),
  thumbnailUrl: r.thumbnail ? thumbnailUrl(r.thumbnail) : null,
  createdAt: r.created_at,
})

export const toMediaRef = (m: Media): MediaRef => ({
  id: m.id,
  url: m.url,
  contentType: m.contentType,
  sha256: m.sha256,
  bytes: m.bytes,
  width: m.width,
  height: m.height,
  durationMs: m.durationMs,
})

/** What the server measured about a file; every field comes from the bytes. */
export interface MeasuredMedia {
  sha256: string
  kind: MediaKind
  contentType: string
  ext: string
  bytes: number
  width: number | null
  height: number | null
  durationMs: number | null
  videoCodec: string | null
  audioCodec: string | null
  /** File name under the thumbnails folder. */
  thumbnail: string | null
}

export interface NewMedia extends MeasuredMedia {
  originalName: string
  /** Defaults to the original name. */
  name?: string
  /** Normalised by `normaliseTags`. */
  tags?: string[]
}

/** Every column plus the medium's tags as a JSON array, alphabetical. */
const SELECT = `SELECT m.*, (SELECT json_group_array(tag) FROM
    (SELECT tag FROM media_tags WHERE media_id = m.id ORDER BY tag) AS t) AS tags
  FROM media m`

/** The library search as SQL with bound parameters; exported so tests can check its query plan. */
export function mediaSearchSql(query: MediaQuery, limit = -1): { sql: string; params: (string | number)[] } {
  const { filter, params } = mediaFilter(query)
  const order = `${SELECT} ${filter} ORDER BY m.created_at DESC, m.id`
  // No LIMIT for all: PostgreSQL refuses SQLite's LIMIT -1.
  return limit < 0 ? { sql: order, params } : { sql: `${order} LIMIT ?`, params: [...params, limit] }
}

/**
 * One page of the search. The page's ids are chosen first, so the tags of only those rows are
 * gathered, whatever the size of the library.
 */
export function mediaPageSql(
  query: MediaQuery,
  limit: number,
  offset: number,
): { sql: string; params: (string | number)[]; countSql: string; countParams: string[] } {
  const { filter, params } = mediaFilter(query)
  const order = 'ORDER BY m.created_at DESC, m.id'
  return {
    sql: `${SELECT} WHERE m.id IN (SELECT m.id FROM media m ${filter} ${order} LIMIT ? OFFSET ?) ${order}`,
    params: [...params, limit, offset],
    countSql: `SELECT count(*) FROM media m ${filter}`,
    countParams: params,
  }
}

/** The WHERE clause of a library search, with its parameters in order. */
function mediaFilter(query: MediaQuery): { filter: string; params: string[] } {
  const where: string[] = []
  const params: string[] = []
  if (query.kind) {
    where.push('m.kind = ?')
    params.push(query.kind)
  }
  const q = query.q === undefined ? '' : searchKey(query.q)
  if (q) {
    // instr, not LIKE: no wildcard characters to escape in what people type.
    where.push('instr(m.search_key, ?) > 0')
    params.push(q)
  }
  if (query.tag !== undefined) {
    where.push('m.id IN (SELECT media_id FROM media_tags WHERE tag = ?)')
    params.push(normaliseTags([query.tag])[0] ?? '')
  }
  return { filter: where.length ? `WHERE ${where.join(' AND ')}` : '', params }
}

export class MediaRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): Media[] {
    return this.search({})
  }

  /** Newest first; every given filter must hold; at most `limit` (-1: all). */
  search(query: MediaQuery, limit = -1): Media[] {
    const { sql, params } = mediaSearchSql(query, limit)
    return (this.db.prepare(sql).all(...params) as MediaRow[]).map(toMedia)
  }

  /** One page, newest first, with the number of matches in all. */
  page(query: MediaQuery, page: PageRequest): Found<Media> {
    const { sql, params, countSql, countParams } = mediaPageSql(query, page.limit, page.offset)
    // One read transaction: the total and the page describe the same moment of the library.
    return this.db.transaction(() => ({
      items: (this.db.prepare(sql).all(...params) as MediaRow[]).map(toMedia),
      total: this.db
        .prepare(countSql)
        .pluck()
        .get(...countParams) as number,
    }))()
  }

  /** Every tag in use, alphabetical, with how many media carry it. */
  tagCounts(): MediaTagCount[] {
    return this.db
      .prepare('SELECT tag, count(*) AS count FROM media_tags GROUP BY tag ORDER BY tag')
      .all() as MediaTagCount[]
  }

  find(id: string): Media | undefined {
    const row = this.db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as MediaRow | undefined
    return row && toMedia(row)
  }

  get(id: string): Media {
    const media = this.find(id)
    if (!media) throw notFound('media.not-found', 'Medium', id)
    return media
  }

  /** The content addresses of every medium in the library: the files on disk that belong. */
  contentAddresses(): Set<string> {
    return new Set(this.db.prepare('SELECT sha256 FROM media').pluck().all() as string[])
  }

  findBySha256(sha256: string): Media | undefined {
    const row = this.db.prepare(`${SELECT} WHERE m.sha256 = ?`).get(sha256) as MediaRow | undefined
    return row && toMedia(row)
  }

  /**
   * Inserts, or returns the existing medium with the same bytes (`created: false`). For an
   * existing one the measurements are refreshed (media stored before the server measured
   * videos get their duration and thumbnail this way) and the new tags are added to its own.
   */
  insert(input: NewMedia): { media: Media; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.findBySha256(input.sha256)
      if (existing) {
        this.db
          .prepare(
            `UPDATE media SET width = ?, height = ?, duration_ms = ?, video_codec = ?, audio_codec = ?,
               thumbnail = ? WHERE id = ?`,
          )
          .run(
            input.width,
            input.height,
            input.durationMs,
            input.videoCodec,
            input.audioCodec,
            input.thumbnail,
            existing.id,
          )
        if (input.tags?.length) this.writeTags(existing.id, [...existing.tags, ...input.tags])
        return { media: this.get(existing.id), created: false }
      }
      const id = mediaIdFor(input.sha256)
      const name = (input.name ?? input.originalName).normalize('NFC').trim()
      this.db
        .prepare(
          `INSERT INTO media (id, sha256, kind, content_type, ext, bytes, width, height, duration_ms,
             video_codec, audio_codec, thumbnail, name, original_name, search_key, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.sha256,
          input.kind,
          input.contentType,
          input.ext,
          input.bytes,
          input.width,
          input.height,
          input.durationMs,
          input.videoCodec,
          input.audioCodec,
          input.thumbnail,
          name,
          input.originalName,
          mediaSearchKey(name, input.originalName),
          isoAt(this.clock()),
        )
      if (input.tags?.length) this.writeTags(id, input.tags)
      return { media: this.get(id), created: true }
    })()
  }

  /** Changes the display name and/or replaces the tags, in one transaction. */
  update(id: string, patch: { name?: string; tags?: readonly string[] }): Media {
    return this.db.transaction(() => {
      const media = this.get(id)
      if (patch.name !== undefined) {
        const name = patch.name.normalize('NFC').trim()
        if (!name) throw refuse('media.name-blank', 'name must not be blank.')
        this.db
          .prepare('UPDATE media SET name = ?, search_key = ? WHERE id = ?')
          .run(name, mediaSearchKey(name, media.originalName), id)
      }
      if (patch.tags !== undefined) this.writeTags(id, patch.tags)
      return this.get(id)
    })()
  }

  /** Replaces a medium's tags with `tags` (normalised and de-duplicated here). */
  private writeTags(id: string, tags: readonly string[]): void {
    const clean = normaliseTags(tags) // 400 past MEDIA_TAGS_MAX, merged tags included
    this.db.prepare('DELETE FROM media_tags WHERE media_id = ?').run(id)
    const add = this.db.prepare('INSERT INTO media_tags (media_id, tag) VALUES (?, ?)')
    for (const tag of clean) add.run(id, tag)
  }

  /**
   * Playlists whose draft or any version (a rollback may put it back on air) refers to this
   * medium. A deleted playlist's versions do not count: they never go on air again, as its id is
   * never given to another playlist (migration 014).
   */
  playlistsUsing(id: string): string[] {
    return this.db
      .prepare(
        `SELECT playlist_id FROM playlist_items WHERE media_id = ?
         UNION
         SELECT v.object_id FROM versions v, json_each(v.body, '$.items') i
           WHERE v.object_type = 'playlist' AND v.object_id IN (SELECT id FROM playlists)
             AND json_extract(i.value, '$.mediaId') = ?
         ORDER BY 1`,
      )
      .pluck()
      .all(id, id) as string[]
  }

  /** Deletes the row (its tags go with it); the caller removes the files once this commits. */
  delete(id: string): Media {
    const media = this.get(id)
    const playlists = this.playlistsUsing(id)
    if (playlists.length > 0) {
      throw refuse(
        'media.in-use',
        `Medium "${id}" is used by ${playlists.length} playlist(s); remove it from them first.`,
        {
          details: { playlists },
          params: { id, count: playlists.length, playlists: playlists.join(', ') },
        },
      )
    }
    this.db.prepare('DELETE FROM media WHERE id = ?').run(id)
    return media
  }
}
