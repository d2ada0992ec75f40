import type { Media, MediaKind, MediaRef } from '../../playlists/schemas/media'
import { type Clock, isoAt } from '../clock'
import type { Db } from '../db/open'
import { conflict, notFound } from '../errors'

interface MediaRow {
  id: string
  sha256: string
  kind: MediaKind
  content_type: string
  ext: string
  bytes: number
  width: number | null
  height: number | null
  original_name: string
  created_at: string
}

/** Content-addressed: the file name is the hash, so a URL never changes meaning. */
export const mediaFileName = (sha256: string, ext: string): string => `${sha256}.${ext}`
export const mediaUrl = (sha256: string, ext: string): string => `/media/${mediaFileName(sha256, ext)}`
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
  originalName: r.original_name,
  url: mediaUrl(r.sha256, r.ext),
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
})

export interface NewMedia {
  sha256: string
  kind: MediaKind
  contentType: string
  ext: string
  bytes: number
  width: number | null
  height: number | null
  originalName: string
}

export class MediaRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(): Media[] {
    return (this.db.prepare('SELECT * FROM media ORDER BY created_at DESC, id').all() as MediaRow[]).map(
      toMedia,
    )
  }

  find(id: string): Media | undefined {
    const row = this.db.prepare('SELECT * FROM media WHERE id = ?').get(id) as MediaRow | undefined
    return row && toMedia(row)
  }

  get(id: string): Media {
    const media = this.find(id)
    if (!media) throw notFound('Medium', id)
    return media
  }

  findBySha256(sha256: string): Media | undefined {
    const row = this.db.prepare('SELECT * FROM media WHERE sha256 = ?').get(sha256) as MediaRow | undefined
    return row && toMedia(row)
  }

  /** Inserts, or returns the existing medium with the same bytes (`created: false`). */
  insert(input: NewMedia): { media: Media; created: boolean } {
    const existing = this.findBySha256(input.sha256)
    if (existing) return { media: existing, created: false }
    const id = mediaIdFor(input.sha256)
    this.db
      .prepare(
        `INSERT INTO media (id, sha256, kind, content_type, ext, bytes, width, height, original_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        input.originalName,
        isoAt(this.clock()),
      )
    return { media: this.get(id), created: true }
  }

  /** Playlists whose draft or any published revision refers to this medium. */
  playlistsUsing(id: string): string[] {
    return this.db
      .prepare(
        `SELECT playlist_id FROM playlist_items WHERE media_id = ?
         UNION
         SELECT r.playlist_id FROM playlist_revisions r, json_each(r.items) i
           WHERE json_extract(i.value, '$.mediaId') = ?
         ORDER BY 1`,
      )
      .pluck()
      .all(id, id) as string[]
  }

  /** Deletes the row; the caller removes the file once this commits. */
  delete(id: string): Media {
    const media = this.get(id)
    const playlists = this.playlistsUsing(id)
    if (playlists.length > 0) {
      throw conflict(
        `Medium "${id}" is used by ${playlists.length} playlist(s); remove it from them first.`,
        {
          playlists,
        },
      )
    }
    this.db.prepare('DELETE FROM media WHERE id = ?').run(id)
    return media
  }
}
