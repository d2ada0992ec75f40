import type {
  Fit,
  ItemKind,
  Playlist,
  PlaylistInput,
  PlaylistItem,
  PlaylistItemInput,
  TrilingualText,
} from '../../playlists/schemas/playlist'
import { type Clock, isoAt } from '../clock'
import type { Db } from '../db/open'
import { badRequest, conflict, notFound } from '../errors'
import { newId } from '../ids'

interface PlaylistRow {
  id: string
  name: string
  draft_revision: number
  published_revision: number | null
  published_at: string | null
  created_at: string
  updated_at: string
}

interface ItemRow {
  playlist_id: string
  position: number
  id: string
  kind: ItemKind
  duration_ms: number
  media_id: string | null
  fit: Fit
  text: string | null
}

/** A published snapshot: the draft's items frozen at publish time. */
export interface PlaylistRevision {
  playlistId: string
  revision: number
  name: string
  items: PlaylistItem[]
  publishedAt: string
}

const toItem = (r: ItemRow): PlaylistItem => ({
  id: r.id,
  kind: r.kind,
  durationMs: r.duration_ms,
  mediaId: r.media_id,
  fit: r.fit,
  text: r.text === null ? null : (JSON.parse(r.text) as TrilingualText),
})

export class PlaylistsRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(): Playlist[] {
    const rows = this.db.prepare('SELECT * FROM playlists ORDER BY name, id').all() as PlaylistRow[]
    return rows.map((row) => this.toPlaylist(row))
  }

  find(id: string): Playlist | undefined {
    const row = this.db.prepare('SELECT * FROM playlists WHERE id = ?').get(id) as PlaylistRow | undefined
    return row && this.toPlaylist(row)
  }

  get(id: string): Playlist {
    const playlist = this.find(id)
    if (!playlist) throw notFound('Playlist', id)
    return playlist
  }

  create(input: PlaylistInput): Playlist {
    const id = input.id ?? newId('pl')
    return this.db.transaction(() => {
      if (this.find(id)) throw conflict(`A playlist with id "${id}" already exists.`)
      const now = isoAt(this.clock())
      this.db
        .prepare(
          'INSERT INTO playlists (id, name, draft_revision, created_at, updated_at) VALUES (?, ?, 1, ?, ?)',
        )
        .run(id, input.name, now, now)
      this.writeItems(id, input.items)
      return this.get(id)
    })()
  }

  /** Replaces name and items whole; one transaction, so a bad item leaves the old draft intact. */
  replace(id: string, input: PlaylistInput): Playlist {
    if (input.id !== undefined && input.id !== id) {
      throw badRequest(`The body's id "${input.id}" does not match the playlist "${id}" in the URL.`)
    }
    return this.db
      .transaction(() => {
        this.get(id)
        this.db
          .prepare(
            'UPDATE playlists SET name = ?, draft_revision = draft_revision + 1, updated_at = ? WHERE id = ?',
          )
          .run(input.name, isoAt(this.clock()), id)
        this.writeItems(id, input.items)
        return this.get(id)
      })
      .immediate()
  }

  delete(id: string): void {
    this.get(id)
    const screens = this.db
      .prepare('SELECT id FROM screens WHERE default_playlist_id = ? ORDER BY id')
      .pluck()
      .all(id) as string[]
    if (screens.length > 0) {
      throw conflict(`Playlist "${id}" is the default of ${screens.length} screen(s); change them first.`, {
        screens,
      })
    }
    this.db.prepare('DELETE FROM playlists WHERE id = ?').run(id)
  }

  /**
   * Freezes the current draft as an immutable revision (idempotent for an unchanged draft).
   * Publishing it — now, or at a set instant — is a separate step: `setPublished`.
   */
  freeze(id: string): number {
    const playlist = this.get(id)
    const revision = playlist.draftRevision
    this.db
      .prepare(
        `INSERT INTO playlist_revisions (playlist_id, revision, name, items, published_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (playlist_id, revision) DO NOTHING`,
      )
      .run(id, revision, playlist.name, JSON.stringify(playlist.items), isoAt(this.clock()))
    return revision
  }

  /** Points screens at a frozen revision. Must run in the publisher's transaction. */
  setPublished(id: string, revision: number): void {
    this.db
      .prepare('UPDATE playlists SET published_revision = ?, published_at = ? WHERE id = ?')
      .run(revision, isoAt(this.clock()), id)
  }

  /** What screens play for this playlist, or undefined if it was never published. */
  publishedRevision(id: string): PlaylistRevision | undefined {
    const row = this.db
      .prepare(
        `SELECT r.* FROM playlist_revisions r JOIN playlists p
           ON p.id = r.playlist_id AND p.published_revision = r.revision WHERE p.id = ?`,
      )
      .get(id) as
      | { playlist_id: string; revision: number; name: string; items: string; published_at: string }
      | undefined
    return (
      row && {
        playlistId: row.playlist_id,
        revision: row.revision,
        name: row.name,
        items: JSON.parse(row.items) as PlaylistItem[],
        publishedAt: row.published_at,
      }
    )
  }

  private writeItems(playlistId: string, items: readonly PlaylistItemInput[]): void {
    const seen = new Set<string>()
    const mediaKind = this.db.prepare('SELECT kind FROM media WHERE id = ?').pluck()
    const rows = items.map((item, index) => {
      const id = item.id ?? newId('it')
      if (seen.has(id)) throw badRequest(`items[${index}]: item id "${id}" appears twice in the playlist.`)
      seen.add(id)
      const mediaId = item.mediaId ?? null
      if (mediaId !== null) {
        const kind = mediaKind.get(mediaId) as string | undefined
        if (kind === undefined) {
          throw badRequest(`items[${index}]: medium "${mediaId}" does not exist; upload it first.`, {
            field: `items/${index}/mediaId`,
          })
        }
        const wanted = item.kind === 'video' ? 'video' : 'image'
        if (kind !== wanted) {
          throw badRequest(
            `items[${index}]: medium "${mediaId}" is ${kind === 'image' ? 'an image' : 'a video'}, but a ${item.kind} item needs ${wanted === 'image' ? 'an image' : 'a video'}.`,
            { field: `items/${index}/mediaId` },
          )
        }
      }
      return {
        id,
        kind: item.kind,
        durationMs: item.durationMs,
        mediaId,
        fit: item.kind === 'slide' ? 'contain' : (item.fit ?? 'contain'),
        text: item.kind === 'slide' ? JSON.stringify(item.text) : null,
      }
    })
    this.db.prepare('DELETE FROM playlist_items WHERE playlist_id = ?').run(playlistId)
    const insert = this.db.prepare(
      `INSERT INTO playlist_items (playlist_id, position, id, kind, duration_ms, media_id, fit, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    rows.forEach((r, position) => {
      insert.run(playlistId, position, r.id, r.kind, r.durationMs, r.mediaId, r.fit, r.text)
    })
  }

  private toPlaylist(row: PlaylistRow): Playlist {
    const items = (
      this.db
        .prepare('SELECT * FROM playlist_items WHERE playlist_id = ? ORDER BY position')
        .all(row.id) as ItemRow[]
    ).map(toItem)
    return {
      id: row.id,
      name: row.name,
      items,
      draftRevision: row.draft_revision,
      publishedRevision: row.published_revision,
      publishedAt: row.published_at,
      hasUnpublishedChanges: row.published_revision !== row.draft_revision,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }
}
