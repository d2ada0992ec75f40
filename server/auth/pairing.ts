import { type Ack, PLAYER_NAMESPACE, screenRoom } from '@playlists/events'
import {
  PAIRING_CODE_TTL_MS,
  PAIRING_COLLECT_MS,
  PAIRING_FAILURE_WINDOW_MS,
  PAIRING_FAILURES_MAX,
  PAIRING_OPEN_MAX,
  PAIRING_OPEN_PER_ADDRESS_MAX,
  TOKEN_ROTATE_ACK_MS,
} from '@playlists/limits'
import {
  formatPairingCode,
  normalizePairingCode,
  type PairingStarted,
  type PairingState,
  type PairResult,
} from '@playlists/schemas/pairing'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isoAt } from '../clock'
import { badRequest, conflict, gone, notFound, refuse, tooManyRequests, unauthorized } from '../errors'
import { disconnectActors } from '../realtime/access'
import { everyNode, onClusterMessage } from '../realtime/cluster'
import type { PairingRequest } from '../repositories/pairing'
import type { Actor } from './actor'
import { FailureLimiter } from './rate-limit'

/** The pairing secret a player polls with: `Authorization: Bearer gcp_…`. */
const PAIRING_BEARER = /^Bearer (gcp_[A-Za-z0-9_-]{43})$/

const actorKey = (actor: Actor): string =>
  actor.kind === 'user'
    ? `user:${actor.user.id}`
    : actor.kind === 'screen'
      ? `screen:${actor.screenId}`
      : 'anon'

/**
 * Pairing players with screens and managing the tokens they hold: the rules that span the
 * pairing requests, the tokens and the live sockets, so the routes stay thin.
 *
 * Re-pairing a screen replaces its player: when the new player collects its token, every older
 * token of that screen is revoked and its sockets dropped. (At collection rather than at binding,
 * so a mistyped bind that no player collects leaves the working player alone.)
 */
export class PairingService {
  /** Wrong codes per account: an operator's account guessing at codes is stopped whatever its address. */
  private readonly byActor: FailureLimiter
  /** Wrong codes per address: one machine cannot spread guesses over many accounts. */
  private readonly byAddress: FailureLimiter

  constructor(private readonly app: FastifyInstance) {
    this.byActor = new FailureLimiter(app.clock, PAIRING_FAILURES_MAX, PAIRING_FAILURE_WINDOW_MS)
    this.byAddress = new FailureLimiter(app.clock, PAIRING_FAILURES_MAX * 4, PAIRING_FAILURE_WINDOW_MS)
  }

  /** A player asks for a code. Bounded per address and server-wide, since anyone may ask. */
  start(request: FastifyRequest): PairingStarted {
    const { pairing } = this.app.repos
    const limit =
      pairing.countOpen(request.ip) >= PAIRING_OPEN_PER_ADDRESS_MAX
        ? { limit: PAIRING_OPEN_PER_ADDRESS_MAX, scope: 'address' }
        : pairing.countOpen() >= PAIRING_OPEN_MAX
          ? { limit: PAIRING_OPEN_MAX, scope: 'server' }
          : null
    if (limit) {
      const full =
        limit.scope === 'address'
          ? `this address already has ${limit.limit} codes waiting`
          : `${limit.limit} codes are waiting server-wide`
      this.app.audit(request, {
        action: 'pairing.throttled',
        outcome: 'denied',
        objectType: 'pairing',
        detail: full,
      })
      throw tooManyRequests(
        'pairing.too-many-waiting',
        `Too many pairing codes are waiting (${full}). Pair the screens showing a code, or wait for their codes to expire.`,
        PAIRING_CODE_TTL_MS,
        limit,
      )
    }
    const { request: made, secret } = pairing.create(request.ip, PAIRING_CODE_TTL_MS)
    // Recorded by hand: the generic entry would hold the answer, and the answer holds the secret.
    this.app.audit(request, {
      action: 'pairing.start',
      objectType: 'pairing',
      objectId: made.id,
      detail: `code ${formatPairingCode(made.code)}`,
    })
    return { id: made.id, code: formatPairingCode(made.code), secret, expiresAt: made.expiresAt }
  }

  /**
   * A player polls its request: still waiting, expired, or bound — then the screen's token, once.
   * A second collection is refused and recorded: the first one may have been a thief's.
   */
  collect(request: FastifyRequest, id: string): PairingState {
    const { repos } = this.app
    const secret = PAIRING_BEARER.exec(request.headers.authorization ?? '')?.[1]
    if (!secret) {
      throw unauthorized(
        'pairing.secret-missing',
        'Send the pairing secret you were given with the code, as "Authorization: Bearer gcp_…".',
      )
    }
    const found = repos.pairing.findWithSecret(id, secret)
    if (!found) {
      if (!repos.pairing.find(id)) throw notFound('pairing.not-found', 'Pairing request', id)
      this.refuse(request, id, 'pairing.collect-refused', 'wrong pairing secret')
      throw unauthorized('pairing.secret-wrong', 'This is not the secret this pairing request was made with.')
    }
    const now = this.app.clock()
    if (found.deliveredAt) {
      this.refuse(request, id, 'pairing.collect-refused', `token already collected at ${found.deliveredAt}`)
      throw gone(
        'pairing.collected',
        "This pairing's token was already collected. If this player did not collect it, revoke the screen's tokens and pair it again.",
      )
    }
    if (!found.claimedAt || !found.claimedScreenId) {
      if (Date.parse(found.expiresAt) <= now) {
        throw gone('pairing.expired', 'This pairing code has expired: ask for a new one (POST /api/pairing).')
      }
      return { status: 'pending', code: formatPairingCode(found.code), expiresAt: found.expiresAt }
    }
    if (Date.parse(found.claimedAt) + PAIRING_COLLECT_MS <= now) {
      throw gone(
        'pairing.uncollected',
        'This pairing was bound too long ago and its token was never collected: ask for a new code.',
      )
    }
    return this.deliver(request, found, found.claimedScreenId)
  }

  private deliver(request: FastifyRequest, found: PairingRequest, screenId: string): PairingState {
    const { repos } = this.app
    const screen = repos.screens.get(screenId)
    const issued = this.app.db.transaction(() => {
      const replaced = repos.screenTokens.revoke({ screenId })
      const { token, secret } = repos.screenTokens.issue(screenId)
      if (!repos.pairing.deliver(found.id, token.id))
        throw conflict('pairing.collecting', 'This pairing is being collected already.')
      return { token, secret, replaced }
    })()
    const dropped = disconnectActors(this.app, { kind: 'screen', tokenIds: issued.replaced })
    this.app.audit(request, {
      action: 'screen.token-issue',
      objectType: 'screen',
      objectId: screenId,
      after: { tokenId: issued.token.id, pairingId: found.id, replaced: issued.replaced },
      detail: `paired with code ${formatPairingCode(found.code)}; ${issued.replaced.length} older token(s) revoked, ${dropped} player(s) disconnected`,
    })
    return { status: 'paired', token: issued.secret, screenId, screenName: screen.name }
  }

  /** An operator binds the code a player shows to a screen. Wrong codes count towards a lock-out. */
  pair(request: FastifyRequest, screenId: string, typed: string): PairResult {
    const { repos } = this.app
    const actor = actorKey(request.actor)
    const wait = Math.max(this.byActor.retryAfterMs(actor), this.byAddress.retryAfterMs(request.ip))
    if (wait > 0) {
      this.refuse(
        request,
        screenId,
        'pairing.throttled',
        `too many wrong codes; refused for ${Math.ceil(wait / 1000)} s`,
        'screen',
      )
      throw tooManyRequests(
        'pairing.too-many-wrong-codes',
        `Too many wrong pairing codes. Try again in ${Math.ceil(wait / 60_000)} minute(s).`,
        wait,
        { minutes: Math.ceil(wait / 60_000) },
      )
    }
    const screen = repos.screens.get(screenId)
    const code = normalizePairingCode(typed)
    if (!code) {
      throw badRequest(
        'pairing.code-form',
        'A pairing code is 6 letters and digits as the screen shows them, e.g. K7Q-M2P (there is no 0, 1, I, L or O).',
        { field: 'code' },
      )
    }
    const shown = formatPairingCode(code)
    const failed = (action: string, detail: string) => {
      this.byActor.fail(actor)
      this.byAddress.fail(request.ip)
      this.refuse(request, screen.id, action, `code ${shown}: ${detail}`, 'screen')
    }
    const found = repos.pairing.findByCode(code)
    if (!found) {
      failed('pairing.failed', 'no player is waiting with this code')
      throw refuse(
        'pairing.code-unknown',
        `No player is waiting with the code ${shown}. Check the code on the screen; a code changes every ${PAIRING_CODE_TTL_MS / 60_000} minutes.`,
        { params: { pairingCode: shown, minutes: PAIRING_CODE_TTL_MS / 60_000 } },
      )
    }
    if (found.claimedAt) {
      // A code is good for one binding: a second one is someone replaying a code they saw.
      failed('pairing.reused', `already used for screen ${found.claimedScreenId} at ${found.claimedAt}`)
      throw conflict(
        'pairing.code-used',
        `The code ${shown} was already used to pair a screen. A code pairs one player once; reload the player for a new code.`,
        undefined,
        { pairingCode: shown },
      )
    }
    if (Date.parse(found.expiresAt) <= this.app.clock()) {
      failed('pairing.failed', `expired at ${found.expiresAt}`)
      throw gone(
        'pairing.code-expired',
        `The code ${shown} has expired; the player now shows a new one.`,
        undefined,
        {
          pairingCode: shown,
        },
      )
    }
    if (!repos.pairing.claim(found.id, screen.id, actor)) {
      failed('pairing.reused', 'claimed by someone else a moment ago')
      throw conflict(
        'pairing.code-taken',
        `The code ${shown} was used by someone else a moment ago.`,
        undefined,
        {
          pairingCode: shown,
        },
      )
    }
    return { pairingId: found.id, screenId: screen.id, code: shown, claimedAt: isoAt(this.app.clock()) }
  }

  /** Revokes every token of the screen and drops its players at once. */
  revoke(screenId: string): { revoked: string[]; disconnected: number } {
    const screen = this.app.repos.screens.get(screenId)
    const revoked = this.app.repos.screenTokens.revoke({ screenId: screen.id })
    const disconnected = disconnectActors(this.app, {
      kind: 'screen',
      screenId: screen.id,
      tokenIds: revoked,
    })
    return { revoked, disconnected }
  }

  /**
   * Gives the screen's connected players a new token over their sockets and revokes the old ones
   * once they confirm. A player that does not confirm keeps nothing new: if none confirms, the
   * new token is revoked and the old one stays in force.
   */
  async rotate(screenId: string): Promise<{ tokenId: string; revoked: string[]; players: number }> {
    const { repos } = this.app
    const screen = repos.screens.get(screenId)
    // The screen's players on every node (only a screen's own players join its room).
    const sockets = await this.app.io.of(PLAYER_NAMESPACE).in(screenRoom(screen.id)).fetchSockets()
    if (sockets.length === 0) {
      throw conflict(
        'pairing.rotate-no-player',
        `Screen "${screen.id}" has no player connected, so a new token cannot be handed over. Revoke its tokens and pair it again instead.`,
        undefined,
        { id: screen.id },
      )
    }
    const { token, secret } = repos.screenTokens.issue(screen.id)
    // One answer per socket; socket.io hands some as a list of one, so both shapes are read.
    const answers = await Promise.allSettled(
      sockets.map(
        (s) =>
          s.timeout(TOKEN_ROTATE_ACK_MS).emitWithAck('token:rotate', { token: secret }) as Promise<
            Ack | Ack[]
          >,
      ),
    )
    const confirmed = sockets.filter((_, i) => {
      const a = answers[i]
      if (a?.status !== 'fulfilled') return false
      const ack = Array.isArray(a.value) ? a.value[0] : a.value
      return ack?.ok === true
    })
    if (confirmed.length === 0) {
      repos.screenTokens.revoke({ id: token.id })
      throw conflict(
        'pairing.rotate-unconfirmed',
        `The player of screen "${screen.id}" did not confirm the new token within ${TOKEN_ROTATE_ACK_MS / 1000} s; its current token stays in force.`,
        undefined,
        { id: screen.id, seconds: TOKEN_ROTATE_ACK_MS / 1000 },
      )
    }
    everyNode(this.app, {
      type: 'retoken',
      socketIds: confirmed.map((s) => s.id),
      screenId: screen.id,
      tokenId: token.id,
    })
    const revoked = repos.screenTokens
      .list(screen.id)
      .filter((t) => t.revokedAt === null && t.id !== token.id)
      .flatMap((t) => repos.screenTokens.revoke({ id: t.id }))
    // Players that did not confirm hold a revoked token now: they reconnect and are refused.
    disconnectActors(this.app, { kind: 'screen', tokenIds: revoked })
    return { tokenId: token.id, revoked, players: confirmed.length }
  }

  /** A refused pairing step, recorded as a security event. */
  private refuse(
    request: FastifyRequest,
    objectId: string,
    action: string,
    detail: string,
    objectType = 'pairing',
  ) {
    this.app.audit(request, { action, outcome: 'denied', objectType, objectId, detail })
  }
}

onClusterMessage('retoken', (app, { socketIds, screenId, tokenId }) => {
  let changed = 0
  const players = app.io.of(PLAYER_NAMESPACE).sockets
  for (const id of socketIds) {
    const socket = players.get(id)
    if (socket?.actor?.kind !== 'screen' || socket.actor.screenId !== screenId) continue
    socket.actor = { kind: 'screen', screenId, tokenId }
    changed++
  }
  return changed
})
