import { roleAtMost } from '@playlists/auth/permissions'
import { LOGIN_FAILURES_MAX, LOGIN_WINDOW_MS } from '@playlists/limits'
import type { ApiTokenInput, User, UserInput, UserPatch } from '@playlists/schemas/accounts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { badRequest, conflict, forbidden, tooManyRequests, unauthorized } from '../errors'
import { disconnectActors } from '../realtime/access'
import type { Actor } from './actor'
import { FailureLimiter } from './rate-limit'
import { decoyHash, hashPassword, verifyPassword } from './secrets'

type UserActor = Extract<Actor, { kind: 'user' }>

/**
 * Signing in and managing accounts and tokens: the rules that need more than one repository
 * (rate limits, the last admin, who may hand out which role), so the routes stay thin.
 */
export class AccountsService {
  /** Per account, so a guessed-at account locks for a while whatever address the guesses come from. */
  private readonly byAccount: FailureLimiter
  /** Per address, so one address cannot spray guesses over many accounts. */
  private readonly byAddress: FailureLimiter

  constructor(private readonly app: FastifyInstance) {
    this.byAccount = new FailureLimiter(app.clock, LOGIN_FAILURES_MAX, LOGIN_WINDOW_MS)
    this.byAddress = new FailureLimiter(app.clock, LOGIN_FAILURES_MAX * 4, LOGIN_WINDOW_MS)
  }

  /** Checks a password; on success a new session (its secret goes in the cookie). Every attempt is audited. */
  async login(
    request: FastifyRequest,
    username: string,
    password: string,
  ): Promise<{ user: User; secret: string }> {
    const { repos } = this.app
    const wait = Math.max(this.byAccount.retryAfterMs(username), this.byAddress.retryAfterMs(request.ip))
    if (wait > 0) {
      this.app.audit(request, {
        action: 'login.throttled',
        outcome: 'denied',
        objectType: 'user',
        objectId: username,
        detail: `too many failed sign-ins; refused for ${Math.ceil(wait / 1000)} s`,
      })
      throw tooManyRequests(
        'sign-in.too-many-failures',
        `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60_000)} minute(s).`,
        wait,
        { minutes: Math.ceil(wait / 60_000) },
      )
    }
    const found = repos.users.credentials(username)
    // Hash even for an unknown account, so the answer's timing does not tell which accounts exist.
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()))
    if (!found || !ok || found.user.disabled) {
      this.byAccount.fail(username)
      this.byAddress.fail(request.ip)
      this.app.audit(request, {
        action: 'login.failed',
        outcome: 'failed',
        objectType: 'user',
        objectId: found?.user.id ?? username,
        detail: !found ? 'unknown username' : !ok ? 'wrong password' : 'account disabled',
      })
      throw unauthorized('sign-in.wrong-credentials', 'Wrong username or password.')
    }
    this.byAccount.reset(username)
    const { secret, session } = repos.sessions.create(found.user.id, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    })
    repos.users.touchLogin(found.user.id)
    request.actor = {
      kind: 'user',
      user: found.user,
      role: found.user.role,
      via: 'session',
      sessionId: session.id,
    }
    this.app.audit(request, { action: 'login', objectType: 'user', objectId: found.user.id })
    return { user: repos.users.get(found.user.id), secret }
  }

  async create(input: UserInput): Promise<User> {
    const { password, ...rest } = input
    return this.app.repos.users.create({ ...rest, passwordHash: await hashPassword(password) })
  }

  /**
   * Changes an account. The last admin who can sign in may be neither demoted nor disabled, so
   * the province is never locked out of its own system. A new password or a disabled account
   * ends the account's sessions.
   */
  async update(id: string, patch: UserPatch): Promise<User> {
    const { repos } = this.app
    const user = repos.users.get(id)
    const losesAdmin =
      user.role === 'admin' && !user.disabled && ((patch.role ?? 'admin') !== 'admin' || patch.disabled)
    if (losesAdmin && repos.users.activeAdmins() <= 1) {
      throw conflict(
        'user.last-admin',
        `"${user.username}" is the last admin who can sign in; make another admin first.`,
        undefined,
        { username: user.username },
      )
    }
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password)
    const updated = repos.users.update(id, { ...patch, passwordHash })
    if (passwordHash !== undefined || patch.disabled) repos.sessions.deleteForUser(id)
    // Open channels carry the old role or a password now changed: they reconnect and are checked anew.
    if (passwordHash !== undefined || patch.disabled || (patch.role && patch.role !== user.role)) {
      disconnectActors(this.app, { kind: 'user', userId: id })
    }
    return updated
  }

  async changeOwnPassword(actor: UserActor, current: string, next: string): Promise<void> {
    const { repos } = this.app
    if (!(await verifyPassword(current, repos.users.passwordHash(actor.user.id)))) {
      throw forbidden('password.current-wrong', 'The current password is wrong.')
    }
    if (current === next)
      throw badRequest('password.unchanged', 'The new password must differ from the current one.')
    repos.users.update(actor.user.id, { passwordHash: await hashPassword(next) })
    repos.sessions.deleteForUser(actor.user.id, actor.sessionId)
    disconnectActors(this.app, { kind: 'user', userId: actor.user.id, exceptSessionId: actor.sessionId })
  }

  logout(actor: UserActor): void {
    if (!actor.sessionId) return
    this.app.repos.sessions.delete(actor.sessionId)
    disconnectActors(this.app, { kind: 'user', sessionId: actor.sessionId })
  }

  /**
   * A token acts for the account that makes it, and for no other: approvals compare people, and
   * a token made for someone else would let one person approve their own change in another's
   * name (issue 16). Its role may not exceed the account's.
   */
  createToken(actor: UserActor, input: ApiTokenInput) {
    const { repos } = this.app
    if (actor.via === 'token')
      throw forbidden('api-token.by-token', 'Sign in to make API tokens; a token cannot make another.')
    if (input.userId !== undefined && input.userId !== actor.user.id) {
      throw forbidden(
        'api-token.other-account',
        'A token acts only for the account that makes it: the owner of that account must sign in and make it. ' +
          'An admin may list and revoke the tokens of others, not make them.',
        [{ field: 'userId' }],
      )
    }
    const owner = actor.user
    if (!roleAtMost(input.role, owner.role)) {
      throw badRequest(
        'api-token.role-above-owner',
        `A token of "${owner.username}" can have the role ${owner.role} at most, not ${input.role}.`,
        [{ field: 'role' }],
        { username: owner.username, role: owner.role, requested: input.role },
      )
    }
    if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= this.app.clock()) {
      throw badRequest('api-token.expiry-past', 'expiresAt must be in the future.')
    }
    return repos.apiTokens.create({
      name: input.name,
      userId: owner.id,
      role: input.role,
      expiresAt: input.expiresAt,
    })
  }

  revokeToken(actor: UserActor, id: string) {
    const token = this.app.repos.apiTokens.get(id)
    if (token.userId !== actor.user.id && actor.role !== 'admin') {
      throw forbidden('api-token.revoke-other', 'Only an admin may revoke the tokens of another account.')
    }
    const revoked = this.app.repos.apiTokens.revoke(id)
    disconnectActors(this.app, { kind: 'user', tokenId: id })
    return revoked
  }
}

export function userActor(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw forbidden('auth.account-required', 'This needs a signed-in account.')
  return actor
}
