import Type, { type Static } from 'typebox'
import { Id, Timestamp } from './common'

/**
 * Kinds of objects whose ids people choose. A deleted one's id is never given to another of its
 * kind: its versions, approvals, plays, emergency targets and audit entries are keyed by that id
 * and outlive it, and a newcomer under the same id would inherit them (migration 014).
 */
export const DeletableKind = Type.Union([
  Type.Literal('site'),
  Type.Literal('group'),
  Type.Literal('screen'),
  Type.Literal('playlist'),
  Type.Literal('schedule'),
  Type.Literal('layout'),
  Type.Literal('dataset'),
  Type.Literal('feed'),
  Type.Literal('cap-source'),
])
export type DeletableKind = Static<typeof DeletableKind>

/** `details.code` of the 409 refusing to create an object under a deleted one's id. */
export const ID_OF_DELETED = 'id-of-deleted'

export const IdOfDeleted = Type.Object({
  code: Type.Literal(ID_OF_DELETED),
  kind: DeletableKind,
  id: Id,
  /** Null when the deletion predates Gatecast recording it. */
  deletedAt: Type.Union([Timestamp, Type.Null()]),
})
export type IdOfDeleted = Static<typeof IdOfDeleted>
