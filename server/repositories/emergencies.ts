import { EMERGENCY_DURATION_MS_MAX } from '@playlists/limits'
import type { CapOrigin } from '@playlists/schemas/cap'
import type { Emergency, EmergencyInput, EmergencyTargets } from '@playlists/schemas/emergency'
import type { TrilingualText } from '@playlists/schemas/text'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'

interface EmergencyRow {
  id: string
  text: string
  targets: string
  screens: string
  starts_at: string
  expires_at: string
  cleared_at: string | null
  created_at: string
  created_by: string
  approved_by: string | null
  approved_at: string | null
  cap_message_id: string | null
  confirm_by: string | null
}

interface OriginRow {
  source_id: string
  source_name: string
  sender: string
  identifier: string
  sent: string
  status: CapOrigin['status']
  msg_type: string
  event: string | null
  severity: CapOrigin['severity'] | null
  urgency: CapOrigin['urgency'] | null
  certainty: CapOrigin['certainty'] | null
}

/** What a CAP source's message creates: its text, reach and times, and whether it airs at once. */
export interface CapEmergency {
  text: TrilingualText
  sites: string[]
  screens: string[]
  startsAtMs: number
  endsAtMs: number
  capMessageId: string
  /** Set for break-glass: on air now, withdrawn at this instant unless a second approver confirms. */
  confirmByMs: number | null
}

/** The sender a CAP source's messages are created by: no person, so every person may approve them. */
export const capSender = (sourceId: string) => `cap:${sourceId}`

const toEmergency = (r: EmergencyRow): Emergency => ({
  id: r.id,
  text: JSON.parse(r.text) as TrilingualText,
  targets: JSON.parse(r.targets) as EmergencyTargets,
  screens: JSON.parse(r.screens) as string[],
  startsAt: r.starts_at,
  expiresAt: r.expires_at,
  clearedAt: r.cleared_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
})

/** Emergency messages, kept forever: they are part of the record of what screens showed. */
export class EmergenciesRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): Emergency[] {
    return (
      this.db.prepare('SELECT * FROM emergencies ORDER BY created_at DESC, id').all() as EmergencyRow[]
    ).map((r) => this.toEmergency(r))
  }

  /** The message, with where it came from when a CAP source brought it. */
  private toEmergency(r: EmergencyRow): Emergency {
    const emergency = toEmergency(r)
    if (r.cap_message_id === null) return emergency
    const o = this.db
      .prepare(
        `SELECT m.source_id, s.name AS source_name, m.sender, m.identifier, m.sent, m.status, m.msg_type,
           m.event, m.severity, m.urgency, m.certainty
         FROM cap_messages m JOIN cap_sources s ON s.id = m.source_id WHERE m.id = ?`,
      )
      .get(r.cap_message_id) as OriginRow | undefined
    if (!o) return emergency
    emergency.cap = {
      sourceId: o.source_id,
      sourceName: o.source_name,
      sender: o.sender,
      identifier: o.identifier,
      sent: o.sent,
      status: o.status,
      msgType: o.msg_type,
      event: o.event ?? '',
      severity: o.severity ?? 'Unknown',
      urgency: o.urgency ?? 'Unknown',
      certainty: o.certainty ?? 'Unknown',
      confirmBy: r.confirm_by,
    }
    return emergency
  }

  get(id: string): Emergency {
    const row = this.db.prepare('SELECT * FROM emergencies WHERE id = ?').get(id) as EmergencyRow | undefined
    if (!row) throw notFound('emergency.not-found', 'Emergency message', id)
    return this.toEmergency(row)
  }

  /** Approved, not cleared and not yet expired at `now`: what documents must carry. */
  openFor(screenId: string, now: number): Emergency[] {
    const rows = this.db
      .prepare(
        `SELECT e.* FROM emergencies e, json_each(e.screens) s
         WHERE e.cleared_at IS NULL AND e.approved_at IS NOT NULL AND e.expires_at > ? AND s.value = ?
         ORDER BY e.starts_at, e.id`,
      )
      .all(isoAt(now), screenId) as EmergencyRow[]
    return rows.map((r) => this.toEmergency(r))
  }

  /**
   * Messages that ended (expired or cleared) and whose screens have not been republished since:
   * the expiry job republishes them, then marks them retired.
   */
  endedUnretired(now: number): Emergency[] {
    const rows = this.db
      .prepare('SELECT * FROM emergencies WHERE retired = 0 AND (expires_at <= ? OR cleared_at IS NOT NULL)')
      .all(isoAt(now)) as EmergencyRow[]
    return rows.map((r) => this.toEmergency(r))
  }

  /** Break-glass messages still on air whose second approver did not come in time. */
  unconfirmedBreakGlass(now: number): Emergency[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM emergencies
         WHERE confirm_by IS NOT NULL AND confirm_by <= ? AND cleared_at IS NULL AND expires_at > ?`,
      )
      .all(isoAt(now), isoAt(now)) as EmergencyRow[]
    return rows.map((r) => this.toEmergency(r))
  }

  /** The open (not cleared) messages a CAP message created, for its Update or Cancel. */
  openForCapMessages(messageIds: readonly string[]): Emergency[] {
    const find = this.db.prepare('SELECT * FROM emergencies WHERE cap_message_id = ? AND cleared_at IS NULL')
    return messageIds.flatMap((id) => (find.all(id) as EmergencyRow[]).map((r) => this.toEmergency(r)))
  }

  /** A message a CAP source brought: waiting for approval, or on air at once (break-glass). */
  createFromCap(sourceId: string, input: CapEmergency): Emergency {
    const now = this.clock()
    const id = newId('em')
    const airs = input.confirmByMs !== null
    this.db
      .prepare(
        `INSERT INTO emergencies (id, text, targets, screens, starts_at, expires_at, created_at, created_by,
           approved_by, approved_at, cap_message_id, confirm_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
      )
      .run(
        id,
        JSON.stringify(input.text),
        JSON.stringify({ sites: input.sites }),
        JSON.stringify(input.screens),
        isoAt(input.startsAtMs),
        isoAt(input.endsAtMs),
        isoAt(now),
        capSender(sourceId),
        airs ? isoAt(now) : null,
        input.capMessageId,
        airs ? isoAt(input.confirmByMs as number) : null,
      )
    return this.get(id)
  }

  retire(id: string): void {
    this.db.prepare('UPDATE emergencies SET retired = 1 WHERE id = ?').run(id)
  }

  /** A new message from `createdBy`; it airs at once only when `selfApproved`, else it waits for `approve`. */
  create(input: EmergencyInput, screens: string[], createdBy: string, selfApproved: boolean): Emergency {
    const now = this.clock()
    const startsAt = input.startsAt ? Date.parse(input.startsAt) : now
    const expiresAt = Date.parse(input.expiresAt)
    if (expiresAt <= Math.max(startsAt, now)) {
      throw refuse('emergency.expiry', 'expiresAt must be in the future and after startsAt.', {
        details: [{ field: 'expiresAt' }],
      })
    }
    if (expiresAt - startsAt > EMERGENCY_DURATION_MS_MAX) {
      throw refuse(
        'emergency.too-long',
        `An emergency message may last at most ${EMERGENCY_DURATION_MS_MAX / 86_400_000} days; set an earlier expiresAt.`,
        { details: [{ field: 'expiresAt' }], params: { maxDays: EMERGENCY_DURATION_MS_MAX / 86_400_000 } },
      )
    }
    if (screens.length === 0)
      throw refuse('emergency.reaches-none', 'targets: the message would reach no screen.', {
        details: [{ field: 'targets' }],
      })
    const id = newId('em')
    this.db
      .prepare(
        `INSERT INTO emergencies (id, text, targets, screens, starts_at, expires_at, created_at, created_by,
           approved_by, approved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        JSON.stringify(input.text),
        JSON.stringify(input.targets),
        JSON.stringify(screens),
        isoAt(startsAt),
        isoAt(expiresAt),
        isoAt(now),
        createdBy,
        selfApproved ? createdBy : null,
        selfApproved ? isoAt(now) : null,
      )
    return this.get(id)
  }

  approve(id: string, approvedBy: string): Emergency {
    const e = this.get(id)
    // A break-glass message is on air already: the second approver confirms it, which keeps it there.
    if (e.cap?.confirmBy && e.approvedBy === null && !e.clearedAt) {
      // Past its deadline it is being withdrawn (the job runs every few seconds): too late to keep it.
      if (Date.parse(e.cap.confirmBy) <= this.clock())
        throw refuse(
          'cap.confirm-late',
          `Emergency message "${id}" was not confirmed by ${e.cap.confirmBy}.`,
          {
            params: { id, confirmBy: e.cap.confirmBy },
          },
        )
      this.db
        .prepare('UPDATE emergencies SET approved_by = ?, confirm_by = NULL WHERE id = ?')
        .run(approvedBy, id)
      return this.get(id)
    }
    if (e.approvedAt)
      throw refuse(
        'emergency.approved',
        `Emergency message "${id}" was already approved by ${e.approvedBy}.`,
        {
          params: { id, ...(e.approvedBy === null ? {} : { approvedBy: e.approvedBy }) },
        },
      )
    if (e.clearedAt)
      throw refuse('emergency.cleared', `Emergency message "${id}" was cleared at ${e.clearedAt}.`, {
        params: { id, clearedAt: e.clearedAt },
      })
    if (Date.parse(e.expiresAt) <= this.clock())
      throw refuse('emergency.expired', `Emergency message "${id}" has expired.`, {
        params: { id, expiresAt: e.expiresAt },
      })
    this.db
      .prepare('UPDATE emergencies SET approved_by = ?, approved_at = ? WHERE id = ?')
      .run(approvedBy, isoAt(this.clock()), id)
    return this.get(id)
  }

  clear(id: string): Emergency {
    const e = this.get(id)
    if (e.clearedAt)
      throw refuse('emergency.cleared', `Emergency message "${id}" was already cleared at ${e.clearedAt}.`, {
        params: { id, clearedAt: e.clearedAt },
      })
    this.db.prepare('UPDATE emergencies SET cleared_at = ? WHERE id = ?').run(isoAt(this.clock()), id)
    return this.get(id)
  }
}
