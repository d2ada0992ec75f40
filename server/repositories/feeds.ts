import { createHash } from 'node:crypto'
import type { Language } from '@playlists/schemas/common'
import {
  FEED_ENTRIES_KEPT,
  type FeedBody,
  type FeedCreateInput,
  type FeedEntry,
  type FeedFailure,
  type FeedInput,
  type FeedLanguage,
  type FeedSource,
} from '@playlists/schemas/feed'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import type { ParsedEntry } from '../feeds/parse'
import { newId } from '../ids'
import { refuseDeletedId } from './deleted-ids'
import { refuseWhileShown } from './source-uses'

interface FeedRow {
  id: string
  name: string
  url: string
  language: FeedLanguage
  interval_minutes: number
  words: string
  max_age_hours: number | null
  alert_after_minutes: number
  created_at: string
  updated_at: string
  etag: string | null
  last_modified: string | null
  fetched_url: string | null
  last_fetch_at: string | null
  last_outcome: FeedSource['lastOutcome']
  last_success_at: string | null
  last_error_code: FeedFailure | null
  last_error_message: string | null
  failing_since: string | null
  alerted_at: string | null
  entry_count: number
  live_version: number | null
}

interface EntryRow {
  id: string
  guid: string
  title: string
  summary: string
  link: string | null
  published_at: string | null
  language: Language | null
  image_url: string | null
  media_id: string | null
  first_seen_at: string
  withdrawn_at: string | null
  withdrawn_by: string | null
}

/** What the fetcher needs of a source to fetch it again. */
export interface FetchState {
  etag: string | null
  lastModified: string | null
  fetchedUrl: string | null
  failingSince: string | null
  alertedAt: string | null
}

const SELECT_FEED = `SELECT f.*,
    (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id) AS entry_count,
    (SELECT l.number FROM live_versions l JOIN versions v
       ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
     WHERE l.object_type = 'feed' AND l.object_id = f.id AND v.body IS NOT NULL) AS live_version
  FROM feeds f`

const toSource = (r: FeedRow): FeedSource => ({
  id: r.id,
  ...bodyOf(r),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastFetchAt: r.last_fetch_at,
  lastOutcome: r.last_outcome,
  lastSuccessAt: r.last_success_at,
  lastError:
    r.last_error_code === null ? null : { code: r.last_error_code, message: r.last_error_message ?? '' },
  failingSince: r.failing_since,
  alertedAt: r.alerted_at,
  entryCount: r.entry_count,
  liveVersion: r.live_version,
})

const bodyOf = (r: FeedRow): FeedBody => ({
  name: r.name,
  url: r.url,
  language: r.language,
  intervalMinutes: r.interval_minutes,
  words: JSON.parse(r.words) as string[],
  maxAgeHours: r.max_age_hours,
  alertAfterMinutes: r.alert_after_minutes,
})

const toEntry = (r: EntryRow): FeedEntry => ({
  id: r.id,
  guid: r.guid,
  title: r.title,
  summary: r.summary,
  link: r.link,
  publishedAt: r.published_at,
  language: r.language,
  imageUrl: r.image_url,
  mediaId: r.media_id,
  firstSeenAt: r.first_seen_at,
  withdrawnAt: r.withdrawn_at,
  withdrawnBy: r.withdrawn_by,
})

/** An entry's id: the same for the same guid of the same source, whatever the guid's length or characters. */
export const entryId = (feedId: string, guid: string) =>
  `e-${createHash('sha256').update(`${feedId}\n${guid}`).digest('hex').slice(0, 32)}`

const params = (input: FeedInput) => ({
  name: input.name,
  url: input.url,
  language: input.language,
  interval: input.intervalMinutes,
  words: JSON.stringify([...new Set(input.words.map((w) => w.trim()))]),
  maxAge: input.maxAgeHours,
  alertAfter: input.alertAfterMinutes,
})

/** Feed sources (their drafts and fetch state) and the entries they brought. */
/** The last fetch's instant in whole seconds since 1970 (SQLite's strftime('%s'), per engine). */
const FETCHED_AT_S = {
  sqlite: "strftime('%s', last_fetch_at)",
  postgres: 'floor(extract(epoch FROM last_fetch_at::timestamptz))',
} as const

export class FeedsRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): FeedSource[] {
    return (this.db.prepare(`${SELECT_FEED} ORDER BY f.id`).all() as FeedRow[]).map(toSource)
  }

  find(id: string): FeedSource | undefined {
    const row = this.db.prepare(`${SELECT_FEED} WHERE f.id = ?`).get(id) as FeedRow | undefined
    return row && toSource(row)
  }

  get(id: string): FeedSource {
    const found = this.find(id)
    if (!found) throw notFound('feed.not-found', 'Feed', id)
    return found
  }

  /**
   * Deletes the source and the entries it brought, refused while a playlist shows it; its
   * versions stay under its id, which is never given again (migration 023). The images its
   * entries brought stay in the media library (tagged with the source), like any other medium.
   */
  delete(id: string): FeedSource {
    return this.db.transaction(() => {
      const source = this.get(id)
      refuseWhileShown(this.db, 'feed', id)
      this.db.prepare('DELETE FROM feeds WHERE id = ?').run(id)
      return source
    })()
  }

  /** The draft as a version would freeze it. */
  body(id: string): FeedBody {
    const { id: _id, ...source } = this.get(id)
    return {
      name: source.name,
      url: source.url,
      language: source.language,
      intervalMinutes: source.intervalMinutes,
      words: source.words,
      maxAgeHours: source.maxAgeHours,
      alertAfterMinutes: source.alertAfterMinutes,
    }
  }

  create(input: FeedCreateInput): FeedSource {
    const id = input.id ?? newId('feed')
    return this.db.transaction(() => {
      if (this.find(id))
        throw refuse('feed.id-taken', `A feed with id "${id}" already exists.`, { params: { id } })
      refuseDeletedId(this.db, 'feed', id)
      const now = isoAt(this.clock())
      this.db
        .prepare(
          `INSERT INTO feeds (id, name, url, language, interval_minutes, words, max_age_hours, alert_after_minutes,
             created_at, updated_at)
           VALUES (@id, @name, @url, @language, @interval, @words, @maxAge, @alertAfter, @now, @now)`,
        )
        .run({ id, now, ...params(input) })
      return this.get(id)
    })()
  }

  update(id: string, input: FeedInput): FeedSource {
    this.get(id)
    this.db
      .prepare(
        `UPDATE feeds SET name = @name, url = @url, language = @language, interval_minutes = @interval,
           words = @words, max_age_hours = @maxAge, alert_after_minutes = @alertAfter, updated_at = @now
         WHERE id = @id`,
      )
      .run({ id, now: isoAt(this.clock()), ...params(input) })
    return this.get(id)
  }

  fetchState(id: string): FetchState {
    const r = this.db.prepare('SELECT * FROM feeds WHERE id = ?').get(id) as FeedRow | undefined
    if (!r) throw notFound('feed.not-found', 'Feed', id)
    return {
      etag: r.etag,
      lastModified: r.last_modified,
      fetchedUrl: r.fetched_url,
      failingSince: r.failing_since,
      alertedAt: r.alerted_at,
    }
  }

  /** A fetch answered (200 or 304): validators kept for the next, failures over. */
  fetched(
    id: string,
    at: number,
    outcome: 'ok' | 'not-modified',
    validators: { url: string; etag: string | null; lastModified: string | null },
  ): void {
    this.db
      .prepare(
        `UPDATE feeds SET last_fetch_at = @at, last_success_at = @at, last_outcome = @outcome,
           etag = @etag, last_modified = @lastModified, fetched_url = @url,
           last_error_code = NULL, last_error_message = NULL, failing_since = NULL, alerted_at = NULL
         WHERE id = @id`,
      )
      .run({ id, at: isoAt(at), outcome, ...validators })
  }

  /** A fetch failed: the entries stay; the first failure of a run is when the run began. */
  failed(id: string, at: number, code: FeedFailure, message: string): void {
    this.db
      .prepare(
        `UPDATE feeds SET last_fetch_at = @at, last_outcome = 'failed', last_error_code = @code,
           last_error_message = @message, failing_since = coalesce(failing_since, @at)
         WHERE id = @id`,
      )
      .run({ id, at: isoAt(at), code, message: message.slice(0, 500) })
  }

  alerted(id: string, at: number): void {
    this.db.prepare('UPDATE feeds SET alerted_at = @at WHERE id = @id').run({ id, at: isoAt(at) })
  }

  /** Sources due for a fetch at `now`: never fetched, or fetched an interval ago. */
  due(now: number): string[] {
    return (
      this.db
        .prepare(
          `SELECT id FROM feeds
         WHERE last_fetch_at IS NULL
            OR ${FETCHED_AT_S[this.db.engine]} + interval_minutes * 60 <= @nowS
         ORDER BY coalesce(last_fetch_at, ''), id`,
        )
        .pluck()
        // In whole seconds here, as SQLite's integer division made them: PostgreSQL takes the type
        // of a parameter divided in SQL to be integer, which an instant in milliseconds overflows.
        .all({ nowS: Math.floor(now / 1000) }) as string[]
    )
  }

  /**
   * Keeps what a fetch brought: new entries added, known ones updated (a portal corrects a
   * title), withdrawals kept; then only the FEED_ENTRIES_KEPT newest of the source stay.
   * Returns the ids of entries seen for the first time.
   */
  keep(id: string, url: string, entries: readonly ParsedEntry[], at: number): string[] {
    return this.db.transaction(() => {
      const known = this.db.prepare('SELECT 1 FROM feed_entries WHERE id = ?').pluck()
      const upsert = this.db.prepare(
        `INSERT INTO feed_entries (id, feed_id, guid, source_url, title, summary, link, published_at, language,
           image_url, first_seen_at)
         VALUES (@entry, @id, @guid, @url, @title, @summary, @link, @publishedAt, @language, @imageUrl, @at)
         ON CONFLICT (id) DO UPDATE SET source_url = excluded.source_url, title = excluded.title,
           summary = excluded.summary, link = excluded.link, published_at = excluded.published_at,
           language = excluded.language,
           media_id = CASE WHEN feed_entries.image_url IS excluded.image_url THEN feed_entries.media_id END,
           image_url = excluded.image_url`,
      )
      const added: string[] = []
      for (const e of entries) {
        const entry = entryId(id, e.guid)
        if (!known.get(entry)) added.push(entry)
        upsert.run({ ...e, entry, id, url, at: isoAt(at) })
      }
      this.db
        .prepare(
          `DELETE FROM feed_entries WHERE feed_id = @id AND id NOT IN (
             SELECT id FROM feed_entries WHERE feed_id = @id
             ORDER BY coalesce(published_at, first_seen_at) DESC, id LIMIT @kept)`,
        )
        .run({ id, kept: FEED_ENTRIES_KEPT })
      return added
    })()
  }

  /** The source's entries, newest first; only those fetched from `url` when it is given. */
  entries(id: string, url?: string): FeedEntry[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM feed_entries WHERE feed_id = @id AND (@url IS NULL OR source_url = @url)
           ORDER BY coalesce(published_at, first_seen_at) DESC, id`,
        )
        .all({ id, url: url ?? null }) as EntryRow[]
    ).map(toEntry)
  }

  entry(id: string, entry: string): FeedEntry {
    const row = this.db.prepare('SELECT * FROM feed_entries WHERE feed_id = ? AND id = ?').get(id, entry) as
      | EntryRow
      | undefined
    if (!row) throw notFound('feed-entry.not-found', 'Feed entry', entry)
    return toEntry(row)
  }

  /** Entries whose image is named and not yet kept as media. */
  imagesWanted(id: string): { id: string; imageUrl: string }[] {
    return this.db
      .prepare(
        `SELECT id, image_url AS imageUrl FROM feed_entries
         WHERE feed_id = ? AND image_url IS NOT NULL AND media_id IS NULL AND withdrawn_at IS NULL
         ORDER BY coalesce(published_at, first_seen_at) DESC`,
      )
      .all(id) as { id: string; imageUrl: string }[]
  }

  setMedia(entry: string, mediaId: string): void {
    this.db.prepare('UPDATE feed_entries SET media_id = ? WHERE id = ?').run(mediaId, entry)
  }

  withdraw(id: string, entry: string, by: string, at: number): FeedEntry {
    const found = this.entry(id, entry)
    if (found.withdrawnAt !== null) {
      throw refuse('feed-entry.withdrawn', `The entry was already withdrawn at ${found.withdrawnAt}.`, {
        params: { withdrawnAt: found.withdrawnAt },
      })
    }
    this.db
      .prepare('UPDATE feed_entries SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ?')
      .run(isoAt(at), by, entry)
    return this.entry(id, entry)
  }
}
