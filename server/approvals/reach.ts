import type { ApprovableType } from '@playlists/schemas/approval'
import type { Companion, Reach, ReachedScreen } from '@playlists/schemas/reach'
import type { Store } from '../db/store'
import type { Publisher } from '../publishing/publisher'
import type { Repositories } from '../repositories'
import type { ScheduleBody } from '../repositories/schedules'

/**
 * A version waits when someone still has to act on it: submitted, or approved and newer than the
 * version on air. The same rule as the approvals queue's `waiting` view.
 */
const WAITING = `(v.state = 'submitted' OR (v.state = 'approved' AND (l.number IS NULL OR v.number > l.number)))`

interface WaitingRow {
  id: string
  number: number
  state: 'submitted' | 'approved'
  body: string
}

/**
 * Which screens a version reaches and which waiting versions it needs, by the publisher's own
 * rule (Publisher.screensReachedBy: the rule goLive uses to choose whose documents to recompile),
 * so what the console promises is what a publish does.
 */
export class VersionReach {
  constructor(
    private readonly db: Store,
    private readonly repos: Repositories,
    private readonly publisher: Publisher,
  ) {}

  /** The reach of version `number` of the object (404 when there is no such version). */
  of(type: ApprovableType, id: string, number: number): Reach {
    const { body } = this.repos.versions.get(type, id, number)
    const ids = this.screenIds(type, id, body)
    return { screens: this.describe(ids), companions: this.companions(type, id, body, ids) }
  }

  /**
   * Screens whose content changes when a version with this body goes on air: those the object
   * reaches now, and for a schedule entry also those its new target aims at.
   */
  screenIds(type: ApprovableType, id: string, body: unknown): string[] {
    const ids = new Set(this.publisher.screensReachedBy(type, id))
    if (type === 'schedule' && body !== null) {
      for (const s of this.repos.screens.idsForTarget((body as ScheduleBody).target)) ids.add(s)
    }
    return [...ids].sort()
  }

  /**
   * The waiting versions this one needs to reach a screen. A playlist that no screen shows needs
   * the waiting schedule entries that would play it; a schedule entry whose playlist is not on air
   * needs that playlist's waiting version. A withdrawal needs nothing.
   */
  companions(type: ApprovableType, id: string, body: unknown, screens: readonly string[]): Companion[] {
    if (body === null) return []
    if (type === 'playlist') {
      if (screens.length > 0) return []
      return this.waitingSchedulesPlaying(id).map((row) => {
        const entry = JSON.parse(row.body) as ScheduleBody
        return this.companion('schedule', row, this.repos.screens.idsForTarget(entry.target))
      })
    }
    if (type === 'schedule') {
      const playlistId = (body as ScheduleBody).playlistId
      if (this.repos.versions.liveNumber('playlist', playlistId)) return []
      const row = this.waitingPlaylist(playlistId)
      return row ? [this.companion('playlist', row, screens)] : []
    }
    return []
  }

  /** The screens the schedule entries waiting to play this playlist aim at. */
  waitingScheduleScreens(playlistId: string): string[] {
    const ids = new Set<string>()
    for (const row of this.waitingSchedulesPlaying(playlistId)) {
      for (const id of this.repos.screens.idsForTarget((JSON.parse(row.body) as ScheduleBody).target))
        ids.add(id)
    }
    return [...ids].sort()
  }

  private companion(type: ApprovableType, row: WaitingRow, screens: readonly string[]): Companion {
    const name = (JSON.parse(row.body) as { name?: unknown }).name
    return {
      objectType: type,
      objectId: row.id,
      number: row.number,
      name: typeof name === 'string' ? name : row.id,
      state: row.state,
      screens: [...screens].sort(),
    }
  }

  /** Each schedule entry's newest waiting version, where that version plays the playlist. */
  private waitingSchedulesPlaying(playlistId: string): WaitingRow[] {
    return this.db
      .prepare(
        `SELECT v.object_id AS id, v.number, v.state, v.body FROM versions v
           LEFT JOIN live_versions l ON l.object_type = v.object_type AND l.object_id = v.object_id
         WHERE v.object_type = 'schedule' AND v.body IS NOT NULL AND ${WAITING}
           AND json_extract(v.body, '$.playlistId') = ?
           AND EXISTS (SELECT 1 FROM schedules o WHERE o.id = v.object_id)
           AND v.number = (SELECT max(w.number) FROM versions w
                           WHERE w.object_type = 'schedule' AND w.object_id = v.object_id AND w.state != 'rejected')
         ORDER BY v.object_id`,
      )
      .all(playlistId) as WaitingRow[]
  }

  /** The playlist's newest waiting version with a body, if it still exists. */
  private waitingPlaylist(playlistId: string): WaitingRow | undefined {
    return this.db
      .prepare(
        `SELECT v.object_id AS id, v.number, v.state, v.body FROM versions v
           LEFT JOIN live_versions l ON l.object_type = v.object_type AND l.object_id = v.object_id
         WHERE v.object_type = 'playlist' AND v.object_id = ? AND v.body IS NOT NULL AND ${WAITING}
           AND EXISTS (SELECT 1 FROM playlists o WHERE o.id = v.object_id)
         ORDER BY v.number DESC LIMIT 1`,
      )
      .get(playlistId) as WaitingRow | undefined
  }

  private describe(ids: readonly string[]): ReachedScreen[] {
    return ids.flatMap((id) => {
      const s = this.repos.screens.find(id)
      return s ? [{ id: s.id, name: s.name, siteId: s.siteId, width: s.width, height: s.height }] : []
    })
  }
}
