import type { Clock } from '../clock'
import { FreshCache } from '../db/fresh-cache'
import type { DataGeneration } from '../db/generation'
import type { Repositories } from '../repositories'
import { type Actor, ANONYMOUS, resolveCredentials } from './actor'

/**
 * How long a credential's actor is kept at most. No longer than the interval at which tokens
 * and sessions record their last use (60 s in their repositories), so that record and the
 * idle expiry of sessions stay within a minute or two of the truth.
 */
export const KEEP_MS = 60_000

type Credentials = { authorization?: string; session?: string }

/**
 * Who holds a credential, remembered between requests: checking a token reads two tables, and
 * a player or an integration sends the same one again and again (bench `api`). Nothing is kept
 * past a change to the database (FreshCache), so a revoked token, a disabled account or a
 * signed-out session is refused on its very next request, on every node; nor past the
 * credential's own expiry, nor past KEEP_MS. Refused credentials are never kept.
 *
 * Keys are the credentials as sent. A digest would keep them out of the heap, but hashing on
 * every request cost about a tenth of the document route's throughput (OpenSSL's one-shot
 * digest, bench `api`), and the heap holds live credentials anyway: every connected socket keeps
 * its handshake (a screen's token, a console's cookie) for as long as it is connected. A heap
 * snapshot of a running server is therefore as secret as its tokens (SECURITY.md).
 */
export class ActorCache {
  private readonly cache: FreshCache<{ actor: Actor; untilMs: number }>

  constructor(
    private readonly repos: Repositories,
    generation: DataGeneration | undefined,
    private readonly clock: Clock,
  ) {
    this.cache = new FreshCache(generation)
  }

  /** The actor behind the credentials (throws BadCredentials as resolveCredentials does). */
  resolve(credentials: Credentials): Actor {
    // A bearer token wins over the cookie, as in resolveCredentials. A header value never holds
    // a NUL, so a cookie's key cannot equal any Authorization header's.
    const credential =
      credentials.authorization ??
      (credentials.session !== undefined ? `\0${credentials.session}` : undefined)
    if (credential === undefined) return ANONYMOUS
    const now = this.clock()
    this.credentials = credentials
    this.now = now
    const kept = this.cache.get(credential, this.fill)
    if (kept.untilMs > now) return kept.actor
    this.cache.delete(credential)
    return this.cache.get(credential, this.fill).actor
  }

  // The request being resolved, for fill: one method made once, not a closure per request.
  private credentials: Credentials = {}
  private now = 0
  private readonly fill = () => {
    const { actor, expiresAtMs } = resolveCredentials(this.repos, this.credentials)
    return { actor, untilMs: Math.min(this.now + KEEP_MS, expiresAtMs) }
  }
}
