import type { Store } from '../db/store'
import type { Transition } from '../reports/uptime'

interface TransitionRow {
  at_ms: number
  online: 0 | 1
  last_seen_ms: number | null
}

/**
 * Screens' recorded online/offline changes (table screen_uptime, written by triggers on
 * screen_status: see migration 011). Read-only here: the screen-status service's own writes are
 * what records them.
 */
export class UptimeRepository {
  constructor(private readonly db: Store) {}

  /**
   * A screen's changes in [fromMs, toMs), preceded by the last one before fromMs (the state the
   * period opens in), in the order they happened.
   */
  transitions(screenId: string, fromMs: number, toMs: number): Transition[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT id, at_ms, online, last_seen_ms FROM screen_uptime
           WHERE screen_id = @screenId AND at_ms < @fromMs ORDER BY at_ms DESC, id DESC LIMIT 1) AS opening
         UNION ALL
         SELECT id, at_ms, online, last_seen_ms FROM screen_uptime
           WHERE screen_id = @screenId AND at_ms >= @fromMs AND at_ms < @toMs
         ORDER BY at_ms, id`,
      )
      .all({ screenId, fromMs, toMs }) as TransitionRow[]
    return rows.map((r) => ({ atMs: r.at_ms, online: r.online === 1, lastSeenMs: r.last_seen_ms }))
  }

  /** When the first change was recorded: before it, nobody knows whether screens were online. */
  recordedSince(): number | null {
    return this.db.prepare('SELECT min(at_ms) FROM screen_uptime').pluck().get() as number | null
  }
}
