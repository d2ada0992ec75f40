import type {
  CapAlert,
  CapFailure,
  CapOutcome,
  CapPolicy,
  CapReceived,
  CapSource,
  CapSourceInput,
  CapSourcePatch,
} from '@playlists/schemas/cap'
import type { ErrorParams } from '@playlists/schemas/error-codes'
import { newSecret, secretHash } from '../auth/secrets'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'

export interface CapSourceFailure {
  /** Null for a failure no code names (a bug rather than the source's doing): the text is all there is. */
  code: CapFailure | null
  message: string
  params?: ErrorParams
}

interface SourceRow {
  id: string
  name: string
  mode: 'pull' | 'push'
  url: string | null
  interval_minutes: number | null
  policy: string
  token_hash: string | null
  etag: string | null
  last_modified: string | null
  last_fetch_at: string | null
  last_error_at: string | null
  last_error: string | null
  last_error_code: CapFailure | null
  last_error_params: string | null
  created_at: string
  updated_at: string
}

interface MessageRow {
  id: string
  source_id: string
  sender: string
  identifier: string
  sent: string
  status: CapReceived['status']
  msg_type: string
  received_at: string
  outcome: CapOutcome
  reason: string | null
  emergency_id: string | null
}

const toSource = (r: SourceRow): CapSource => ({
  id: r.id,
  name: r.name,
  mode: r.mode,
  url: r.url,
  intervalMinutes: r.interval_minutes,
  policy: JSON.parse(r.policy) as CapPolicy,
  lastFetchAt: r.last_fetch_at,
  lastErrorAt: r.last_error_at,
  lastError: r.last_error,
  lastErrorCode: r.last_error_code,
  lastErrorParams: r.last_error_params === null ? null : JSON.parse(r.last_error_params),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const toReceived = (r: MessageRow): CapReceived => ({
  id: r.id,
  sourceId: r.source_id,
  sender: r.sender,
  identifier: r.identifier,
  sent: r.sent,
  status: r.status,
  msgType: r.msg_type,
  receivedAt: r.received_at,
  outcome: r.outcome,
  reason: r.reason,
  emergencyId: r.emergency_id,
})

/** Messages of a source shown at once: the recent ones; older ones stay in the table and the audit log. */
const RECEIVED_SHOWN = 200

/** Where official alerts come from, and every message each brought. */
export class CapSourcesRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): CapSource[] {
    return (this.db.prepare('SELECT * FROM cap_sources ORDER BY name, id').all() as SourceRow[]).map(toSource)
  }

  get(id: string): CapSource {
    return toSource(this.row(id))
  }

  private row(id: string): SourceRow {
    const row = this.db.prepare('SELECT * FROM cap_sources WHERE id = ?').get(id) as SourceRow | undefined
    if (!row) throw notFound('cap-source.not-found', 'Alert source', id)
    return row
  }

  /** The source, or undefined once deleted (a fetch under way checks it before recording anything). */
  find(id: string): CapSource | undefined {
    const row = this.db.prepare('SELECT * FROM cap_sources WHERE id = ?').get(id) as SourceRow | undefined
    return row && toSource(row)
  }

  /**
   * Deletes the source and the messages it brought. Refused (409 `cap-source.in-use`) while an
   * emergency it raised is open, waiting for approval or on screens until it expires: the
   * source's Update or Cancel of it could no longer arrive. The ended emergencies it raised keep
   * their text and history but no longer name the message (its row goes with the source); the
   * audit entry of the deletion keeps the source as it was. Its id is never given again.
   */
  delete(id: string, now: number): CapSource {
    return this.db.transaction(() => {
      const source = this.get(id)
      const open = this.db
        .prepare(
          `SELECT e.id FROM emergencies e JOIN cap_messages m ON m.id = e.cap_message_id
           WHERE m.source_id = ? AND e.cleared_at IS NULL AND e.expires_at > ? ORDER BY e.id`,
        )
        .pluck()
        .all(id, isoAt(now)) as string[]
      if (open.length > 0) {
        throw refuse(
          'cap-source.in-use',
          `Alert source "${id}" raised ${open.length} emergency message(s) still open (${open.join(', ')}); clear them or let them expire first.`,
          {
            details: { emergencies: open },
            params: { id, count: open.length, emergencies: open.join(', ') },
          },
        )
      }
      this.db
        .prepare(
          'UPDATE emergencies SET cap_message_id = NULL WHERE cap_message_id IN (SELECT id FROM cap_messages WHERE source_id = ?)',
        )
        .run(id)
      this.db.prepare('DELETE FROM cap_sources WHERE id = ?').run(id)
      return source
    })()
  }

  /** A new source; a pushed one gets its token, returned once and kept only as a digest. */
  create(input: CapSourceInput): { source: CapSource; token: string | null } {
    const id = newId('cap')
    const token = input.mode === 'push' ? newSecret('cap') : null
    const now = isoAt(this.clock())
    this.db
      .prepare(
        `INSERT INTO cap_sources (id, name, mode, url, interval_minutes, policy, token_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.name,
        input.mode,
        input.mode === 'pull' ? (input.url ?? null) : null,
        input.mode === 'pull' ? (input.intervalMinutes ?? null) : null,
        JSON.stringify(input.policy),
        token === null ? null : secretHash(token),
        now,
        now,
      )
    return { source: this.get(id), token }
  }

  update(id: string, patch: CapSourcePatch): CapSource {
    const before = this.get(id)
    const pull = before.mode === 'pull'
    const url = pull ? (patch.url ?? before.url) : null
    this.db
      .prepare(
        `UPDATE cap_sources SET name = ?, url = ?, interval_minutes = ?, policy = ?, updated_at = ?,
           etag = CASE WHEN url IS ? THEN etag END, last_modified = CASE WHEN url IS ? THEN last_modified END
         WHERE id = ?`,
      )
      .run(
        patch.name ?? before.name,
        url,
        pull ? (patch.intervalMinutes ?? before.intervalMinutes) : null,
        JSON.stringify(patch.policy ?? before.policy),
        isoAt(this.clock()),
        url,
        url,
        id,
      )
    return this.get(id)
  }

  /** A new push token; the old one stops working at once. */
  rotateToken(id: string): string {
    this.row(id)
    const token = newSecret('cap')
    this.db.prepare('UPDATE cap_sources SET token_hash = ? WHERE id = ?').run(secretHash(token), id)
    return token
  }

  /** The push source this token opens, if it is that source's token. */
  byToken(id: string, token: string): CapSource | undefined {
    const row = this.db
      .prepare("SELECT * FROM cap_sources WHERE id = ? AND mode = 'push' AND token_hash = ?")
      .get(id, secretHash(token)) as SourceRow | undefined
    return row && toSource(row)
  }

  /** The validators of the last answer, for a conditional request. */
  validators(id: string): { etag: string | null; lastModified: string | null } {
    const row = this.row(id)
    return { etag: row.etag, lastModified: row.last_modified }
  }

  /** Pulled sources whose interval has passed since their last fetch. */
  due(now: number): CapSource[] {
    const rows = this.db.prepare("SELECT * FROM cap_sources WHERE mode = 'pull'").all() as SourceRow[]
    return rows
      .filter(
        (r) =>
          r.last_fetch_at === null || Date.parse(r.last_fetch_at) + (r.interval_minutes ?? 0) * 60_000 <= now,
      )
      .map(toSource)
  }

  fetched(
    id: string,
    at: number,
    validators: { etag: string | null; lastModified: string | null } | null,
  ): void {
    if (validators)
      this.db
        .prepare('UPDATE cap_sources SET last_fetch_at = ?, etag = ?, last_modified = ? WHERE id = ?')
        .run(isoAt(at), validators.etag, validators.lastModified, id)
    else this.db.prepare('UPDATE cap_sources SET last_fetch_at = ? WHERE id = ?').run(isoAt(at), id)
  }

  /** The code and params beside the sentence: the console says it in its reader's language. */
  failed(id: string, at: number, failure: CapSourceFailure): void {
    this.db
      .prepare(
        `UPDATE cap_sources SET last_error_at = ?, last_error = ?, last_error_code = ?, last_error_params = ?
         WHERE id = ?`,
      )
      .run(
        isoAt(at),
        failure.message.slice(0, 1000),
        failure.code,
        failure.params === undefined ? null : JSON.stringify(failure.params),
        id,
      )
  }

  succeeded(id: string): void {
    this.db
      .prepare(
        `UPDATE cap_sources SET last_error_at = NULL, last_error = NULL, last_error_code = NULL,
           last_error_params = NULL
         WHERE id = ?`,
      )
      .run(id)
  }

  received(sourceId: string): CapReceived[] {
    this.row(sourceId)
    return (
      this.db
        .prepare('SELECT * FROM cap_messages WHERE source_id = ? ORDER BY received_at DESC, id LIMIT ?')
        .all(sourceId, RECEIVED_SHOWN) as MessageRow[]
    ).map(toReceived)
  }

  /** The message as this source already recorded it (CAP's key: sender, identifier, sent). */
  findMessage(
    sourceId: string,
    key: { sender: string; identifier: string; sent: string },
  ): CapReceived | undefined {
    const row = this.db
      .prepare(
        'SELECT * FROM cap_messages WHERE source_id = ? AND sender = ? AND identifier = ? AND sent = ?',
      )
      .get(sourceId, key.sender, key.identifier, key.sent) as MessageRow | undefined
    return row && toReceived(row)
  }

  record(sourceId: string, alert: CapAlert, outcome: CapOutcome, reason: string | null): string {
    const id = newId('capm')
    const info = alert.infos[0]
    this.db
      .prepare(
        `INSERT INTO cap_messages (id, source_id, sender, identifier, sent, status, msg_type, event, severity,
           urgency, certainty, received_at, outcome, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        sourceId,
        alert.sender,
        alert.identifier,
        alert.sent,
        alert.status,
        alert.msgType,
        info?.event ?? null,
        info?.severity ?? null,
        info?.urgency ?? null,
        info?.certainty ?? null,
        isoAt(this.clock()),
        outcome,
        reason,
      )
    return id
  }

  linkEmergency(messageId: string, emergencyId: string): void {
    this.db.prepare('UPDATE cap_messages SET emergency_id = ? WHERE id = ?').run(emergencyId, messageId)
  }
}
