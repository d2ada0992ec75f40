import Type, { type Static } from 'typebox'
import type { ScreenDocument } from './schemas/document'

/**
 * The socket.io contract between server and players, typed once and imported by both sides.
 * Payloads coming from a player are validated on arrival against the schemas below.
 */

/** Players live in their own namespace so that console clients never receive documents. */
export const PLAYER_NAMESPACE = '/player'

export const screenRoom = (screenId: string): string => `screen:${screenId}`

/** Sent in the socket.io handshake (`auth`). */
export const PlayerHandshake = Type.Object(
  {
    screenId: Type.String({ minLength: 1, maxLength: 63 }),
    /** The version the player already holds, so a reconnect can skip an unchanged document. */
    version: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  },
  { additionalProperties: true },
)
export type PlayerHandshake = Static<typeof PlayerHandshake>

export const DocumentApplied = Type.Object(
  { version: Type.Integer({ minimum: 1 }), hash: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
)
export type DocumentApplied = Static<typeof DocumentApplied>

/** Every acknowledgement: either fine, or a message a person can read in the player's log. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; msg: string }

export interface ServerToPlayerEvents {
  /** The screen's current document: sent on connect and after every publish that changes it. */
  document: (document: ScreenDocument) => void
  /** Sent on connect when the screen has nothing published yet. */
  'document:none': () => void
}

export interface PlayerToServerEvents {
  /** The player has every asset and now plays this version. */
  'document:applied': (payload: DocumentApplied, ack: (result: Ack) => void) => void
}
