import Type, { type Static } from 'typebox'
import { Id, Timestamp } from './common'

/**
 * Pairing codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown on
 * the screen in two groups (`K7Q-M2P`) so an operator can read them across a hall and type them
 * without asking which character is which.
 */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const PAIRING_CODE_LENGTH = 6

/** `K7QM2P` → `K7Q-M2P`. */
export const formatPairingCode = (code: string): string => `${code.slice(0, 3)}-${code.slice(3)}`

/**
 * What a person typed, as a stored code: case, spaces and dashes do not matter. Null when it
 * cannot be a code at all (wrong length, a character the alphabet lacks).
 */
export function normalizePairingCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== PAIRING_CODE_LENGTH) return null
  for (const c of code) if (!PAIRING_ALPHABET.includes(c)) return null
  return code
}

/** What a player gets when it starts pairing: the code to show, and the secret to collect its token with. */
export const PairingStarted = Type.Object({
  id: Type.String(),
  /** As shown on screen, e.g. K7Q-M2P. */
  code: Type.String(),
  /** The player's proof that it is the one that asked: sent as `Authorization: Bearer …` when polling. */
  secret: Type.String(),
  expiresAt: Timestamp,
})
export type PairingStarted = Static<typeof PairingStarted>

/** The answer to a player polling its request: still waiting, or bound (the token, given once). */
export const PairingState = Type.Union([
  Type.Object({ status: Type.Literal('pending'), code: Type.String(), expiresAt: Timestamp }),
  Type.Object({
    status: Type.Literal('paired'),
    /** The screen's token: shown this once, stored only as a digest. */
    token: Type.String(),
    screenId: Id,
    screenName: Type.String(),
  }),
])
export type PairingState = Static<typeof PairingState>

export const PairBody = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 20,
      description: 'The code the player shows, e.g. K7Q-M2P (case, spaces and dashes ignored)',
    }),
  },
  { additionalProperties: false },
)
export type PairBody = Static<typeof PairBody>

export const PairResult = Type.Object({
  pairingId: Type.String(),
  screenId: Id,
  code: Type.String(),
  claimedAt: Timestamp,
})
export type PairResult = Static<typeof PairResult>

/** A screen's token as the console sees it: never its secret. */
export const ScreenTokenInfo = Type.Object({
  id: Type.String(),
  screenId: Id,
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
})
export type ScreenTokenInfo = Static<typeof ScreenTokenInfo>

export const TokensRevoked = Type.Object({
  revoked: Type.Array(Type.String()),
  /** Player connections dropped at once because they held one of these tokens. */
  disconnected: Type.Integer(),
})

export const TokenRotated = Type.Object({
  /** The new token's id; its secret went only to the player, over its socket. */
  tokenId: Type.String(),
  revoked: Type.Array(Type.String()),
  /** Players that confirmed holding the new token. */
  players: Type.Integer(),
})

/** Which screen a token belongs to: for a player provisioned with a token and nothing else. */
export const TokenScreen = Type.Object({ screenId: Id, name: Type.String() })
