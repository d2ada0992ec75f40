import { lowerRole } from '@playlists/auth/permissions'
import type { Role, User } from '@playlists/schemas/accounts'
import type { Repositories } from '../repositories'
import { SECRET_PREFIX } from './secrets'

/** Who is calling: an account (by session or API token), a paired screen, or nobody. */
export type Actor =
  | {
      kind: 'user'
      user: User
      /** The role this request acts with: the account's, or the token's if that is lower. */
      role: Role
      via: 'session' | 'token'
      sessionId?: string
      tokenId?: string
    }
  | { kind: 'screen'; screenId: string; tokenId: string }
  | { kind: 'anonymous' }

export const ANONYMOUS: Actor = { kind: 'anonymous' }

/** Credentials were sent but are not valid: a 401 that says why, and a security event. */
export class BadCredentials extends Error {}

export const SESSION_COOKIE = 'gatecast_session'

/** A bearer secret is a known prefix and 43 base64url characters; anything else is malformed. */
const BEARER = /^Bearer (gc[a-z]_[A-Za-z0-9_-]{43})$/

/** An actor, and the instant its credentials end by themselves (Infinity when they do not). */
export interface ResolvedActor {
  actor: Actor
  expiresAtMs: number
}

const endOf = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY)

/**
 * Finds the actor behind a request's credentials: an `Authorization: Bearer` token (an API
 * token or a screen's), else the session cookie. Throws BadCredentials for credentials that
 * were sent but do not hold: a request never silently falls back to anonymous.
 */
export function resolveCredentials(
  repos: Repositories,
  credentials: { authorization?: string; session?: string },
): ResolvedActor {
  if (credentials.authorization !== undefined) {
    const secret = BEARER.exec(credentials.authorization)?.[1]
    if (!secret) {
      throw new BadCredentials(
        'The Authorization header is malformed: send "Bearer " followed by a Gatecast token (gct_… or gcd_…).',
      )
    }
    if (secret.startsWith(SECRET_PREFIX.token)) {
      const token = repos.apiTokens.resolve(secret)
      const user = token && repos.users.find(token.userId)
      if (!token || !user) throw new BadCredentials('This API token is unknown, revoked or expired.')
      if (user.disabled) throw new BadCredentials("This API token's account is disabled.")
      return {
        actor: {
          kind: 'user',
          user,
          role: lowerRole(token.role, user.role),
          via: 'token',
          tokenId: token.id,
        },
        expiresAtMs: endOf(token.expiresAt),
      }
    }
    if (secret.startsWith(SECRET_PREFIX.screen)) {
      const token = repos.screenTokens.resolve(secret)
      if (!token)
        throw new BadCredentials("This screen's token is unknown or revoked: pair the screen again.")
      return {
        actor: { kind: 'screen', screenId: token.screenId, tokenId: token.id },
        expiresAtMs: Number.POSITIVE_INFINITY,
      }
    }
    throw new BadCredentials('This kind of token is not accepted here.')
  }
  if (credentials.session !== undefined) {
    const session = repos.sessions.resolve(credentials.session)
    const user = session && repos.users.find(session.userId)
    if (!session || !user || user.disabled) {
      throw new BadCredentials('Your session has ended: sign in again.')
    }
    return {
      actor: { kind: 'user', user, role: user.role, via: 'session', sessionId: session.id },
      // Idle expiry is checked again when the cache lets go (ActorCache.KEEP_MS, far shorter).
      expiresAtMs: endOf(session.expiresAt),
    }
  }
  return { actor: ANONYMOUS, expiresAtMs: Number.POSITIVE_INFINITY }
}

/** How the actor appears in the audit log. */
export function auditActor(actor: Actor): {
  actor: { kind: 'user' | 'screen' | 'anonymous'; id: string | null; name: string | null }
  via: string | null
} {
  switch (actor.kind) {
    case 'user':
      return {
        actor: { kind: 'user', id: actor.user.id, name: actor.user.username },
        via: actor.via === 'token' ? `token:${actor.tokenId}` : 'session',
      }
    case 'screen':
      return {
        actor: { kind: 'screen', id: actor.screenId, name: actor.screenId },
        via: `screen-token:${actor.tokenId}`,
      }
    default:
      return { actor: { kind: 'anonymous', id: null, name: null }, via: null }
  }
}
