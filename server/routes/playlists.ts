import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Deleted, ErrorBody, IdParams } from '@playlists/schemas/common'
import { Playlist, PlaylistInput } from '@playlists/schemas/playlist'
import Type from 'typebox'
import { editorOf } from '../approvals/service'
import { FreshCache } from '../db/fresh-cache'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['playlists']

export const playlistRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { playlists } = app.repos
  // The list as sent, kept until the database changes: the console reloads it on every visit,
  // and building it reads every playlist's items and live version (bench `api`). It depends on
  // nothing but the stored playlists, whoever asks.
  const listed = new FreshCache<string>(app.db.generation, 1)

  app.get(
    '/api/playlists',
    { config: { permission: 'content:read' }, schema: { tags, response: { 200: Type.Array(Playlist) } } },
    async (_req, reply) => {
      const json = listed.get('all', () => reply.serialize(playlists.list()) as string)
      return reply.type('application/json; charset=utf-8').send(json as unknown as Playlist[])
    },
  )

  app.get(
    '/api/playlists/:id',
    {
      config: { permission: 'content:read' },
      schema: { tags, params: IdParams, response: { 200: Playlist, ...errors } },
    },
    async (req) => playlists.get(req.params.id),
  )

  app.post(
    '/api/playlists',
    {
      config: { permission: 'content:write', audit: 'playlist.create' },
      schema: {
        tags,
        summary: 'Create a draft playlist',
        body: PlaylistInput,
        response: { 201: Playlist, ...errors },
      },
    },
    async (req, reply) => {
      const created = playlists.create(req.body)
      app.approvals.edited('playlist', created.id, editorOf(req.actor))
      return reply.code(201).send(created)
    },
  )

  app.put(
    '/api/playlists/:id',
    {
      config: { permission: 'content:write', audit: 'playlist.update' },
      schema: {
        tags,
        summary: 'Replace the draft (name and every item); screens keep playing the approved version on air',
        params: IdParams,
        body: PlaylistInput,
        response: { 200: Playlist, ...errors },
      },
    },
    async (req) => {
      const replaced = playlists.replace(req.params.id, req.body)
      app.approvals.edited('playlist', replaced.id, editorOf(req.actor))
      return replaced
    },
  )

  app.delete(
    '/api/playlists/:id',
    {
      config: { permission: 'content:write', audit: 'playlist.delete' },
      schema: { tags, params: IdParams, response: { 204: Deleted, ...errors } },
    },
    async (req, reply) => {
      playlists.delete(req.params.id)
      app.approvals.forget('playlist', req.params.id)
      return reply.code(204).send(null)
    },
  )
}
