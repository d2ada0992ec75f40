import Type, { type Static } from 'typebox'
import { ApprovableTypeSchema, VersionSummary } from './approval'
import { Id, Timestamp } from './common'
import { PageOf, type PageSizes, pageQuery } from './paging'
import { Companion } from './reach'

/**
 * The approvals queue: versions of every approvable kind in one list, for the console's
 * approvals page. `waiting` is what still needs someone (a decision, or putting an approved
 * version on air); `mine` is what the caller wrote or submitted, whatever became of it; `all`
 * is the whole history, newest first.
 */
export const QUEUE_VIEWS = ['waiting', 'mine', 'all'] as const
export type QueueView = (typeof QUEUE_VIEWS)[number]

/** A page of the queue holds at most this many versions: one screenful to review, never thousands. */
export const QUEUE_PAGE_MAX = 100
export const QUEUE_PAGE_SIZES: PageSizes = { max: QUEUE_PAGE_MAX, default: 20 }

export const ApprovalQueueQuery = Type.Object(
  {
    view: Type.Optional(
      Type.Union([Type.Literal('waiting'), Type.Literal('mine'), Type.Literal('all')], {
        description: 'waiting (default): submitted, or approved and not on air yet; mine; all',
      }),
    ),
    type: Type.Optional(ApprovableTypeSchema),
    /** One object's versions (with `type`): its history, as the queue shows it. */
    objectId: Type.Optional(Id),
    /** One version of it (with `type` and `objectId`). */
    number: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,8}$' })),
    ...pageQuery(QUEUE_PAGE_SIZES),
  },
  { additionalProperties: false },
)
export type ApprovalQueueQuery = Static<typeof ApprovalQueueQuery>

export const QueueEntry = Type.Object({
  ...VersionSummary.properties,
  /** The object's name in this version (for a withdrawal, in its latest version with a body). */
  name: Type.String(),
  submittedByName: Type.String(),
  /** The display names of `authors`, in the same order. */
  authorNames: Type.Array(Type.String()),
  decidedByName: Type.Union([Type.String(), Type.Null()]),
  /** The object's version on air now, if any: what a reviewer compares this one with. */
  liveNumber: Type.Union([Type.Integer(), Type.Null()]),
  /** Set when this version is due to go on air at a later instant. */
  publishAt: Type.Union([Timestamp, Type.Null()]),
  /** Screens whose content this version would change (as things stand now), for the preview. */
  screens: Type.Array(Id),
  /** The media this version shows (a playlist's pictures, videos and slide backgrounds), for thumbnails. */
  media: Type.Array(Id),
  /** Waiting versions of other objects this one needs to reach a screen: published together, or in order. */
  companions: Type.Array(Companion),
})
export type QueueEntry = Static<typeof QueueEntry>

export const ApprovalQueuePage = PageOf(QueueEntry)
export type ApprovalQueuePage = Static<typeof ApprovalQueuePage>
