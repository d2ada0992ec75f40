import { PRIORITY_DEFAULT } from '@playlists/limits'
import { ruleProblems } from '@playlists/schedule/validate'
import { MAIN_ZONE } from '@playlists/schemas/layout'
import type { LunarRecurrence, Schedule, ScheduleInput, Target } from '@playlists/schemas/schedule'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'
import { refuseDeletedId } from './deleted-ids'

interface ScheduleRow {
  id: string
  name: string
  playlist_id: string
  target_type: Target['type']
  target_id: string | null
  from_local: string | null
  until_local: string | null
  days: string | null
  window_start: string | null
  window_end: string | null
  cron_expression: string | null
  cron_duration_minutes: number | null
  lunar: string | null
  priority: number
  zone_id: string
  created_at: string
  updated_at: string
}

const toSchedule = (r: ScheduleRow): Schedule => ({
  id: r.id,
  name: r.name,
  playlistId: r.playlist_id,
  target: (r.target_type === 'all' ? { type: 'all' } : { type: r.target_type, id: r.target_id! }) as Target,
  from: r.from_local,
  until: r.until_local,
  days: r.days === null ? null : (JSON.parse(r.days) as number[]),
  window: r.window_start === null ? null : { start: r.window_start, end: r.window_end! },
  cron:
    r.cron_expression === null
      ? null
      : { expression: r.cron_expression, durationMinutes: r.cron_duration_minutes! },
  lunar: r.lunar === null ? null : (JSON.parse(r.lunar) as LunarRecurrence),
  priority: r.priority,
  zoneId: r.zone_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** A schedule entry as a version holds it: everything but its id and last edit time. */
export type ScheduleBody = Omit<Schedule, 'id' | 'updatedAt'>

const fromBody = (id: string, body: ScheduleBody, liveAt: string): Schedule => ({
  id,
  ...body,
  // Versions approved before lunar recurrences existed have no such field.
  lunar: body.lunar ?? null,
  updatedAt: liveAt,
})

const TARGET_TABLE: Record<Exclude<Target['type'], 'all'>, [string, string]> = {
  screen: ['screens', 'Screen'],
  group: ['sync_groups', 'Sync group'],
  site: ['sites', 'Site'],
}

export class SchedulesRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(filter: { playlistId?: string } = {}): Schedule[] {
    const rows = filter.playlistId
      ? this.db
          .prepare('SELECT * FROM schedules WHERE playlist_id = ? ORDER BY created_at, id')
          .all(filter.playlistId)
      : this.db.prepare('SELECT * FROM schedules ORDER BY created_at, id').all()
    return (rows as ScheduleRow[]).map(toSchedule)
  }

  find(id: string): Schedule | undefined {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow | undefined
    return row && toSchedule(row)
  }

  get(id: string): Schedule {
    const s = this.find(id)
    if (!s) throw notFound('schedule.not-found', 'Schedule entry', id)
    return s
  }

  /** The draft as a version body. */
  body(id: string): ScheduleBody {
    const { id: _id, updatedAt: _updatedAt, ...body } = this.get(id)
    return body
  }

  /**
   * The approved entries on air that apply to a screen (aimed at it, its sync group, its site,
   * or all screens): what documents are compiled from, never the drafts. The core's `reaches`
   * (playlists/schedule/reach.ts) in SQL, since every screen compiled asks it and parsing every
   * live entry's body in JavaScript for each would cost more; tests/server/target-reach.test.ts
   * checks the two agree.
   */
  liveForScreen(screen: { id: string; siteId: string; syncGroupId: string | null }): Schedule[] {
    const rows = this.db
      .prepare(
        `SELECT l.object_id AS id, v.body, l.live_at FROM live_versions l JOIN versions v
           ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
         WHERE l.object_type = 'schedule' AND v.body IS NOT NULL AND (
           json_extract(v.body, '$.target.type') = 'all'
           OR (json_extract(v.body, '$.target.type') = 'screen' AND json_extract(v.body, '$.target.id') = ?)
           OR (json_extract(v.body, '$.target.type') = 'site' AND json_extract(v.body, '$.target.id') = ?)
           OR (json_extract(v.body, '$.target.type') = 'group' AND json_extract(v.body, '$.target.id') = ?))
         ORDER BY json_extract(v.body, '$.createdAt'), l.object_id`,
      )
      .all(screen.id, screen.siteId, screen.syncGroupId ?? '') as {
      id: string
      body: string
      live_at: string
    }[]
    return rows.map((r) => fromBody(r.id, JSON.parse(r.body) as ScheduleBody, r.live_at))
  }

  /** The approved entries on air that play this playlist. */
  liveForPlaylist(playlistId: string): Schedule[] {
    const rows = this.db
      .prepare(
        `SELECT l.object_id AS id, v.body, l.live_at FROM live_versions l JOIN versions v
           ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
         WHERE l.object_type = 'schedule' AND json_extract(v.body, '$.playlistId') = ?
         ORDER BY l.object_id`,
      )
      .all(playlistId) as { id: string; body: string; live_at: string }[]
    return rows.map((r) => fromBody(r.id, JSON.parse(r.body) as ScheduleBody, r.live_at))
  }

  create(input: ScheduleInput): Schedule {
    const id = input.id ?? newId('sch')
    if (this.find(id))
      throw refuse('schedule.id-taken', `A schedule entry with id "${id}" already exists.`, {
        params: { id },
      })
    refuseDeletedId(this.db, 'schedule', id)
    this.check(input)
    const now = isoAt(this.clock())
    this.db
      .prepare(
        `INSERT INTO schedules (id, name, playlist_id, target_type, target_id, from_local, until_local, days,
           window_start, window_end, cron_expression, cron_duration_minutes, lunar, priority, zone_id, created_at,
           updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, ...this.values(input), now, now)
    return this.get(id)
  }

  update(id: string, input: ScheduleInput): { before: Schedule; after: Schedule } {
    const before = this.get(id)
    if (input.id !== undefined && input.id !== id) {
      throw refuse(
        'schedule.id-mismatch',
        `The body's id "${input.id}" does not match the schedule entry "${id}" in the URL.`,
        { params: { id, bodyId: input.id } },
      )
    }
    this.check(input)
    this.db
      .prepare(
        `UPDATE schedules SET name = ?, playlist_id = ?, target_type = ?, target_id = ?, from_local = ?,
           until_local = ?, days = ?, window_start = ?, window_end = ?, cron_expression = ?,
           cron_duration_minutes = ?, lunar = ?, priority = ?, zone_id = ?, updated_at = ? WHERE id = ?`,
      )
      .run(...this.values(input), isoAt(this.clock()), id)
    return { before, after: this.get(id) }
  }

  delete(id: string): Schedule {
    const before = this.get(id)
    this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id)
    return before
  }

  private values(input: ScheduleInput) {
    return [
      input.name,
      input.playlistId,
      input.target.type,
      input.target.type === 'all' ? null : input.target.id,
      input.from ?? null,
      input.until ?? null,
      input.days ? JSON.stringify([...input.days].sort()) : null,
      input.window?.start ?? null,
      input.window?.end ?? null,
      input.cron?.expression.trim() ?? null,
      input.cron?.durationMinutes ?? null,
      input.lunar
        ? JSON.stringify({ month: input.lunar.month, days: [...input.lunar.days].sort((a, b) => a - b) })
        : null,
      input.priority ?? PRIORITY_DEFAULT,
      input.zoneId ?? MAIN_ZONE,
    ] as const
  }

  private check(input: ScheduleInput): void {
    const problems = ruleProblems(input)
    if (problems.length > 0) {
      const first = problems[0]!
      throw refuse('schedule.rule', `${first.field}: ${first.message}.`, { details: problems })
    }
    if (!this.db.prepare('SELECT 1 FROM playlists WHERE id = ?').get(input.playlistId)) {
      throw refuse('schedule.playlist-unknown', `playlistId "${input.playlistId}" does not exist.`, {
        details: [{ field: 'playlistId' }],
        params: { playlistId: input.playlistId },
      })
    }
    if (input.target.type !== 'all') {
      const [table, label] = TARGET_TABLE[input.target.type]
      if (!this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(input.target.id)) {
        throw refuse('schedule.target-unknown', `target: ${label} "${input.target.id}" does not exist.`, {
          details: [{ field: 'target.id' }],
          params: { targetId: input.target.id },
        })
      }
    }
  }
}
