import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authApi } from '@playlists/api/accounts'
import { SESSION_MAX_MS } from '@playlists/limits'
import { ErrorBody } from '@playlists/schemas/common'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { userActor } from '../auth/accounts'
import { SESSION_COOKIE } from '../auth/actor'
import { schemaOf } from './contract'

const tags = ['accounts']
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody }

/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Strict (no other site's page
 * can make the browser send it, which is what stops cross-site request forgery here), and
 * Secure whenever the request came over https (behind the TLS proxy, with TRUST_PROXY set).
 */
function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string | null) {
  reply.setCookie(SESSION_COOKIE, secret ?? '', {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: secret === null ? 0 : SESSION_MAX_MS / 1000,
  })
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    authApi.login.path,
    {
      config: { permission: 'public', audit: 'session.login' },
      schema: schemaOf(authApi.login, errors, { tags, summary: 'Sign in: sets the session cookie' }),
    },
    async (req, reply) => {
      const { user, secret } = await app.accounts.login(req, req.body.username, req.body.password)
      setSessionCookie(req, reply, secret)
      return { user, via: 'session' as const, role: user.role }
    },
  )

  app.post(
    authApi.logout.path,
    {
      config: { permission: 'signed-in', audit: 'session.logout' },
      schema: schemaOf(authApi.logout, errors, { tags, summary: 'Sign out: ends this session' }),
    },
    async (req, reply) => {
      app.accounts.logout(userActor(req.actor))
      setSessionCookie(req, reply, null)
      return reply.code(204).send(null)
    },
  )

  app.get(
    authApi.me.path,
    {
      config: { permission: 'signed-in' },
      schema: schemaOf(authApi.me, errors, { tags, summary: 'Who am I, and with which role' }),
    },
    async (req) => {
      const actor = userActor(req.actor)
      return { user: actor.user, via: actor.via, role: actor.role }
    },
  )

  app.put(
    authApi.password.path,
    {
      config: { permission: 'signed-in', audit: 'user.password' },
      schema: schemaOf(authApi.password, errors, {
        tags,
        summary: "Change one's own password; other sessions of the account end",
      }),
    },
    async (req, reply) => {
      const actor = userActor(req.actor)
      await app.accounts.changeOwnPassword(actor, req.body.currentPassword, req.body.newPassword)
      app.audit(req, { action: 'user.password', objectType: 'user', objectId: actor.user.id })
      return reply.code(204).send(null)
    },
  )
}
