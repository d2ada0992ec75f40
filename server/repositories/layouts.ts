import { type Layout, type LayoutInput, type Zone, zoneProblems } from '@playlists/schemas/layout'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'
import { refuseDeletedId } from './deleted-ids'

interface LayoutRow {
  id: string
  name: string
  created_at: string
  updated_at: string
}

/** A layout as a version holds it. */
export interface LayoutBody {
  name: string
  zones: Zone[]
}

export class LayoutsRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): Layout[] {
    const rows = this.db.prepare('SELECT * FROM layouts ORDER BY name, id').all() as LayoutRow[]
    return rows.map((r) => this.toLayout(r))
  }

  find(id: string): Layout | undefined {
    const row = this.db.prepare('SELECT * FROM layouts WHERE id = ?').get(id) as LayoutRow | undefined
    return row && this.toLayout(row)
  }

  get(id: string): Layout {
    const layout = this.find(id)
    if (!layout) throw notFound('layout.not-found', 'Layout', id)
    return layout
  }

  /** The draft as a version body. */
  body(id: string): LayoutBody {
    const { name, zones } = this.get(id)
    return { name, zones }
  }

  /**
   * The layout as its approved live version has it, with the screens using it; undefined when no
   * version of it is on air (screens then show the whole panel as one zone).
   */
  live(id: string): Layout | undefined {
    const row = this.db
      .prepare(
        `SELECT v.body, l.live_at, (SELECT created_at FROM layouts WHERE id = l.object_id) AS created_at
         FROM live_versions l JOIN versions v
           ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
         WHERE l.object_type = 'layout' AND l.object_id = ? AND v.body IS NOT NULL`,
      )
      .get(id) as { body: string; live_at: string; created_at: string | null } | undefined
    if (!row) return undefined
    const body = JSON.parse(row.body) as LayoutBody
    const screens = this.db
      .prepare('SELECT id FROM screens WHERE layout_id = ? ORDER BY id')
      .pluck()
      .all(id) as string[]
    return { id, ...body, screens, createdAt: row.created_at ?? row.live_at, updatedAt: row.live_at }
  }

  create(input: LayoutInput): Layout {
    const id = input.id ?? newId('layout')
    return this.db.transaction(() => {
      if (this.find(id))
        throw refuse('layout.id-taken', `A layout with id "${id}" already exists.`, { params: { id } })
      refuseDeletedId(this.db, 'layout', id)
      this.check(input.zones)
      const now = isoAt(this.clock())
      this.db
        .prepare('INSERT INTO layouts (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(id, input.name, now, now)
      this.writeZones(id, input.zones)
      return this.get(id)
    })()
  }

  replace(id: string, input: LayoutInput): Layout {
    if (input.id !== undefined && input.id !== id) {
      throw refuse(
        'layout.id-mismatch',
        `The body's id "${input.id}" does not match the layout "${id}" in the URL.`,
        { params: { id, bodyId: input.id } },
      )
    }
    return this.db.transaction(() => {
      this.get(id)
      this.check(input.zones)
      this.db
        .prepare('UPDATE layouts SET name = ?, updated_at = ? WHERE id = ?')
        .run(input.name, isoAt(this.clock()), id)
      this.writeZones(id, input.zones)
      return this.get(id)
    })()
  }

  delete(id: string): void {
    const layout = this.get(id)
    if (layout.screens.length > 0) {
      throw refuse(
        'layout.in-use',
        `Layout "${id}" is used by ${layout.screens.length} screen(s); give them another layout first.`,
        {
          details: { screens: layout.screens },
          params: { id, count: layout.screens.length, screens: layout.screens.join(', ') },
        },
      )
    }
    this.db.prepare('DELETE FROM layouts WHERE id = ?').run(id)
  }

  /** Layouts whose zones play this playlist by default. */
  idsUsingPlaylist(playlistId: string): string[] {
    return this.db
      .prepare('SELECT DISTINCT layout_id FROM layout_zones WHERE playlist_id = ? ORDER BY layout_id')
      .pluck()
      .all(playlistId) as string[]
  }

  private check(zones: readonly Zone[]): void {
    const problems = zoneProblems(zones)
    if (problems.length > 0) throw refuse('layout.zones', problems[0]!, { details: { problems } })
    const exists = this.db.prepare('SELECT 1 FROM playlists WHERE id = ?')
    zones.forEach((z, i) => {
      if (z.playlistId !== null && !exists.get(z.playlistId)) {
        throw refuse(
          'layout.playlist-unknown',
          `zones[${i}] "${z.id}": playlist "${z.playlistId}" does not exist.`,
          {
            details: { field: `zones/${i}/playlistId` },
            params: { zone: z.id, playlistId: z.playlistId },
          },
        )
      }
    })
  }

  private writeZones(layoutId: string, zones: readonly Zone[]): void {
    this.db.prepare('DELETE FROM layout_zones WHERE layout_id = ?').run(layoutId)
    const insert = this.db.prepare(
      `INSERT INTO layout_zones (layout_id, position, id, name, x, y, width, height, playlist_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    zones.forEach((z, position) => {
      insert.run(layoutId, position, z.id, z.name, z.x, z.y, z.width, z.height, z.playlistId)
    })
  }

  private toLayout(row: LayoutRow): Layout {
    const zones = this.db
      .prepare(
        `SELECT id, name, x, y, width, height, playlist_id AS playlistId
         FROM layout_zones WHERE layout_id = ? ORDER BY position`,
      )
      .all(row.id) as Zone[]
    const screens = this.db
      .prepare('SELECT id FROM screens WHERE layout_id = ? ORDER BY id')
      .pluck()
      .all(row.id) as string[]
    return {
      id: row.id,
      name: row.name,
      zones,
      screens,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }
}
