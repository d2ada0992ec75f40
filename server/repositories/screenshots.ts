import type { Found, PageRequest } from '@playlists/schemas/paging'
import type { Screenshot, ScreenshotReason, ScreenshotVerdict } from '@playlists/schemas/screenshots'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound } from '../domain-error'
import type { FrameMeasures } from '../screenshots/measure'

interface Row {
  id: string
  screen_id: string
  captured_at: string
  received_at: string
  reason: ScreenshotReason
  verdict: ScreenshotVerdict
  detail: string
  measures: string
  width: number
  height: number
  file: string
  thumb_file: string
  expected_file: string | null
  bytes: number
}

/** A stored screenshot with what only the server reads: its files and measures. */
export interface StoredScreenshot extends Screenshot {
  files: { full: string; thumb: string; expected: string | null }
  measures: FrameMeasures
}

export interface NewScreenshot {
  id: string
  screenId: string
  capturedAt: number
  reason: ScreenshotReason
  verdict: ScreenshotVerdict
  detail: string
  measures: FrameMeasures
  files: StoredScreenshot['files']
  bytes: number
}

const toScreenshot = (r: Row): StoredScreenshot => ({
  id: r.id,
  screenId: r.screen_id,
  capturedAt: r.captured_at,
  receivedAt: r.received_at,
  reason: r.reason,
  verdict: r.verdict,
  detail: r.detail,
  width: r.width,
  height: r.height,
  bytes: r.bytes,
  hasExpected: r.expected_file !== null,
  files: { full: r.file, thumb: r.thumb_file, expected: r.expected_file },
  measures: JSON.parse(r.measures) as FrameMeasures,
})

/** The answer's shape: without file names (the image route serves them) or measures. */
export const publicScreenshot = ({
  files: _files,
  measures: _measures,
  ...shot
}: StoredScreenshot): Screenshot => shot

/** Screenshots and what retention needs to know about them. */
export class ScreenshotsRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  insert(shot: NewScreenshot): StoredScreenshot {
    this.db
      .prepare(
        `INSERT INTO screenshots (id, screen_id, captured_at, received_at, reason, verdict, detail, measures,
           width, height, file, thumb_file, expected_file, bytes)
         VALUES (@id, @screenId, @capturedAt, @receivedAt, @reason, @verdict, @detail, @measures,
           @width, @height, @full, @thumb, @expected, @bytes)`,
      )
      .run({
        id: shot.id,
        screenId: shot.screenId,
        capturedAt: isoAt(shot.capturedAt),
        receivedAt: isoAt(this.clock()),
        reason: shot.reason,
        verdict: shot.verdict,
        detail: shot.detail,
        measures: JSON.stringify(shot.measures),
        width: shot.measures.width,
        height: shot.measures.height,
        ...shot.files,
        bytes: shot.bytes,
      })
    return this.get(shot.id)
  }

  find(id: string): StoredScreenshot | undefined {
    const row = this.db.prepare('SELECT * FROM screenshots WHERE id = ?').get(id) as Row | undefined
    return row && toScreenshot(row)
  }

  get(id: string): StoredScreenshot {
    const found = this.find(id)
    if (!found) throw notFound('screenshot.not-found', 'Screenshot', id)
    return found
  }

  /** The screen's captures newest first, one page of them. */
  page(screenId: string, page: PageRequest): Found<StoredScreenshot> {
    const rows = this.db
      .prepare(
        'SELECT * FROM screenshots WHERE screen_id = ? ORDER BY captured_at DESC, id DESC LIMIT ? OFFSET ?',
      )
      .all(screenId, page.limit, page.offset) as Row[]
    const total = this.db
      .prepare('SELECT count(*) FROM screenshots WHERE screen_id = ?')
      .pluck()
      .get(screenId) as number
    return { items: rows.map(toScreenshot), total }
  }

  /** The screen's captures taken before `before` and at or after `since`, newest first. */
  recent(screenId: string, since: number, before: number, limit: number): StoredScreenshot[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM screenshots WHERE screen_id = ? AND captured_at >= ? AND captured_at < ?
           ORDER BY captured_at DESC LIMIT ?`,
        )
        .all(screenId, isoAt(since), isoAt(before), limit) as Row[]
    ).map(toScreenshot)
  }

  /** Each screen's newest capture. */
  latest(): StoredScreenshot[] {
    return (
      this.db
        .prepare(
          `SELECT s.* FROM screenshots s
           WHERE s.id = (SELECT id FROM screenshots WHERE screen_id = s.screen_id ORDER BY captured_at DESC, id DESC LIMIT 1)`,
        )
        .all() as Row[]
    ).map(toScreenshot)
  }

  totalBytes(): number {
    return this.db.prepare('SELECT coalesce(sum(bytes), 0) FROM screenshots').pluck().get() as number
  }

  /**
   * Candidates for retention, oldest first: every capture except each screen's newest (which is
   * kept whatever its age, so the console always has a last picture of a screen).
   */
  removable(limit: number): StoredScreenshot[] {
    return (
      this.db
        .prepare(
          `SELECT s.* FROM screenshots s
           WHERE s.id <> (SELECT id FROM screenshots WHERE screen_id = s.screen_id ORDER BY captured_at DESC, id DESC LIMIT 1)
           ORDER BY s.captured_at, s.id LIMIT ?`,
        )
        .all(limit) as Row[]
    ).map(toScreenshot)
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM screenshots WHERE id = ?').run(id)
  }
}
