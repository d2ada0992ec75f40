import type { Heartbeat } from '@playlists/events'
import { CLOCK_DISAGREEMENT_MS } from '@playlists/limits'
import type { ScreenStatus } from '@playlists/schemas/status'
import { isoAt } from '../clock'
import type { Store } from '../db/store'

interface StatusRow {
  screen_id: string
  online: 0 | 1
  since: string
  last_seen_at: string | null
  applied_version: number | null
  report: string | null
  published_version: number | null
}

const SELECT = `SELECT s.id AS screen_id, coalesce(st.online, 0) AS online, coalesce(st.since, s.created_at) AS since,
    st.last_seen_at, st.applied_version, st.report,
    (SELECT max(version) FROM documents d WHERE d.screen_id = s.id) AS published_version
  FROM screens s LEFT JOIN screen_status st ON st.screen_id = s.id`

/** Does this report put the player's clock and the server's too far apart? */
export const disagrees = (report: Pick<Heartbeat, 'clockOffsetMs'>): boolean =>
  Math.abs(report.clockOffsetMs) > CLOCK_DISAGREEMENT_MS

const toStatus = (r: StatusRow): ScreenStatus => ({
  screenId: r.screen_id,
  online: r.online === 1,
  since: r.since,
  lastSeenAt: r.last_seen_at,
  appliedVersion: r.applied_version,
  publishedVersion: r.published_version,
  report: r.report === null ? null : (JSON.parse(r.report) as Heartbeat),
  clockDisagrees: r.report !== null && disagrees(JSON.parse(r.report) as Heartbeat),
})

/** Players' presence and health; every screen has a status, "offline since it was created" at first. */
export class StatusRepository {
  constructor(private readonly db: Store) {}

  list(): ScreenStatus[] {
    return (this.db.prepare(`${SELECT} ORDER BY s.id`).all() as StatusRow[]).map(toStatus)
  }

  find(screenId: string): ScreenStatus | undefined {
    const row = this.db.prepare(`${SELECT} WHERE s.id = ?`).get(screenId) as StatusRow | undefined
    return row && toStatus(row)
  }

  /** The statuses of several screens in one query (unknown ids are left out). */
  findMany(screenIds: readonly string[]): ScreenStatus[] {
    const rows = this.db
      .prepare(`${SELECT} WHERE s.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(screenIds)) as StatusRow[]
    return rows.map(toStatus)
  }

  /** Sets online/offline; returns true when that is a change. `since` moves only on a change. */
  setOnline(screenId: string, online: boolean, at: number): boolean {
    const current = this.db
      .prepare('SELECT online FROM screen_status WHERE screen_id = ?')
      .pluck()
      .get(screenId) as 0 | 1 | undefined
    if (current !== undefined && current === (online ? 1 : 0)) return false
    this.db
      .prepare(
        `INSERT INTO screen_status (screen_id, online, since, last_seen_at)
         VALUES (@id, @online, @at, @seen)
         ON CONFLICT (screen_id) DO UPDATE SET online = excluded.online, since = excluded.since,
           last_seen_at = coalesce(excluded.last_seen_at, screen_status.last_seen_at)`,
      )
      // Last seen chosen here, not by a CASE on @online in SQL: PostgreSQL gives a parameter one
      // type, and the column and the comparison with a literal deduced two.
      .run({ id: screenId, online: online ? 1 : 0, at: isoAt(at), seen: online ? isoAt(at) : null })
    return current !== undefined || online
  }

  seen(screenId: string, at: number, report?: Heartbeat): void {
    this.db
      .prepare(
        `UPDATE screen_status SET last_seen_at = ?, report = coalesce(?, report),
           applied_version = coalesce(?, applied_version) WHERE screen_id = ?`,
      )
      .run(isoAt(at), report ? JSON.stringify(report) : null, report?.version ?? null, screenId)
  }

  applied(screenId: string, version: number, at: number): void {
    this.db
      .prepare('UPDATE screen_status SET applied_version = ?, last_seen_at = ? WHERE screen_id = ?')
      .run(version, isoAt(at), screenId)
  }

  /** Screens called online whose player has not been heard from since `before`. */
  silentSince(before: number): string[] {
    return this.db
      .prepare(
        'SELECT screen_id FROM screen_status WHERE online = 1 AND (last_seen_at IS NULL OR last_seen_at < ?)',
      )
      .pluck()
      .all(isoAt(before)) as string[]
  }

  /** Runs several writes as one transaction (one commit, one fsync). */
  inTransaction(writes: () => void): void {
    this.db.transaction(writes).immediate()
  }

  /** At start no player is connected yet, whatever the table said when the server stopped. */
  allOffline(at: number): void {
    this.db.prepare('UPDATE screen_status SET online = 0, since = ? WHERE online = 1').run(isoAt(at))
  }
}
