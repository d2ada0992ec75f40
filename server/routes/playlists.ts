import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { Deleted, ErrorBody, IdParams } from '../../playlists/schemas/common'
import { Playlist, PlaylistInput } from '../../playlists/schemas/playlist'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['playlists']

const PublishResult = Type.Object({
  playlist: Playlist,
  /** Screens that received a new document version. */
  screens: Type.Array(Type.Object({ screenId: Type.String(), version: Type.Integer(), hash: Type.String() })),
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

  app.post(
    '/api/playlists/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft: every screen that shows this playlist gets a new document at once',
        params: IdParams,
        response: { 200: PublishResult, ...errors },
      },
    },
    async (req) => {
      const { playlist, documents } = app.publisher.publishPlaylist(req.params.id)
      return {
        playlist,
        screens: documents.map((d) => ({ screenId: d.screenId, version: d.version, hash: d.hash })),
      }
    },
  )
}
