import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { feedsApi } from '@playlists/api/feeds'
import { ErrorBody } from '@playlists/schemas/common'
import { onAirEntries } from '@playlists/schemas/feed'
import { editorOf } from '../approvals/service'
import { userActor } from '../auth/accounts'
import { vetAddress } from '../outbound/vet'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['feeds']

/**
 * Feed sources: admins register and edit them (each edit a draft, approved as a version under
 * /api/feeds/:id/submit and the other approval routes), anyone preparing content reads their
 * state and entries, approvers withdraw an entry. Fetching is the feeds job's (server/feeds).
 */
export const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { feeds } = app.repos

  /** An address the server would refuse to fetch is refused when saved, naming the rule and the setting. */
  const vetUrl = (url: string) => vetAddress(app.outbound, url, 'feed.url-refused')

  app.get(
    feedsApi.list.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(feedsApi.list, {}, { tags, summary: 'Every feed source, with its last fetch' }),
    },
    async () => feeds.list(),
  )

  app.post(
    feedsApi.create.path,
    {
      config: { permission: 'settings:write', audit: 'feed.create' },
      schema: schemaOf(feedsApi.create, errors, {
        tags,
        summary: 'Register an RSS 2.0 or Atom 1.0 source; nothing of it goes on air before its approval',
      }),
    },
    async (req, reply) => {
      await vetUrl(req.body.url)
      const created = feeds.create(req.body)
      app.approvals.edited('feed', created.id, editorOf(req.actor))
      return reply.code(201).send(created)
    },
  )

  app.get(
    feedsApi.get.path,
    { config: { permission: 'content:read' }, schema: schemaOf(feedsApi.get, errors, { tags }) },
    async (req) => feeds.get(req.params.id),
  )

  app.put(
    feedsApi.update.path,
    {
      config: { permission: 'settings:write', audit: 'feed.update' },
      schema: schemaOf(feedsApi.update, errors, {
        tags,
        summary: 'Change the source’s draft: its version on air stays until a new one is approved',
      }),
    },
    async (req) => {
      await vetUrl(req.body.url)
      const updated = feeds.update(req.params.id, req.body)
      app.approvals.edited('feed', updated.id, editorOf(req.actor))
      return updated
    },
  )

  app.delete(
    feedsApi.delete.path,
    {
      config: { permission: 'settings:write', audit: 'feed.delete' },
      schema: schemaOf(feedsApi.delete, errors, {
        tags,
        summary: 'Delete a source no playlist shows (409 feed.in-use naming the playlists otherwise)',
        description:
          'Its entries go with it and the feeds job no longer fetches it; its versions stay readable under its id, ' +
          'which is never given to another source.',
      }),
    },
    async (req, reply) => {
      feeds.delete(req.params.id)
      app.approvals.forget('feed', req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    feedsApi.refresh.path,
    {
      config: { permission: 'content:write', audit: 'feed.refresh' },
      schema: schemaOf(feedsApi.refresh, errors, {
        tags,
        summary:
          'Fetch the source now; the answer holds the outcome (a failing source is a 200 with lastError)',
      }),
    },
    async (req) => app.feeds.refresh(req.params.id, app.clock()),
  )

  app.get(
    feedsApi.entries.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(feedsApi.entries, errors, {
        tags,
        summary: 'What the source brought, newest first, withdrawn entries included',
      }),
    },
    async (req) => {
      feeds.get(req.params.id)
      return feeds.entries(req.params.id)
    },
  )

  app.get(
    feedsApi.onAir.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(feedsApi.onAir, errors, {
        tags,
        summary: 'The entries the approved policy lets on air now (empty before the first approval)',
      }),
    },
    async (req) => {
      const id = req.params.id
      feeds.get(id)
      const policy = app.feeds.policy(id)
      return policy === null ? [] : onAirEntries(id, policy, feeds.entries(id, policy.url), app.clock())
    },
  )

  app.post(
    feedsApi.withdrawEntry.path,
    {
      config: { permission: 'approve', audit: 'feed-entry.withdraw' },
      schema: schemaOf(feedsApi.withdrawEntry, errors, {
        tags,
        summary:
          'Take an entry off every screen at once: the documents that carry it are published again without it',
      }),
    },
    async (req) => {
      const { id, entry } = req.params
      const withdrawn = feeds.withdraw(id, entry, userActor(req.actor).user.id, app.clock())
      app.feeds.republish(id)
      return withdrawn
    },
  )
}
