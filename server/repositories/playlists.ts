import { canonicalJson } from '@playlists/canonical'
import {
  ITEM_DEFAULTS,
  type ItemKind,
  mediaIdOf,
  type PlaylistItem,
  type PlaylistItemInput,
} from '@playlists/schemas/items'
import type { Playlist, PlaylistInput } from '@playlists/schemas/playlist'
import { isTimeZone } from '@playlists/time/zone'
import { webUrlProblem } from '@playlists/web'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'
import { refuseDeletedId } from './deleted-ids'

/** Playlists × revisions remembered; past this the memory starts again. */
const CHANGED_CACHE_MAX = 10_000

interface PlaylistRow {
  id: string
  name: string
  draft_revision: number
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

/** A playlist as a version holds it. */
export interface PlaylistBody {
  name: string
  items: PlaylistItem[]
}

/** An approved version on air: the draft's items frozen when it was submitted. */
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
    // Settings a kind gained later (a clock's second zone) read as their defaults on older rows.
    ...ITEM_DEFAULTS[r.kind],
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
    private readonly db: Store,
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
    if (!playlist) throw notFound('playlist.not-found', 'Playlist', id)
    return playlist
  }

  create(input: PlaylistInput): Playlist {
    const id = input.id ?? newId('pl')
    return this.db.transaction(() => {
      if (this.find(id))
        throw refuse('playlist.id-taken', `A playlist with id "${id}" already exists.`, { params: { id } })
      refuseDeletedId(this.db, 'playlist', id)
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
      throw refuse(
        'playlist.id-mismatch',
        `The body's id "${input.id}" does not match the playlist "${id}" in the URL.`,
        { params: { id, bodyId: input.id } },
      )
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
    const ids = (sql: string) => this.db.prepare(sql).pluck().all({ id }) as string[]
    const screens = ids('SELECT id FROM screens WHERE default_playlist_id = @id ORDER BY id')
    const layouts = ids(
      `SELECT layout_id FROM layout_zones WHERE playlist_id = @id
       UNION SELECT l.object_id FROM live_versions l JOIN versions v
         ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number,
         json_each(v.body, '$.zones') z
       WHERE l.object_type = 'layout' AND json_extract(z.value, '$.playlistId') = @id ORDER BY 1`,
    )
    // On air counts too: an approved schedule entry or layout may still play it after its draft changed.
    const schedules = ids(
      `SELECT id FROM schedules WHERE playlist_id = @id
       UNION SELECT l.object_id FROM live_versions l JOIN versions v
         ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
       WHERE l.object_type = 'schedule' AND json_extract(v.body, '$.playlistId') = @id ORDER BY 1`,
    )
    const uses = [
      screens.length > 0 && `the default of ${screens.length} screen(s)`,
      layouts.length > 0 && `played by a zone of ${layouts.length} layout(s)`,
      schedules.length > 0 &&
        `scheduled by ${schedules.length} schedule entr${schedules.length === 1 ? 'y' : 'ies'}`,
    ].filter(Boolean)
    if (uses.length > 0) {
      throw refuse('playlist.in-use', `Playlist "${id}" is ${uses.join(', ')}; change them first.`, {
        details: { screens, layouts, schedules },
        params: { id, screens: screens.length, layouts: layouts.length, schedules: schedules.length },
      })
    }
    this.db.prepare('DELETE FROM playlists WHERE id = ?').run(id)
    this.draftItems.delete(id)
  }

  /** The draft as a version body: what submitting freezes, and what a diff compares. */
  body(id: string): PlaylistBody {
    const { name, items } = this.get(id)
    return { name, items }
  }

  /** What screens play for this playlist: its live approved version, or undefined if none is on air. */
  liveRevision(id: string): PlaylistRevision | undefined {
    const row = this.db
      .prepare(
        `SELECT v.number, v.body, l.live_at FROM live_versions l JOIN versions v
           ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
         WHERE l.object_type = 'playlist' AND l.object_id = ? AND v.body IS NOT NULL`,
      )
      .get(id) as { number: number; body: string; live_at: string } | undefined
    if (!row) return undefined
    const body = JSON.parse(row.body) as PlaylistBody
    return {
      playlistId: id,
      revision: row.number,
      name: body.name,
      items: body.items,
      publishedAt: row.live_at,
    }
  }

  /** Playlists whose version on air has an item showing the feed source. */
  liveShowingFeed(sourceId: string): string[] {
    return this.liveShowing('feed', '$.sourceId', sourceId)
  }

  /** Playlists whose version on air has an item showing the dataset. */
  liveShowingDataset(datasetId: string): string[] {
    return this.liveShowing('dataset', '$.datasetId', datasetId)
  }

  private liveShowing(kind: 'feed' | 'dataset', setting: string, id: string): string[] {
    return this.db
      .prepare(
        `SELECT DISTINCT l.object_id FROM live_versions l JOIN versions v
           ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number,
           json_each(v.body, '$.items') i
         WHERE l.object_type = 'playlist' AND json_extract(i.value, '$.kind') = ?
           AND json_extract(i.value, ?) = ? ORDER BY 1`,
      )
      .pluck()
      .all(kind, setting, id) as string[]
  }

  private writeItems(playlistId: string, items: readonly PlaylistItemInput[]): void {
    const seen = new Set<string>()
    const mediaKind = this.db.prepare('SELECT kind FROM media WHERE id = ?').pluck()
    let allowedOrigins: Set<string> | undefined
    const rows = items.map((input, index) => {
      const id = input.id ?? newId('it')
      if (seen.has(id))
        throw refuse(
          'playlist.item-id-twice',
          `items[${index}]: item id "${id}" appears twice in the playlist.`,
          { params: { index, itemId: id } },
        )
      seen.add(id)
      const item = completeItem(input, id)
      const mediaId = mediaIdOf(item)
      if (mediaId !== null && (item.kind === 'image' || item.kind === 'video' || item.kind === 'slide')) {
        const kind = mediaKind.get(mediaId) as string | undefined
        if (kind === undefined) {
          throw refuse(
            'playlist.medium-unknown',
            `items[${index}]: medium "${mediaId}" does not exist; upload it first.`,
            { details: { field: `items/${index}/mediaId` }, params: { index, mediaId } },
          )
        }
        const wanted = MEDIA_KIND[item.kind]
        if (kind !== wanted) {
          throw refuse(
            'playlist.medium-kind',
            `items[${index}]: medium "${mediaId}" is ${kind === 'image' ? 'an image' : 'a video'}, but a ${item.kind} item needs ${wanted === 'image' ? 'an image' : 'a video'}.`,
            {
              details: { field: `items/${index}/mediaId` },
              params: { index, mediaId, kind: item.kind, mediaKind: kind },
            },
          )
        }
      }
      if (item.kind === 'clock' && item.secondZone && !isTimeZone(item.secondZone.timeZone)) {
        throw refuse(
          'validation.time-zone',
          `items[${index}]: secondZone.timeZone "${item.secondZone.timeZone}" is not a known IANA time zone (for example Asia/Shanghai).`,
          { details: { field: `items/${index}/secondZone/timeZone` }, params: { index } },
        )
      }
      if (item.kind === 'feed' && !this.db.prepare('SELECT 1 FROM feeds WHERE id = ?').get(item.sourceId)) {
        throw refuse(
          'playlist.feed-unknown',
          `items[${index}]: feed source "${item.sourceId}" does not exist; register it on the Feeds page first.`,
          { details: { field: `items/${index}/sourceId` }, params: { index, sourceId: item.sourceId } },
        )
      }
      if (
        item.kind === 'dataset' &&
        !this.db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(item.datasetId)
      ) {
        throw refuse(
          'playlist.dataset-unknown',
          `items[${index}]: dataset "${item.datasetId}" does not exist; create it on the Datasets page first.`,
          { details: { field: `items/${index}/datasetId` }, params: { index, datasetId: item.datasetId } },
        )
      }
      if (item.kind === 'web') {
        allowedOrigins ??= new Set(
          this.db.prepare('SELECT origin FROM web_origins').pluck().all() as string[],
        )
        const problem = webUrlProblem(item.url, allowedOrigins)
        if (problem)
          throw refuse('playlist.item-url', `items[${index}]: ${problem}.`, {
            details: { field: `items/${index}/url` },
          })
      }
      const { id: _id, kind, durationMs, ...rest } = item
      const { mediaId: _mediaId, ...settings } = rest as Record<string, unknown>
      return { id, kind, durationMs, mediaId, settings: JSON.stringify(settings) }
    })
    this.draftItems.delete(playlistId)
    this.db.prepare('DELETE FROM playlist_items WHERE playlist_id = ?').run(playlistId)
    const insert = this.db.prepare(
      `INSERT INTO playlist_items (playlist_id, position, id, kind, duration_ms, media_id, settings)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    rows.forEach((r, position) => {
      insert.run(playlistId, position, r.id, r.kind, r.durationMs, r.mediaId, r.settings)
    })
  }

  /**
   * Whether the draft differs from the version on air, remembered per (draft revision, live
   * version): both only ever move forward, so an answer never goes stale, and a list of
   * playlists does not parse and compare every live body on each request (bench `api`).
   */
  private readonly changedSinceLive = new Map<string, boolean>()

  /**
   * Each draft's items, remembered with the (creation, draft revision) they were read at: every
   * change to the items bumps the revision, so an entry is never used stale, even with other
   * nodes writing the same database; this node also forgets a playlist it rewrites or deletes.
   * Lists of playlists no longer read and parse every item on each request (bench `api`).
   */
  private readonly draftItems = new Map<string, { stamp: string; items: PlaylistItem[] }>()

  private itemsOf(row: PlaylistRow): PlaylistItem[] {
    const stamp = `${row.created_at}\u0000${row.draft_revision}`
    let cached = this.draftItems.get(row.id)
    if (cached?.stamp !== stamp) {
      const items = (
        this.db
          .prepare('SELECT * FROM playlist_items WHERE playlist_id = ? ORDER BY position')
          .all(row.id) as ItemRow[]
      ).map(toItem)
      cached = { stamp, items }
      this.draftItems.set(row.id, cached)
    }
    // A copy of the list: callers may build on it; the items themselves are never changed.
    return [...cached.items]
  }

  private toPlaylist(row: PlaylistRow): Playlist {
    const items = this.itemsOf(row)
    const live = this.db
      .prepare(
        `SELECT l.number, l.live_at FROM live_versions l JOIN versions v
           ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
         WHERE l.object_type = 'playlist' AND l.object_id = ? AND v.body IS NOT NULL`,
      )
      .get(row.id) as { number: number; live_at: string } | undefined
    const key = `${row.id}\u0000${row.draft_revision}\u0000${live?.number}`
    let changed = this.changedSinceLive.get(key)
    if (changed === undefined) {
      const body = live && this.liveRevision(row.id)
      changed =
        !body ||
        canonicalJson({ name: body.name, items: body.items }) !== canonicalJson({ name: row.name, items })
      if (this.changedSinceLive.size >= CHANGED_CACHE_MAX) this.changedSinceLive.clear()
      this.changedSinceLive.set(key, changed)
    }
    return {
      id: row.id,
      name: row.name,
      items,
      draftRevision: row.draft_revision,
      publishedRevision: live?.number ?? null,
      publishedAt: live?.live_at ?? null,
      hasUnpublishedChanges: changed,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }
}
