import type { ApprovableType, Publication, Version, VersionState } from '@playlists/schemas/approval'
import type { LegibilityFinding } from '@playlists/schemas/legibility'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { refuse } from '../domain-error'
import { newId } from '../ids'

interface VersionRow {
  object_type: ApprovableType
  object_id: string
  number: number
  body: string | null
  state: VersionState
  authors: string
  submitted_by: string
  submitted_at: string
  decided_by: string | null
  decided_at: string | null
  comment: string | null
  legibility_override: string | null
  legibility_findings: string | null
  live: number
}

interface PublicationRow {
  id: string
  object_type: ApprovableType
  object_id: string
  number: number
  publish_at: string
  status: Publication['status']
  done_at: string | null
  created_at: string
}

const toVersion = (r: VersionRow): Version => ({
  objectType: r.object_type,
  objectId: r.object_id,
  number: r.number,
  state: r.state,
  withdrawal: r.body === null,
  authors: JSON.parse(r.authors) as string[],
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  comment: r.comment,
  legibilityOverride: r.legibility_override,
  legibilityFindings:
    r.legibility_findings === null ? null : (JSON.parse(r.legibility_findings) as LegibilityFinding[]),
  live: r.live === 1,
  body: r.body === null ? null : (JSON.parse(r.body) as unknown),
})

const toPublication = (r: PublicationRow): Publication => ({
  id: r.id,
  objectType: r.object_type,
  objectId: r.object_id,
  version: r.number,
  publishAt: r.publish_at,
  status: r.status,
  doneAt: r.done_at,
  createdAt: r.created_at,
})

const SELECT_VERSION = `SELECT v.*, (l.number IS NOT NULL) AS live FROM versions v
  LEFT JOIN live_versions l
    ON l.object_type = v.object_type AND l.object_id = v.object_id AND l.number = v.number`

/** The live version of an object: what screens play. */
export interface LiveVersion<Body> {
  number: number
  body: Body
  liveAt: string
}

/**
 * Storage of the approval mechanism, for every approvable kind alike: frozen versions, the one
 * on air per object, who touched each draft, and go-on-air instants set for later. The rules
 * (who may decide, what may go on air) are the ApprovalService's; the database enforces the
 * ones that must never break (immutability, only approved versions live).
 */
export class VersionsRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(type: ApprovableType, id: string): Version[] {
    return (
      this.db
        .prepare(`${SELECT_VERSION} WHERE v.object_type = ? AND v.object_id = ? ORDER BY v.number DESC`)
        .all(type, id) as VersionRow[]
    ).map(toVersion)
  }

  find(type: ApprovableType, id: string, number: number): Version | undefined {
    const row = this.db
      .prepare(`${SELECT_VERSION} WHERE v.object_type = ? AND v.object_id = ? AND v.number = ?`)
      .get(type, id, number) as VersionRow | undefined
    return row && toVersion(row)
  }

  get(type: ApprovableType, id: string, number: number): Version {
    const v = this.find(type, id, number)
    if (!v)
      throw refuse('version.not-found', `Version ${number} of ${type} "${id}" does not exist.`, {
        params: { id, version: number },
      })
    return v
  }

  latest(type: ApprovableType, id: string, state?: VersionState): Version | undefined {
    const row = this.db
      .prepare(
        `${SELECT_VERSION} WHERE v.object_type = ? AND v.object_id = ? AND (? IS NULL OR v.state = ?)
         ORDER BY v.number DESC LIMIT 1`,
      )
      .get(type, id, state ?? null, state ?? null) as VersionRow | undefined
    return row && toVersion(row)
  }

  create(
    type: ApprovableType,
    id: string,
    body: unknown,
    authors: readonly string[],
    submittedBy: string,
    comment: string | null,
  ): Version {
    const number =
      (this.db
        .prepare('SELECT max(number) FROM versions WHERE object_type = ? AND object_id = ?')
        .pluck()
        .get(type, id) as number | null) ?? 0
    this.db
      .prepare(
        `INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at, comment)
         VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?, ?)`,
      )
      .run(
        type,
        id,
        number + 1,
        body === null ? null : JSON.stringify(body),
        JSON.stringify([...new Set(authors)].sort()),
        submittedBy,
        isoAt(this.clock()),
        comment,
      )
    return this.get(type, id, number + 1)
  }

  decide(
    type: ApprovableType,
    id: string,
    number: number,
    state: 'approved' | 'rejected',
    decidedBy: string,
    comment: string | null,
    override: { reason: string; findings: readonly LegibilityFinding[] } | null = null,
  ): Version {
    this.db
      .prepare(
        `UPDATE versions SET state = ?, decided_by = ?, decided_at = ?, comment = coalesce(?, comment),
           legibility_override = ?, legibility_findings = ?
         WHERE object_type = ? AND object_id = ? AND number = ? AND state = 'submitted'`,
      )
      .run(
        state,
        decidedBy,
        isoAt(this.clock()),
        comment,
        override?.reason ?? null,
        override ? JSON.stringify(override.findings) : null,
        type,
        id,
        number,
      )
    return this.get(type, id, number)
  }

  /** The version on air, with its body; undefined when none is, or the live one is a withdrawal. */
  live<Body>(type: ApprovableType, id: string): LiveVersion<Body> | undefined {
    const row = this.db
      .prepare(
        `SELECT v.number, v.body, l.live_at FROM live_versions l JOIN versions v
           ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
         WHERE l.object_type = ? AND l.object_id = ?`,
      )
      .get(type, id) as { number: number; body: string | null; live_at: string } | undefined
    if (!row || row.body === null) return undefined
    return { number: row.number, body: JSON.parse(row.body) as Body, liveAt: row.live_at }
  }

  /** Every object of a kind that has a body on air, with it. */
  allLive<Body>(type: ApprovableType): (LiveVersion<Body> & { id: string })[] {
    const rows = this.db
      .prepare(
        `SELECT l.object_id AS id, v.number, v.body, l.live_at FROM live_versions l JOIN versions v
           ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
         WHERE l.object_type = ? AND v.body IS NOT NULL ORDER BY l.object_id`,
      )
      .all(type) as { id: string; number: number; body: string; live_at: string }[]
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      body: JSON.parse(r.body) as Body,
      liveAt: r.live_at,
    }))
  }

  liveNumber(type: ApprovableType, id: string): { number: number; liveAt: string } | undefined {
    const row = this.db
      .prepare('SELECT number, live_at FROM live_versions WHERE object_type = ? AND object_id = ?')
      .get(type, id) as { number: number; live_at: string } | undefined
    return row && { number: row.number, liveAt: row.live_at }
  }

  /** Puts an approved version on air (the database refuses any other). */
  setLive(type: ApprovableType, id: string, number: number): void {
    this.db
      .prepare(
        `INSERT INTO live_versions (object_type, object_id, number, live_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (object_type, object_id) DO UPDATE SET number = excluded.number, live_at = excluded.live_at`,
      )
      .run(type, id, number, isoAt(this.clock()))
  }

  /** The object was deleted: nothing of it stays on air or due; its versions stay, as history. */
  forget(type: ApprovableType, id: string): void {
    this.db.prepare('DELETE FROM live_versions WHERE object_type = ? AND object_id = ?').run(type, id)
    this.db.prepare('DELETE FROM draft_authors WHERE object_type = ? AND object_id = ?').run(type, id)
    this.db
      .prepare(
        `UPDATE publications SET status = 'cancelled', done_at = ?
         WHERE object_type = ? AND object_id = ? AND status = 'pending'`,
      )
      .run(isoAt(this.clock()), type, id)
  }

  touchDraft(type: ApprovableType, id: string, userId: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO draft_authors (object_type, object_id, user_id) VALUES (?, ?, ?)')
      .run(type, id, userId)
  }

  /** Who edited the draft since its last submission; cleared by `takeDraftAuthors`. */
  takeDraftAuthors(type: ApprovableType, id: string): string[] {
    const ids = this.db
      .prepare('SELECT user_id FROM draft_authors WHERE object_type = ? AND object_id = ? ORDER BY user_id')
      .pluck()
      .all(type, id) as string[]
    this.db.prepare('DELETE FROM draft_authors WHERE object_type = ? AND object_id = ?').run(type, id)
    return ids
  }

  listPublications(type: ApprovableType, id: string): Publication[] {
    return (
      this.db
        .prepare('SELECT * FROM publications WHERE object_type = ? AND object_id = ? ORDER BY publish_at, id')
        .all(type, id) as PublicationRow[]
    ).map(toPublication)
  }

  schedulePublication(type: ApprovableType, id: string, number: number, at: number): Publication {
    const pid = newId('pub')
    this.db
      .prepare(
        `INSERT INTO publications (id, object_type, object_id, number, publish_at, status, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(pid, type, id, number, isoAt(at), isoAt(this.clock()))
    return toPublication(
      this.db.prepare('SELECT * FROM publications WHERE id = ?').get(pid) as PublicationRow,
    )
  }

  duePublications(now: number): Publication[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM publications WHERE status = 'pending' AND publish_at <= ? ORDER BY publish_at, id",
        )
        .all(isoAt(now)) as PublicationRow[]
    ).map(toPublication)
  }

  setPublicationStatus(id: string, status: 'done' | 'cancelled'): void {
    this.db
      .prepare('UPDATE publications SET status = ?, done_at = ? WHERE id = ?')
      .run(status, isoAt(this.clock()), id)
  }
}
