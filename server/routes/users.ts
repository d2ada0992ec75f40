import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { UserParams, usersApi } from '@playlists/api/accounts'
import { ApiToken, ApiTokenInput, NewApiToken, User } from '@playlists/schemas/accounts'
import { ErrorBody } from '@playlists/schemas/common'
import Type from 'typebox'
import { userActor } from '../auth/accounts'
import { forbidden } from '../errors'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const TokenQuery = Type.Object(
  { userId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
)

/** Accounts (admin only) and API tokens (each account makes its own; an admin lists and revokes anyone's). */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['accounts']
  const admin = { permission: 'users:manage' } as const

  app.get(
    usersApi.list.path,
    { config: admin, schema: schemaOf(usersApi.list, errors, { tags }) },
    async () => app.repos.users.list(),
  )

  app.get(
    usersApi.approvers.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(usersApi.approvers, errors, {
        tags,
        summary: 'Who may approve, by name only: to name a dataset’s quick approvers',
        description:
          'For anyone preparing content: each enabled approver’s or admin’s id and display name, nothing else of the account.',
      }),
    },
    async () => app.repos.users.approvers(),
  )

  app.get(
    '/api/users/:id',
    { config: admin, schema: { tags, params: UserParams, response: { 200: User, ...errors } } },
    async (req) => app.repos.users.get(req.params.id),
  )

  app.post(
    usersApi.create.path,
    {
      config: { ...admin, audit: 'user.create' },
      schema: schemaOf(usersApi.create, errors, { tags, summary: 'Create an account' }),
    },
    async (req, reply) => reply.code(201).send(await app.accounts.create(req.body)),
  )

  app.patch(
    usersApi.update.path,
    {
      config: { ...admin, audit: 'user.update' },
      schema: schemaOf(usersApi.update, errors, {
        tags,
        summary: 'Change the role, name or password of an account, or disable it',
        description:
          'A new password or disabling ends the sessions. The last admin cannot be demoted or disabled.',
      }),
    },
    async (req) => app.accounts.update(req.params.id, req.body),
  )

  app.get(
    '/api/tokens',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags,
        summary: "Your API tokens; an admin may list another account's with ?userId=",
        querystring: TokenQuery,
        response: { 200: Type.Array(ApiToken), ...errors },
      },
    },
    async (req) => {
      const actor = userActor(req.actor)
      const userId = req.query.userId ?? actor.user.id
      if (userId !== actor.user.id && actor.role !== 'admin') {
        throw forbidden('api-token.list-other', "Only an admin may list another account's tokens.")
      }
      return app.repos.apiTokens.list(userId)
    },
  )

  app.post(
    '/api/tokens',
    {
      config: { permission: 'signed-in', audit: 'token.create' },
      schema: {
        tags,
        summary: 'Make an API token for your own account; its secret is shown this once',
        description:
          'A token acts only for the account that makes it (signed in, not with another token): nobody, admins ' +
          'included, makes one for another account, so a token approves only as the person who made it.',
        body: ApiTokenInput,
        response: { 201: NewApiToken, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(app.accounts.createToken(userActor(req.actor), req.body)),
  )

  app.delete(
    '/api/tokens/:id',
    {
      config: { permission: 'signed-in', audit: 'token.revoke' },
      schema: { tags, summary: 'Revoke a token', params: UserParams, response: { 200: ApiToken, ...errors } },
    },
    async (req) => app.accounts.revokeToken(userActor(req.actor), req.params.id),
  )
}
