import {
  ITEM_DEFAULTS,
  type ItemKind,
  mediaIdOf,
  type PlaylistItem,
  type PlaylistItemInput,
} from '../../playlists/schemas/items'
import type { Playlist, PlaylistInput } from '../../playlists/schemas/playlist'
import { webUrlProblem } from '../../playlists/web'
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
  settings: string
}

/** A published snapshot: the draft's items frozen at publish time. */
export interface PlaylistRevision {
  playlistId: string
  revision: number
  name: string
  items: PlaylistItem[]
  publishedAt: string
}

/** Kinds that show a medium; the others keep no media_id. */
const SHOWS_MEDIA: ReadonlySet<ItemKind> = new Set(['image', 'video', 'slide'])
/** The medium kind each media-showing item kind needs. */
const MEDIA_KIND = { image: 'image', video: 'video', slide: 'image' } as const

const toItem = (r: ItemRow): PlaylistItem =>
  ({
    id: r.id,
    kind: r.kind,
    durationMs: r.duration_ms,
    ...(SHOWS_MEDIA.has(r.kind) ? { mediaId: r.media_id } : {}),
    ...(JSON.parse(r.settings) as object),
  }) as PlaylistItem

/** The stored form of an input item: id assigned, every setting filled in. */
function completeItem(item: PlaylistItemInput, id: string): PlaylistItem {
  const defaults: Record<string, unknown> = ITEM_DEFAULTS[item.kind]
  const filled: Record<string, unknown> = { ...defaults }
  for (const [k, v] of Object.entries(item)) if (v !== undefined) filled[k] = v
  return { ...filled, id } as PlaylistItem
}

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

  /** Refused while anything still points at the playlist: a screen, a layout zone or a schedule entry. */
  delete(id: string): void {
    this.get(id)
    const ids = (sql: string) => this.db.prepare(sql).pluck().all(id) as string[]
    const screens = ids('SELECT id FROM screens WHERE default_playlist_id = ? ORDER BY id')
    const layouts = ids(
      'SELECT DISTINCT layout_id FROM layout_zones WHERE playlist_id = ? ORDER BY layout_id',
    )
    const schedules = ids('SELECT id FROM schedules WHERE playlist_id = ? ORDER BY id')
    const uses = [
      screens.length > 0 && `the default of ${screens.length} screen(s)`,
      layouts.length > 0 && `played by a zone of ${layouts.length} layout(s)`,
      schedules.length > 0 &&
        `scheduled by ${schedules.length} schedule entr${schedules.length === 1 ? 'y' : 'ies'}`,
    ].filter(Boolean)
    if (uses.length > 0) {
      throw conflict(`Playlist "${id}" is ${uses.join(', ')}; change them first.`, {
        screens,
        layouts,
        schedules,
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
    let allowedOrigins: Set<string> | undefined
    const rows = items.map((input, index) => {
      const id = input.id ?? newId('it')
      if (seen.has(id)) throw badRequest(`items[${index}]: item id "${id}" appears twice in the playlist.`)
      seen.add(id)
      const item = completeItem(input, id)
      const mediaId = mediaIdOf(item)
      if (mediaId !== null && (item.kind === 'image' || item.kind === 'video' || item.kind === 'slide')) {
        const kind = mediaKind.get(mediaId) as string | undefined
        if (kind === undefined) {
          throw badRequest(`items[${index}]: medium "${mediaId}" does not exist; upload it first.`, {
            field: `items/${index}/mediaId`,
          })
        }
        const wanted = MEDIA_KIND[item.kind]
        if (kind !== wanted) {
          throw badRequest(
            `items[${index}]: medium "${mediaId}" is ${kind === 'image' ? 'an image' : 'a video'}, but a ${item.kind} item needs ${wanted === 'image' ? 'an image' : 'a video'}.`,
            { field: `items/${index}/mediaId` },
          )
        }
      }
      if (item.kind === 'web') {
        allowedOrigins ??= new Set(
          this.db.prepare('SELECT origin FROM web_origins').pluck().all() as string[],
        )
        const problem = webUrlProblem(item.url, allowedOrigins)
        if (problem) throw badRequest(`items[${index}]: ${problem}.`, { field: `items/${index}/url` })
      }
      const { id: _id, kind, durationMs, ...rest } = item
      const { mediaId: _mediaId, ...settings } = rest as Record<string, unknown>
      return { id, kind, durationMs, mediaId, settings: JSON.stringify(settings) }
    })
    this.db.prepare('DELETE FROM playlist_items WHERE playlist_id = ?').run(playlistId)
    const insert = this.db.prepare(
      `INSERT INTO playlist_items (playlist_id, position, id, kind, duration_ms, media_id, settings)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    rows.forEach((r, position) => {
      insert.run(playlistId, position, r.id, r.kind, r.durationMs, r.mediaId, r.settings)
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
