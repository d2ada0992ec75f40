import Type, { type Static } from 'typebox'
import { COMMENT_CHARS_MAX } from '../limits'
import { Timestamp } from './common'
import { LegibilityFinding, LegibilityOverride } from './legibility'
import { VersionNumber } from './numbers'

/**
 * Four-eyes approval, the same for playlists, schedule entries, layouts, feeds (a feed's
 * version is its source and policy: what it may put on air) and datasets (columns, rows and
 * policy): the draft is what
 * editors change; submitting freezes it as the next numbered version; someone who is not among
 * the version's authors approves or rejects it; only approved versions go on air, now, at a set
 * instant, or again later by rollback. Versions never change once written.
 */
export const APPROVABLE_TYPES = ['playlist', 'schedule', 'layout', 'feed', 'dataset'] as const
export type ApprovableType = (typeof APPROVABLE_TYPES)[number]
export const ApprovableTypeSchema = Type.Union([
  Type.Literal('playlist'),
  Type.Literal('schedule'),
  Type.Literal('layout'),
  Type.Literal('feed'),
  Type.Literal('dataset'),
])

export const VersionState = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
])
export type VersionState = Static<typeof VersionState>

const Comment = Type.String({
  maxLength: COMMENT_CHARS_MAX,
  description: `At most ${COMMENT_CHARS_MAX} characters`,
})

export const VersionSummary = Type.Object({
  objectType: ApprovableTypeSchema,
  objectId: Type.String(),
  number: Type.Integer({ minimum: 1 }),
  state: VersionState,
  /** True for a withdrawal: once on air, the object is off every screen. */
  withdrawal: Type.Boolean(),
  /** User ids of everyone who changed the draft since the previous submission, and the submitter. */
  authors: Type.Array(Type.String()),
  submittedBy: Type.String(),
  submittedAt: Timestamp,
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Timestamp, Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  /** Why the approver let it air despite legibility findings (README "Legibility"); null when none. */
  legibilityOverride: Type.Union([Type.String(), Type.Null()]),
  /** The findings that approver overrode, as the check saw them then. */
  legibilityFindings: Type.Union([Type.Array(LegibilityFinding), Type.Null()]),
  /** This is the version on air now. */
  live: Type.Boolean(),
})
export type VersionSummary = Static<typeof VersionSummary>

export const Version = Type.Object({
  ...VersionSummary.properties,
  /** The object as submitted (null for a withdrawal). */
  body: Type.Unknown(),
})
export type Version = Static<typeof Version>

export const SubmitInput = Type.Object(
  {
    /** Submit taking the object off the air instead of its draft (e.g. to retire a schedule entry). */
    withdraw: Type.Optional(Type.Boolean()),
    comment: Type.Optional(Comment),
  },
  { additionalProperties: false },
)
export type SubmitInput = Static<typeof SubmitInput>

export const ApproveInput = Type.Object(
  {
    comment: Type.Optional(Comment),
    /** Approve although slides fail the legibility check, saying why (kept with the approval, audited). */
    legibilityOverride: Type.Optional(LegibilityOverride),
  },
  { additionalProperties: false },
)
export type ApproveInput = Static<typeof ApproveInput>
export const RejectInput = Type.Object(
  { comment: Type.String({ ...Comment, minLength: 1, description: 'Why: the author reads this' }) },
  { additionalProperties: false },
)

export const PublishInput = Type.Object(
  {
    /** An approved version; the latest approved one when left out. */
    version: Type.Optional(VersionNumber()),
    /** When to go on air; leave out (or give a past instant) to publish now. */
    at: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
)
export type PublishInput = Static<typeof PublishInput>

export const RollbackInput = Type.Object(
  { version: VersionNumber(), comment: Type.Optional(Comment) },
  { additionalProperties: false },
)

export const Publication = Type.Object({
  id: Type.String(),
  objectType: ApprovableTypeSchema,
  objectId: Type.String(),
  version: Type.Integer(),
  publishAt: Timestamp,
  status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('cancelled')]),
  doneAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
})
export type Publication = Static<typeof Publication>

export const DiffChange = Type.Object({
  /** Where, as a JSON-pointer-like path with list entries named by id: `items/s2/durationMs`. */
  path: Type.String(),
  change: Type.Union([
    Type.Literal('added'),
    Type.Literal('removed'),
    Type.Literal('changed'),
    Type.Literal('reordered'),
  ]),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
})
export type DiffChange = Static<typeof DiffChange>

export const Diff = Type.Object({
  from: Type.Union([Type.Integer(), Type.Literal('draft')]),
  to: Type.Union([Type.Integer(), Type.Literal('draft')]),
  changes: Type.Array(DiffChange),
})
export type Diff = Static<typeof Diff>

export const VersionRef = Type.Union([Type.Literal('draft'), Type.String({ pattern: '^[1-9][0-9]{0,8}$' })], {
  description: 'A version number, or "draft"',
})

/** A version put on air, and the screens that received a new document version. */
export const OnAir = Type.Object({
  version: VersionSummary,
  /** Screens that received a new document version. */
  screens: Type.Array(Type.Object({ screenId: Type.String(), version: Type.Integer(), hash: Type.String() })),
})

/** A change set on air: its versions, and the screens that received a new document version. */
export const ChangeSet = Type.Object({
  versions: Type.Array(VersionSummary),
  screens: OnAir.properties.screens,
})
