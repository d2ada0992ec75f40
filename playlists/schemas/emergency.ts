import Type, { type Static } from 'typebox'
import { CapOrigin } from './cap'
import { Id, Timestamp } from './common'
import { TrilingualText } from './text'

/**
 * An emergency message: shown above everything on its targets from `startsAt` until it
 * expires or is cleared. It travels inside the screens' documents, so it survives a player
 * reload or reconnect and ends on time even if the server is unreachable.
 */
export const EmergencyTargets = Type.Object(
  {
    all: Type.Optional(Type.Boolean()),
    sites: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
    screens: Type.Optional(Type.Array(Id, { maxItems: 1000, uniqueItems: true })),
  },
  { additionalProperties: false },
)
export type EmergencyTargets = Static<typeof EmergencyTargets>

export const EmergencyInput = Type.Object(
  {
    text: TrilingualText,
    targets: EmergencyTargets,
    /** Defaults to now. */
    startsAt: Type.Optional(Timestamp),
    expiresAt: Timestamp,
  },
  { additionalProperties: false },
)
export type EmergencyInput = Static<typeof EmergencyInput>

export const Emergency = Type.Object({
  id: Id,
  text: TrilingualText,
  targets: EmergencyTargets,
  startsAt: Timestamp,
  expiresAt: Timestamp,
  clearedAt: Type.Union([Timestamp, Type.Null()]),
  /** Screens the message was sent to when it was created. */
  screens: Type.Array(Id),
  createdAt: Timestamp,
  /** User id of the approver who sent it. */
  createdBy: Type.String(),
  /**
   * Who approved it: another approver, or the sender where every screen reached lies in a site
   * allowing self-approval. Null while it waits; a message airs only once approved.
   */
  approvedBy: Type.Union([Type.String(), Type.Null()]),
  approvedAt: Type.Union([Timestamp, Type.Null()]),
  /** Present when an official alert (CAP) brought it: what the approver checks it against. */
  cap: Type.Optional(CapOrigin),
})
export type Emergency = Static<typeof Emergency>

/** As carried in a document: instants in ms, nothing the player does not need. */
export const Override = Type.Object({
  id: Id,
  text: TrilingualText,
  startsAtMs: Type.Integer(),
  endsAtMs: Type.Integer(),
})
export type Override = Static<typeof Override>
