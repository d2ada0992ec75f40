import type { Language } from '@playlists/schemas/common'
import type { ReportGrouping } from '@playlists/schemas/reports'
import type { TimelineGranularity } from '@playlists/schemas/timeline'
import type { Store } from '../db/store'
import { Publisher } from '../publishing/publisher'
import { timelineAnswer } from '../publishing/timeline-answer'
import { playsCsv, uptimeCsv } from '../reports/csv'
import type { Period } from '../reports/period'
import { screensUptime, uptimeReport } from '../reports/uptime-report'
import { createRepositories } from '../repositories'
import type { AuditFilter } from '../repositories/audit'
import type { PlayRange } from '../repositories/plays'
import type { ReportFilter, RowsPage } from '../repositories/reports'
import { auditCsvHeader, auditCsvLines } from '../routes/audit-csv'

/**
 * The work that runs in the compute workers (pool.ts), off the event loop: each task reads the
 * database through the worker's own read-only connection and answers with the bytes (UTF-8 JSON
 * or CSV) the route sends as they are. Inputs cross between threads as plain data; the bytes are
 * handed over, not copied, so the event loop neither encodes nor copies an answer, however long.
 * `now` is the server's clock as the request read it: a worker never reads a clock.
 */

/** Audit entries per CSV chunk: about 1 MB of text, a few tens of milliseconds of a worker. */
export const AUDIT_CSV_CHUNK_ENTRIES = 1_000

const ALL_ROWS: RowsPage = { offset: 0, limit: -1 }

const repositories = (db: Store, now: number) => createRepositories(db, () => now)
const encoder = new TextEncoder()
/** Text as UTF-8 bytes in a buffer of their own, which the worker hands over to the event loop. */
const utf8 = (text: string): Uint8Array => encoder.encode(text)
const json = (value: unknown) => utf8(JSON.stringify(value))

export const TASKS = {
  /** GET /api/screens/:id/timeline: compiled as of `from` (now when past), as the publisher does. */
  timeline: (
    db: Store,
    input: { screenId: string; from: number; to: number; granularity: TimelineGranularity; now: number },
  ): Uint8Array => {
    const clock = () => input.now
    const repos = createRepositories(db, clock)
    const publisher = new Publisher(db, repos, clock, () => {
      throw new Error('a timeline never delivers a document')
    })
    // One read transaction: every document of a long range sees the same database.
    const answer = db.transaction(() =>
      timelineAnswer(
        (at) => publisher.preview(input.screenId, Math.max(at, input.now)),
        input.from,
        input.to,
        input.granularity,
      ),
    )()
    return json(answer)
  },

  playsReport: (
    db: Store,
    input: { filter: ReportFilter; by: ReportGrouping; page: RowsPage & { page: number; pageSize: number } },
  ): Uint8Array => {
    const { reports } = repositories(db, 0)
    const { filter, by, page } = input
    const found = reports.plays(filter, by, page)
    return json({
      from: filter.from,
      to: filter.to,
      by,
      ...found,
      page: page.page,
      pageSize: page.pageSize,
      names: reports.names(found.rows),
    })
  },

  playsCsv: (db: Store, input: { filter: ReportFilter; by: ReportGrouping; lang: Language }): Uint8Array => {
    const { reports } = repositories(db, 0)
    const { rows } = reports.plays(input.filter, input.by, ALL_ROWS)
    return utf8(playsCsv(input.by, rows, reports.names(rows), input.lang))
  },

  uptimeReport: (
    db: Store,
    input: {
      filter: Pick<ReportFilter, 'siteId' | 'screenId'>
      period: Period
      now: number
      page: { page: number; pageSize: number; offset: number }
    },
  ): Uint8Array => {
    const repos = repositories(db, input.now)
    return json(uptimeReport(repos, input.filter, input.period, input.now, input.page))
  },

  uptimeCsv: (
    db: Store,
    input: { filter: Pick<ReportFilter, 'siteId' | 'screenId'>; period: Period; now: number; lang: Language },
  ): Uint8Array => {
    const repos = repositories(db, input.now)
    const { screens } = screensUptime(repos, input.filter, input.period, input.now)
    return utf8(uptimeCsv(screens, repos.reports.names(screens), input.lang))
  },

  /** GET /api/plays/summary: a GROUP BY over every play of the range, a year of them at most. */
  playsSummary: (db: Store, input: PlayRange): Uint8Array =>
    json({ rows: repositories(db, 0).plays.summaryByDay(input) }),

  /**
   * One chunk of the audit export, newest first: the header with the first chunk, then
   * AUDIT_CSV_CHUNK_ENTRIES lines; `before` is where the next chunk starts (null: none left).
   */
  auditCsv: (
    db: Store,
    input: { filter: Omit<AuditFilter, 'limit'>; header: boolean },
  ): { text: Uint8Array; before: number | null } => {
    const { audit } = repositories(db, 0)
    const entries = audit.query({ ...input.filter, limit: AUDIT_CSV_CHUNK_ENTRIES })
    const text = (input.header ? auditCsvHeader() : '') + auditCsvLines(entries)
    const last = entries.at(-1)
    return { text: utf8(text), before: entries.length < AUDIT_CSV_CHUNK_ENTRIES || !last ? null : last.seq }
  },
}

export type Tasks = typeof TASKS
export type TaskName = keyof Tasks
export type TaskInput<K extends TaskName> = Parameters<Tasks[K]>[1]
export type TaskOutput<K extends TaskName> = ReturnType<Tasks[K]>
