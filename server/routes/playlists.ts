import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { Deleted, ErrorBody, IdParams, Timestamp } from '../../playlists/schemas/common'
import { Playlist, PlaylistInput } from '../../playlists/schemas/playlist'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['playlists']

const PublishResult = Type.Object({
  playlist: Playlist,
  /** Screens that received a new document version. */
  screens: Type.Array(Type.Object({ screenId: Type.String(), version: Type.Integer(), hash: Type.String() })),
})

const PublishQuery = Type.Object({
  at: Type.Optional({
    ...Timestamp,
    description: 'When to go on air; leave out (or give a past instant) to publish now',
  }),
})

const Publication = Type.Object({
  id: Type.String(),
  playlistId: Type.String(),
  revision: Type.Integer(),
  publishAt: Timestamp,
  status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('cancelled')]),
  doneAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
})

export const playlistRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { playlists } = app.repos

  app.get('/api/playlists', { schema: { tags, response: { 200: Type.Array(Playlist) } } }, async () =>
    playlists.list(),
  )

  app.get(
    '/api/playlists/:id',
    { schema: { tags, params: IdParams, response: { 200: Playlist, ...errors } } },
    async (req) => playlists.get(req.params.id),
  )

  app.post(
    '/api/playlists',
    {
      schema: {
        tags,
        summary: 'Create a draft playlist',
        body: PlaylistInput,
        response: { 201: Playlist, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(playlists.create(req.body)),
  )

  app.put(
    '/api/playlists/:id',
    {
      schema: {
        tags,
        summary: 'Replace the draft (name and every item); screens keep playing the published revision',
        params: IdParams,
        body: PlaylistInput,
        response: { 200: Playlist, ...errors },
      },
    },
    async (req) => playlists.replace(req.params.id, req.body),
  )

  app.delete(
    '/api/playlists/:id',
    { schema: { tags, params: IdParams, response: { 204: Deleted, ...errors } } },
    async (req, reply) => {
      playlists.delete(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/playlists/:id/publications',
    {
      schema: {
        tags,
        summary: 'Publications set for later, and done',
        params: IdParams,
        response: { 200: Type.Array(Publication), ...errors },
      },
    },
    async (req) => {
      playlists.get(req.params.id)
      return app.repos.publications.list(req.params.id)
    },
  )

  app.post(
    '/api/playlists/:id/publish',
    {
      config: { permission: 'publish' },
      schema: {
        tags,
        summary: 'Publish the draft: now (200), or at a set instant (202)',
        description:
          'Now: every screen that may show this playlist gets a new document at once. With ?at= in the future: ' +
          'the draft is frozen as it is now and goes on air at that instant.',
        params: IdParams,
        querystring: PublishQuery,
        response: { 200: PublishResult, 202: Publication, ...errors },
      },
    },
    async (req, reply) => {
      const at = req.query.at === undefined ? null : Date.parse(req.query.at)
      if (at !== null && at > app.clock()) {
        return reply.code(202).send(app.publisher.schedulePublication(req.params.id, at))
      }
      const { playlist, documents } = app.publisher.publishPlaylist(req.params.id)
      return {
        playlist,
        screens: documents.map((d) => ({ screenId: d.screenId, version: d.version, hash: d.hash })),
      }
    },
  )
}
