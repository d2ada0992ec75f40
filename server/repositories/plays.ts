import type { PlayEvent } from '@playlists/events'
import { type Play, type PlaySummaryRow, playEventProblem } from '@playlists/schemas/plays'
import { DEFAULT_TIME_ZONE, localAt } from '@playlists/time/zone'
import { type Clock, isoAt } from '../clock'
import { isRowRefusal } from '../db/errors'
import type { Store } from '../db/store'

interface PlayRow {
  id: string
  screen_id: string
  zone_id: string
  item_id: string
  playlist_id: string
  document_version: number
  start_ms: number
  end_ms: number
  local_day: string
  received_at: string
  entries: string | null
}

const toPlay = (r: PlayRow): Play => ({
  id: r.id,
  screenId: r.screen_id,
  zoneId: r.zone_id,
  itemId: r.item_id,
  playlistId: r.playlist_id,
  documentVersion: r.document_version,
  start: isoAt(r.start_ms),
  end: isoAt(r.end_ms),
  day: r.local_day,
  receivedAt: r.received_at,
  entries: r.entries === null ? null : (JSON.parse(r.entries) as string[]),
})

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** YYYY-MM-DD in `zone` at `ms`. */
export function localDay(zone: string, ms: number): string {
  const d = localAt(zone, ms)
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`
}

export interface PlaysStored {
  /** Every id the database now holds: stored by this call or by an earlier one (a resend). */
  stored: string[]
  /** Events refused for good, with the reason; the player drops them. */
  refused: { id: string; msg: string }[]
  /** How many of `stored` are new rows (the rest were resends). */
  inserted: number
}

export interface PlayRange {
  /** Plays that start in [fromMs, toMs). */
  fromMs: number
  toMs: number
  screenId?: string | undefined
}

/** Proof-of-play records: written by players in batches, read by the console and reports. */
export class PlaysRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a screen's batch in one transaction, idempotently: an id already stored (a resend
   * after a lost acknowledgement, a player restart, a server restart) is left as it is and
   * acknowledged again. Events that make no sense (see playEventProblem) are refused one by one,
   * so a single bad event never holds back the rest of the player's queue.
   */
  insert(screenId: string, events: readonly PlayEvent[]): PlaysStored {
    const now = this.clock()
    const zone = this.timeZoneOf(screenId)
    const refused: PlaysStored['refused'] = []
    const accepted: PlayEvent[] = []
    for (const event of events) {
      const problem = playEventProblem(event, now)
      if (problem) refused.push({ id: event.id, msg: problem })
      else accepted.push(event)
    }
    const insert = this.db.prepare(
      `INSERT INTO plays (id, screen_id, zone_id, item_id, playlist_id, document_version,
         start_ms, end_ms, local_day, received_at, entries)
       VALUES (@id, @screenId, @zoneId, @itemId, @playlistId, @documentVersion,
         @startMs, @endMs, @day, @receivedAt, @entries)
       ON CONFLICT (id) DO NOTHING`,
    )
    const receivedAt = isoAt(now)
    let inserted = 0
    const stored = new Set<string>()
    // A refused row must leave the rest of the batch: SQLite undoes only the failing statement,
    // PostgreSQL the whole transaction, so there each row runs in its own savepoint.
    const insertOne = (row: Record<string, unknown>) => insert.run(row).changes
    const attempt = this.db.engine === 'postgres' ? this.db.transaction(insertOne) : insertOne
    this.db.transaction(() => {
      for (const e of accepted) {
        try {
          const entries = e.entries ? JSON.stringify(e.entries) : null
          inserted += attempt({
            ...e,
            screenId,
            day: localDay(zone, e.startMs),
            receivedAt,
            entries,
          })
          stored.add(e.id)
        } catch (error) {
          // One event the database cannot hold is refused alone: failing the batch would have
          // the player send the same batch for ever. Anything else (busy, disk) fails the batch.
          if (!isRowRefusal(error)) throw error
          refused.push({
            id: e.id,
            msg: `the database cannot store this event (${(error as Error).message})`,
          })
        }
      }
    })()
    return { stored: [...stored], refused, inserted }
  }

  /** By start then id; `limit + 1` rows are read so the caller learns whether more exist. */
  list(range: PlayRange, limit: number): { plays: Play[]; truncated: boolean } {
    const rows = this.db
      .prepare(
        `SELECT * FROM plays WHERE start_ms >= @fromMs AND start_ms < @toMs
           ${range.screenId ? 'AND screen_id = @screenId' : ''}
         ORDER BY start_ms, id LIMIT @limit`,
      )
      .all({ ...range, limit: limit + 1 }) as PlayRow[]
    return { plays: rows.slice(0, limit).map(toPlay), truncated: rows.length > limit }
  }

  /** Plays and seconds on air per local day, screen, playlist and item. */
  summaryByDay(range: PlayRange): PlaySummaryRow[] {
    return this.db
      .prepare(
        `SELECT local_day AS day, screen_id AS screenId, playlist_id AS playlistId, item_id AS itemId,
           count(*) AS plays, sum(end_ms - start_ms) / 1000.0 AS seconds
         FROM plays WHERE start_ms >= @fromMs AND start_ms < @toMs
           ${range.screenId ? 'AND screen_id = @screenId' : ''}
         GROUP BY local_day, screen_id, playlist_id, item_id
         ORDER BY local_day, screen_id, playlist_id, item_id`,
      )
      .all(range) as PlaySummaryRow[]
  }

  /** The screen's zone as its documents use it; a screen deleted meanwhile gets the default. */
  private timeZoneOf(screenId: string): string {
    const zone = this.db
      .prepare(
        `SELECT coalesce(s.time_zone, si.time_zone) FROM screens s
         JOIN sites si ON si.id = s.site_id WHERE s.id = ?`,
      )
      .pluck()
      .get(screenId) as string | undefined
    return zone ?? DEFAULT_TIME_ZONE
  }
}
