import Type, { type Static, type TLiteral, type TUnion } from 'typebox'
import { CAP_CERTAINTIES, CAP_MSG_TYPES, CAP_SEVERITIES, CAP_STATUSES, CAP_URGENCIES } from '../cap/values'
import { Id, Name, Timestamp } from './common'
import { ErrorParams } from './error-codes'
import { LiteralUnion } from './union'

export { CAP_CERTAINTIES, CAP_MSG_TYPES, CAP_SEVERITIES, CAP_STATUSES, CAP_URGENCIES }

/**
 * Official alerts in the OASIS Common Alerting Protocol 1.2 (issue 19 point 3). The server
 * validates each `<alert>` against the standard's schema and reads it into `CapAlert`; what the
 * alert becomes on screen is decided by the pure rules in playlists/cap/, from the source's
 * policy and `now`.
 */

const oneOf = LiteralUnion

export const CapStatus = oneOf(CAP_STATUSES)
export type CapStatus = (typeof CAP_STATUSES)[number]
export type CapMsgType = (typeof CAP_MSG_TYPES)[number]
export const CapUrgency = oneOf(CAP_URGENCIES)
export type CapUrgency = (typeof CAP_URGENCIES)[number]
export const CapSeverity = oneOf(CAP_SEVERITIES)
export type CapSeverity = (typeof CAP_SEVERITIES)[number]
export const CapCertainty = oneOf(CAP_CERTAINTIES)
export type CapCertainty = (typeof CAP_CERTAINTIES)[number]

/** A point as CAP writes it: WGS 84 latitude, longitude in decimal degrees. */
export interface CapPoint {
  lat: number
  lon: number
}

export interface CapArea {
  areaDesc: string
  /** Closed rings of at least four points, first equal to last (CAP 1.2 §3.2.4). */
  polygons: CapPoint[][]
  circles: { centre: CapPoint; radiusKm: number }[]
  geocodes: { valueName: string; value: string }[]
}

export interface CapInfo {
  /** RFC 3066 tag as sent, `en-US` when the element is absent (the schema's default). */
  language: string
  event: string
  urgency: CapUrgency
  severity: CapSeverity
  certainty: CapCertainty
  senderName?: string
  headline?: string
  description?: string
  instruction?: string
  effective?: string
  onset?: string
  expires?: string
  areas: CapArea[]
}

/** An earlier message named in `<references>`: CAP identifies a message by the three together. */
export interface CapReference {
  sender: string
  identifier: string
  sent: string
}

export interface CapAlert {
  identifier: string
  sender: string
  /** As sent, with its offset: a reference must repeat it exactly. */
  sent: string
  status: CapStatus
  msgType: CapMsgType
  scope: 'Public' | 'Restricted' | 'Private'
  references: CapReference[]
  infos: CapInfo[]
}

/** What a source does with Exercise and Test messages: shown marked as an exercise, or not at all. */
export const CapExercisePolicy = Type.Union([Type.Literal('mark'), Type.Literal('hide')])
export type CapExercisePolicy = Static<typeof CapExercisePolicy>

/** Four hours: an alert on air unconfirmed for longer is no longer "break-glass", it is unapproved. */
export const CAP_CONFIRM_MINUTES_MAX = 240
/** How long an alert without `<expires>` may stay: five minutes at least, a week at most. */
export const CAP_DEFAULT_MINUTES_MIN = 5
export const CAP_DEFAULT_MINUTES_MAX = 7 * 24 * 60

/** An alert whose every value is in these lists goes on air at once, before a second approver. */
export const CapBreakGlass = Type.Object(
  {
    severities: Type.Array(CapSeverity, { minItems: 1, maxItems: 5, uniqueItems: true }),
    urgencies: Type.Array(CapUrgency, { minItems: 1, maxItems: 5, uniqueItems: true }),
    certainties: Type.Array(CapCertainty, { minItems: 1, maxItems: 5, uniqueItems: true }),
    /** A second approver must confirm within this time, or the message is withdrawn. */
    confirmWithinMinutes: Type.Integer({ minimum: 1, maximum: CAP_CONFIRM_MINUTES_MAX }),
  },
  { additionalProperties: false },
)
export type CapBreakGlass = Static<typeof CapBreakGlass>

const GeocodeValue = Type.String({ minLength: 1, maxLength: 100 })

export const CapPolicy = Type.Object(
  {
    exercises: CapExercisePolicy,
    /** Sites that receive every alert of this source, whatever its areas say. */
    sites: Type.Array(Id, { maxItems: 100, uniqueItems: true }),
    /** Geocodes (e.g. an administrative code) mapped to sites: an area naming one reaches them. */
    geocodes: Type.Array(
      Type.Object(
        {
          valueName: GeocodeValue,
          value: GeocodeValue,
          sites: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
    /** How long an alert without `<expires>` stays on air. */
    defaultMinutes: Type.Integer({ minimum: CAP_DEFAULT_MINUTES_MIN, maximum: CAP_DEFAULT_MINUTES_MAX }),
    breakGlass: Type.Union([CapBreakGlass, Type.Null()]),
  },
  { additionalProperties: false },
)
export type CapPolicy = Static<typeof CapPolicy>

export const CapSourceMode = Type.Union([Type.Literal('pull'), Type.Literal('push')])
export type CapSourceMode = Static<typeof CapSourceMode>

/** Bounds of a pulled source's refresh: a minute is fast for official alerts, a day too slow. */
export const CAP_PULL_MINUTES_MIN = 1
export const CAP_PULL_MINUTES_MAX = 1440

const SourceUrl = Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://' })

export const CapSourceInput = Type.Object(
  {
    name: Name,
    mode: CapSourceMode,
    /** Required for a pulled source: a single alert or an Atom feed linking to alerts. */
    url: Type.Optional(SourceUrl),
    intervalMinutes: Type.Optional(
      Type.Integer({ minimum: CAP_PULL_MINUTES_MIN, maximum: CAP_PULL_MINUTES_MAX }),
    ),
    policy: CapPolicy,
  },
  { additionalProperties: false },
)
export type CapSourceInput = Static<typeof CapSourceInput>

/**
 * A source's changes. A pushed source is read back with `url` and `intervalMinutes` null (it has
 * none), so null is taken here too: "none", which only a pushed source may have.
 */
export const CapSourcePatch = Type.Object(
  {
    name: Type.Optional(Name),
    url: Type.Optional(Type.Union([SourceUrl, Type.Null()])),
    intervalMinutes: Type.Optional(
      Type.Union([
        Type.Integer({ minimum: CAP_PULL_MINUTES_MIN, maximum: CAP_PULL_MINUTES_MAX }),
        Type.Null(),
      ]),
    ),
    policy: Type.Optional(CapPolicy),
  },
  { additionalProperties: false },
)
export type CapSourcePatch = Static<typeof CapSourcePatch>

/**
 * Why a source's last fetch or delivered alert failed, as a code a console says in its reader's
 * language: the alert's own refusals (the same codes a pushing system is answered with), or the
 * fetch's (refused by the server's outbound rules, too slow, unreachable, an HTTP error).
 */
export const CAP_FAILURES = [
  'cap.too-large',
  'cap.malformed',
  'cap.doctype',
  'cap.not-cap',
  'cap.schema',
  'cap.too-many',
  'fetch.refused',
  'fetch.timeout',
  'fetch.network',
  'fetch.status',
] as const
export type CapFailure = (typeof CAP_FAILURES)[number]
export const CapFailureCode = Type.Union([
  Type.Literal('cap.too-large'),
  Type.Literal('cap.malformed'),
  Type.Literal('cap.doctype'),
  Type.Literal('cap.not-cap'),
  Type.Literal('cap.schema'),
  Type.Literal('cap.too-many'),
  Type.Literal('fetch.refused'),
  Type.Literal('fetch.timeout'),
  Type.Literal('fetch.network'),
  Type.Literal('fetch.status'),
]) satisfies TUnion<TLiteral<CapFailure>[]>
export const isCapFailure = (code: string): code is CapFailure =>
  (CAP_FAILURES as readonly string[]).includes(code)

export const CapSource = Type.Object({
  id: Id,
  name: Name,
  mode: CapSourceMode,
  url: Type.Union([Type.String(), Type.Null()]),
  intervalMinutes: Type.Union([Type.Integer(), Type.Null()]),
  policy: CapPolicy,
  lastFetchAt: Type.Union([Timestamp, Type.Null()]),
  /** When the last fetch or pushed alert failed, and why (the source keeps its last alerts). */
  lastErrorAt: Type.Union([Timestamp, Type.Null()]),
  /** The server's English sentence (for logs and API users). */
  lastError: Type.Union([Type.String(), Type.Null()]),
  /** The failure's code and the values its sentence names; null before migration 021 recorded them. */
  lastErrorCode: Type.Union([CapFailureCode, Type.Null()]),
  lastErrorParams: Type.Union([ErrorParams, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type CapSource = Static<typeof CapSource>

/** A push source's token, shown once when it is made. */
export const CapSourceCreated = Type.Object({
  source: CapSource,
  token: Type.Union([Type.String(), Type.Null()]),
})
export type CapSourceCreated = Static<typeof CapSourceCreated>

/**
 * emergency: waits for approval; break-glass: on air before its second approver; cancel: a
 * Cancel that withdrew what it referenced; ignored: nothing shown (`reason` says why).
 */
export const CAP_OUTCOMES = ['emergency', 'break-glass', 'cancel', 'ignored'] as const
export type CapOutcome = (typeof CAP_OUTCOMES)[number]

/** How CAP names a message (sender, identifier, sent) and what kind it is. */
const CapMessageKey = {
  sender: Type.String(),
  identifier: Type.String(),
  sent: Type.String(),
  status: CapStatus,
  msgType: Type.String(),
}

/** One message a source brought, and what became of it. */
export const CapReceived = Type.Object({
  id: Id,
  sourceId: Id,
  ...CapMessageKey,
  receivedAt: Timestamp,
  outcome: oneOf(CAP_OUTCOMES),
  /** Why it was ignored (a stable code), or null. */
  reason: Type.Union([Type.String(), Type.Null()]),
  emergencyId: Type.Union([Id, Type.Null()]),
})
export type CapReceived = Static<typeof CapReceived>

/** Where an emergency message came from, when a CAP source brought it: shown on its approval. */
export const CapOrigin = Type.Object({
  sourceId: Id,
  sourceName: Type.String(),
  ...CapMessageKey,
  event: Type.String(),
  severity: CapSeverity,
  urgency: CapUrgency,
  certainty: CapCertainty,
  /** On air before a second approver: withdrawn at `confirmBy` unless one confirms. */
  confirmBy: Type.Union([Timestamp, Type.Null()]),
})
export type CapOrigin = Static<typeof CapOrigin>

/** What became of each alert of a pushed document (`duplicate`: this source brought it before). */
export const CapResult = Type.Object({
  identifier: Type.String(),
  sent: Type.String(),
  outcome: oneOf([...CAP_OUTCOMES, 'duplicate'] as const),
  reason: Type.Union([Type.String(), Type.Null()]),
  emergencyId: Type.Union([Id, Type.Null()]),
})
export type CapResult = Static<typeof CapResult>

export const CapPushAnswer = Type.Object({ results: Type.Array(CapResult) })
export type CapPushAnswer = Static<typeof CapPushAnswer>
