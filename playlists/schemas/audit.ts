import Type, { type Static } from 'typebox'
import { AUDIT_PAGE_MAX } from '../limits'
import { Timestamp } from './common'
import { limitQuery, type PageSizes } from './paging'

export const ACTOR_KINDS = ['user', 'screen', 'system', 'anonymous'] as const
export const OUTCOMES = ['ok', 'denied', 'failed'] as const

const Outcome = Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')])

/** One line of the append-only audit log: who did what to which object, when, from where. */
export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Timestamp,
  actor: Type.Object({
    kind: Type.Union([
      Type.Literal('user'),
      Type.Literal('screen'),
      Type.Literal('system'),
      Type.Literal('anonymous'),
    ]),
    id: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
  }),
  /** session, token, screen-token, cli… */
  via: Type.Union([Type.String(), Type.Null()]),
  /** e.g. login, login.failed, playlist.update, playlist.approve, access.denied */
  action: Type.String(),
  objectType: Type.Union([Type.String(), Type.Null()]),
  objectId: Type.Union([Type.String(), Type.Null()]),
  outcome: Outcome,
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  detail: Type.Union([Type.String(), Type.Null()]),
})
export type AuditEntry = Static<typeof AuditEntry>

/** Entries per answer; the console's log reads 100 at a time. */
export const AUDIT_PAGE_SIZES: PageSizes = { max: AUDIT_PAGE_MAX, default: 100 }

const Text = Type.String({ minLength: 1, maxLength: 120 })

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Text),
    objectType: Type.Optional(Text),
    objectId: Type.Optional(Text),
    /** An action, or a prefix ending in "." (e.g. "playlist.") for a family of them. */
    action: Type.Optional(Text),
    outcome: Type.Optional(Outcome),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    /** Entries before this sequence number: the next page of a newest-first listing. */
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    ...limitQuery(AUDIT_PAGE_SIZES),
  },
  { additionalProperties: false },
)
export type AuditQuery = Static<typeof AuditQuery>
