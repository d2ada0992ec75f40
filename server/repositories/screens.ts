import type { PowerPlan } from '@playlists/schemas/power'
import type { Target } from '@playlists/schemas/schedule'
import type { Screen, ScreenInput } from '@playlists/schemas/screen'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'
import { assertTimeZone } from '../time-zones'
import { refuseDeletedId } from './deleted-ids'
import { assertPowerPlan } from './power-plans'

interface ScreenRow {
  id: string
  site_id: string
  name: string
  width: number
  height: number
  time_zone: string | null
  sync_group_id: string | null
  default_playlist_id: string | null
  layout_id: string | null
  audio: 0 | 1
  crossfade_ms: number
  pixel_pitch_mm: number | null
  viewing_distance_m: number | null
  power_plan: string | null
  allow_reboot: 0 | 1
  screenshot_interval_minutes: number
  created_at: string
  updated_at: string
}

const toScreen = (r: ScreenRow): Screen => ({
  id: r.id,
  siteId: r.site_id,
  name: r.name,
  width: r.width,
  height: r.height,
  timeZone: r.time_zone,
  syncGroupId: r.sync_group_id,
  defaultPlaylistId: r.default_playlist_id,
  layoutId: r.layout_id,
  audio: r.audio === 1,
  crossfadeMs: r.crossfade_ms,
  pixelPitchMm: r.pixel_pitch_mm,
  viewingDistanceM: r.viewing_distance_m,
  powerPlan: r.power_plan === null ? null : JSON.parse(r.power_plan),
  allowReboot: r.allow_reboot === 1,
  screenshotIntervalMinutes: r.screenshot_interval_minutes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export class ScreensRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(filter: { siteId?: string } = {}): Screen[] {
    const rows = filter.siteId
      ? this.db.prepare('SELECT * FROM screens WHERE site_id = ? ORDER BY id').all(filter.siteId)
      : this.db.prepare('SELECT * FROM screens ORDER BY id').all()
    return (rows as ScreenRow[]).map(toScreen)
  }

  find(id: string): Screen | undefined {
    const row = this.db.prepare('SELECT * FROM screens WHERE id = ?').get(id) as ScreenRow | undefined
    return row && toScreen(row)
  }

  /** The screens that exist of `ids`, in one query (a publish reaching thousands reads them together). */
  findMany(ids: readonly string[]): Map<string, Screen> {
    const rows = this.db
      .prepare('SELECT s.* FROM json_each(?) i JOIN screens s ON s.id = i.value')
      .all(JSON.stringify(ids)) as ScreenRow[]
    return new Map(rows.map((row) => [row.id, toScreen(row)]))
  }

  get(id: string): Screen {
    const screen = this.find(id)
    if (!screen) throw notFound('screen.not-found', 'Screen', id)
    return screen
  }

  /** Screens whose documents depend on this playlist as a default: their own, or a zone's of their live layout. */
  idsUsingPlaylist(playlistId: string): string[] {
    return this.db
      .prepare(
        `SELECT id FROM screens WHERE default_playlist_id = @id
         UNION SELECT s.id FROM screens s
           JOIN live_versions l ON l.object_type = 'layout' AND l.object_id = s.layout_id
           JOIN versions v ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number,
           json_each(v.body, '$.zones') z
         WHERE json_extract(z.value, '$.playlistId') = @id
         ORDER BY id`,
      )
      .pluck()
      .all({ id: playlistId }) as string[]
  }

  idsUsingLayout(layoutId: string): string[] {
    return this.db
      .prepare('SELECT id FROM screens WHERE layout_id = ? ORDER BY id')
      .pluck()
      .all(layoutId) as string[]
  }

  /**
   * The screens a schedule entry or an emergency aims at. The rule is the core's `reaches`
   * (playlists/schedule/reach.ts); it is written again here in SQL because the screen, site and
   * id indexes answer in microseconds where filtering every screen's place costs milliseconds at
   * a thousand screens, and approvals ask this for each version listed.
   * tests/server/target-reach.test.ts checks the two agree.
   */
  idsForTarget(target: Target): string[] {
    const ids = (sql: string, ...args: string[]) =>
      this.db
        .prepare(sql)
        .pluck()
        .all(...args) as string[]
    switch (target.type) {
      case 'screen':
        return ids('SELECT id FROM screens WHERE id = ?', target.id)
      case 'group':
        return ids('SELECT id FROM screens WHERE sync_group_id = ? ORDER BY id', target.id)
      case 'site':
        return ids('SELECT id FROM screens WHERE site_id = ? ORDER BY id', target.id)
      case 'all':
        return ids('SELECT id FROM screens ORDER BY id')
    }
  }

  create(input: ScreenInput): Screen {
    const id = input.id ?? newId('screen')
    if (this.find(id))
      throw refuse('screen.id-taken', `A screen with id "${id}" already exists.`, { params: { id } })
    refuseDeletedId(this.db, 'screen', id)
    this.checkReferences(input)
    const now = isoAt(this.clock())
    this.db
      .prepare(
        `INSERT INTO screens (id, site_id, name, width, height, time_zone, sync_group_id,
           default_playlist_id, layout_id, audio, crossfade_ms, pixel_pitch_mm, viewing_distance_m,
           allow_reboot, screenshot_interval_minutes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 0), coalesce(?, 10), ?, ?)`,
      )
      .run(id, ...this.values(input), ...this.agentValues(input), now, now)
    return this.get(id)
  }

  update(id: string, input: ScreenInput): Screen {
    this.get(id)
    if (input.id !== undefined && input.id !== id) {
      throw refuse(
        'screen.id-mismatch',
        `The body's id "${input.id}" does not match the screen "${id}" in the URL.`,
        { params: { id, bodyId: input.id } },
      )
    }
    this.checkReferences(input)
    this.db
      .prepare(
        `UPDATE screens SET site_id = ?, name = ?, width = ?, height = ?, time_zone = ?, sync_group_id = ?,
           default_playlist_id = ?, layout_id = ?, audio = ?, crossfade_ms = ?, pixel_pitch_mm = ?,
           viewing_distance_m = ?, allow_reboot = coalesce(?, allow_reboot),
           screenshot_interval_minutes = coalesce(?, screenshot_interval_minutes), updated_at = ? WHERE id = ?`,
      )
      .run(...this.values(input), ...this.agentValues(input), isoAt(this.clock()), id)
    return this.get(id)
  }

  /** The screen's own plan, or null to follow its site's; apart from `update`, which keeps it. */
  setPowerPlan(id: string, plan: PowerPlan | null): Screen {
    this.get(id)
    if (plan) assertPowerPlan(plan)
    this.db
      .prepare('UPDATE screens SET power_plan = ?, updated_at = ? WHERE id = ?')
      .run(plan === null ? null : JSON.stringify(plan), isoAt(this.clock()), id)
    return this.get(id)
  }

  delete(id: string): void {
    this.get(id)
    this.db.prepare('DELETE FROM screens WHERE id = ?').run(id)
  }

  /** The settings columns, in the order both INSERT and UPDATE list them. */
  private values(input: ScreenInput) {
    return [
      input.siteId,
      input.name,
      input.width,
      input.height,
      input.timeZone ?? null,
      input.syncGroupId ?? null,
      input.defaultPlaylistId ?? null,
      input.layoutId ?? null,
      input.audio ? 1 : 0,
      input.crossfadeMs ?? 0,
      input.pixelPitchMm ?? null,
      input.viewingDistanceM ?? null,
    ] as const
  }

  /** The kiosk agent's settings; null (left out) keeps what is stored, or the column's default. */
  private agentValues(input: ScreenInput) {
    return [
      input.allowReboot === undefined ? null : input.allowReboot ? 1 : 0,
      input.screenshotIntervalMinutes ?? null,
    ] as const
  }

  private checkReferences(input: ScreenInput): void {
    const has = (sql: string, v: string) => this.db.prepare(sql).get(v) !== undefined
    if (!has('SELECT 1 FROM sites WHERE id = ?', input.siteId)) {
      throw refuse('screen.site-unknown', `siteId "${input.siteId}" does not exist; create the site first.`, {
        details: { field: 'siteId' },
        params: { siteId: input.siteId },
      })
    }
    if (input.timeZone) assertTimeZone(input.timeZone)
    if (input.syncGroupId) {
      const group = this.db.prepare('SELECT site_id FROM sync_groups WHERE id = ?').get(input.syncGroupId) as
        | { site_id: string }
        | undefined
      if (!group) {
        throw refuse('screen.sync-group-unknown', `syncGroupId "${input.syncGroupId}" does not exist.`, {
          details: { field: 'syncGroupId' },
          params: { syncGroupId: input.syncGroupId },
        })
      }
      if (group.site_id !== input.siteId) {
        throw refuse(
          'screen.sync-group-site',
          `Sync group "${input.syncGroupId}" belongs to site "${group.site_id}", not "${input.siteId}": screens synchronise only within a site.`,
          {
            details: { field: 'syncGroupId' },
            params: { syncGroupId: input.syncGroupId, groupSiteId: group.site_id, siteId: input.siteId },
          },
        )
      }
    }
    if (input.defaultPlaylistId && !has('SELECT 1 FROM playlists WHERE id = ?', input.defaultPlaylistId)) {
      throw refuse(
        'screen.playlist-unknown',
        `defaultPlaylistId "${input.defaultPlaylistId}" does not exist.`,
        {
          details: {
            field: 'defaultPlaylistId',
          },
          params: { playlistId: input.defaultPlaylistId },
        },
      )
    }
    if (input.layoutId && !has('SELECT 1 FROM layouts WHERE id = ?', input.layoutId)) {
      throw refuse(
        'screen.layout-unknown',
        `layoutId "${input.layoutId}" does not exist; create the layout first.`,
        {
          details: {
            field: 'layoutId',
          },
          params: { layoutId: input.layoutId },
        },
      )
    }
  }
}
