import Type, { type Static } from 'typebox'
import { ApprovableTypeSchema } from './approval'
import { Id } from './common'
import { VersionNumber } from './numbers'

/**
 * Which screens a version reaches once on air, and the versions waiting beside it that it needs
 * (issue 17): a playlist approved before the schedule entry that plays it reaches no screen, and
 * publishing it alone changes nothing a person sees. The console's publish confirmation lists the
 * screens and, when there are none, says why and offers to publish the pair together.
 */

/** A screen a change reaches, with what the preview needs: its panel's size. */
export const ReachedScreen = Type.Object({
  id: Id,
  name: Type.String(),
  siteId: Id,
  width: Type.Integer({ minimum: 1 }),
  height: Type.Integer({ minimum: 1 }),
})
export type ReachedScreen = Static<typeof ReachedScreen>

/**
 * A version of another object, not on air yet, that this one goes with: the schedule entry
 * waiting to play a playlist that no screen shows yet, or the playlist not yet on air that a
 * schedule entry plays.
 */
export const Companion = Type.Object({
  objectType: ApprovableTypeSchema,
  objectId: Id,
  number: Type.Integer({ minimum: 1 }),
  /** The object's name in that version. */
  name: Type.String(),
  /** Submitted (a decision is still needed) or approved (it may go on air). */
  state: Type.Union([Type.Literal('submitted'), Type.Literal('approved')]),
  /** Screens the two versions reach once both are on air. */
  screens: Type.Array(Id),
})
export type Companion = Static<typeof Companion>

export const Reach = Type.Object({
  /** Screens whose content changes when this version goes on air, as things stand now; may be none. */
  screens: Type.Array(ReachedScreen),
  /** Versions waiting beside this one that it needs to reach a screen (see Companion). */
  companions: Type.Array(Companion),
})
export type Reach = Static<typeof Reach>

/**
 * Versions published together at most: a change spans a playlist, the schedule entries that play
 * it and perhaps a layout; ten is generous and keeps the publish one short transaction.
 */
export const CHANGE_SET_MAX = 10

export const ChangeSetVersion = Type.Object(
  { type: ApprovableTypeSchema, id: Id, number: VersionNumber() },
  { additionalProperties: false },
)
export type ChangeSetVersion = Static<typeof ChangeSetVersion>

/** `POST /api/approvals/change-set`: approved versions of different objects, on air in one step. */
export const ChangeSetInput = Type.Object(
  {
    versions: Type.Array(ChangeSetVersion, {
      minItems: 1,
      maxItems: CHANGE_SET_MAX,
      description: `1–${CHANGE_SET_MAX} approved versions, each of a different object`,
    }),
  },
  { additionalProperties: false },
)
export type ChangeSetInput = Static<typeof ChangeSetInput>
