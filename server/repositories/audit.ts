import type { AuditEntry } from '@playlists/schemas/audit'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'

interface AuditRow {
  seq: number
  at: string
  actor_kind: AuditEntry['actor']['kind']
  actor_id: string | null
  actor_name: string | null
  via: string | null
  action: string
  object_type: string | null
  object_id: string | null
  outcome: AuditEntry['outcome']
  ip: string | null
  user_agent: string | null
  before: string | null
  after: string | null
  detail: string | null
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json))

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
  via: r.via,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  outcome: r.outcome,
  ip: r.ip,
  userAgent: r.user_agent,
  before: parse(r.before),
  after: parse(r.after),
  detail: r.detail,
})

export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'at'>

export interface AuditFilter {
  actor?: string
  objectType?: string
  objectId?: string
  action?: string
  outcome?: AuditEntry['outcome']
  from?: number
  to?: number
  before?: number
  limit: number
}

/** Fields whose values never enter the log, wherever they appear in a before/after snapshot. */
const SECRET_FIELDS =
  /^(password|passwordHash|currentPassword|newPassword|secret|token|cookie|authorization)$/i

export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  // A secret is text; an object under such a name (a token's description) is walked like any other.
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELDS.test(k) && typeof v === 'string' ? '[redacted]' : withoutSecrets(v)
  }
  return out
}

/**
 * The append-only audit log. There is no update or delete here, and the database refuses both
 * (triggers in migration 8). Entries are read newest first.
 */
export class AuditRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  append(entry: NewAuditEntry): number {
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(withoutSecrets(v)))
    return Number(
      this.db
        .prepare(
          `INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, via, action, object_type, object_id,
             outcome, ip, user_agent, before, after, detail)
           VALUES (@at, @actorKind, @actorId, @actorName, @via, @action, @objectType, @objectId,
             @outcome, @ip, @userAgent, @before, @after, @detail)`,
        )
        .run({
          at: isoAt(this.clock()),
          actorKind: entry.actor.kind,
          actorId: entry.actor.id,
          actorName: entry.actor.name,
          via: entry.via,
          action: entry.action,
          objectType: entry.objectType,
          objectId: entry.objectId,
          outcome: entry.outcome,
          ip: entry.ip,
          userAgent: entry.userAgent?.slice(0, 300) ?? null,
          before: json(entry.before),
          after: json(entry.after),
          detail: entry.detail?.slice(0, 2_000) ?? null,
        }).lastInsertRowid,
    )
  }

  query(f: AuditFilter): AuditEntry[] {
    const where: string[] = []
    const params: Record<string, unknown> = { limit: f.limit }
    if (f.actor !== undefined) {
      where.push('(actor_id = @actor OR actor_name = @actor)')
      params.actor = f.actor
    }
    if (f.objectType !== undefined) {
      where.push('object_type = @objectType')
      params.objectType = f.objectType
    }
    if (f.objectId !== undefined) {
      where.push('object_id = @objectId')
      params.objectId = f.objectId
    }
    if (f.action !== undefined) {
      // "playlist." means every playlist action; anything else is one action exactly.
      if (f.action.endsWith('.')) {
        where.push('substr(action, 1, length(@action)) = @action')
      } else where.push('action = @action')
      params.action = f.action
    }
    if (f.outcome !== undefined) {
      where.push('outcome = @outcome')
      params.outcome = f.outcome
    }
    if (f.from !== undefined) {
      where.push('at >= @from')
      params.from = isoAt(f.from)
    }
    if (f.to !== undefined) {
      where.push('at < @to')
      params.to = isoAt(f.to)
    }
    if (f.before !== undefined) {
      where.push('seq < @before')
      params.before = f.before
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY seq DESC LIMIT @limit`
    return (this.db.prepare(sql).all(params) as AuditRow[]).map(toEntry)
  }
}
