import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { playlistsApi } from '@playlists/api/content'
import { ErrorBody } from '@playlists/schemas/common'
import type { Playlist } from '@playlists/schemas/playlist'
import { editorOf } from '../approvals/service'
import { FreshCache } from '../db/fresh-cache'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['playlists']

export const playlistRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { playlists } = app.repos
  // The list as sent, kept until the database changes: the console reloads it on every visit,
  // and building it reads every playlist's items and live version (bench `api`). It depends on
  // nothing but the stored playlists, whoever asks.
  const listed = new FreshCache<string>(app.db.generation, 1)

  app.get(
    playlistsApi.list.path,
    { config: { permission: 'content:read' }, schema: schemaOf(playlistsApi.list, {}, { tags }) },
    async (_req, reply) => {
      const json = listed.get('all', () => reply.serialize(playlists.list()) as string)
      return reply.type('application/json; charset=utf-8').send(json as unknown as Playlist[])
    },
  )

  app.get(
    playlistsApi.get.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(playlistsApi.get, errors, { tags }),
    },
    async (req) => playlists.get(req.params.id),
  )

  app.post(
    playlistsApi.create.path,
    {
      config: { permission: 'content:write', audit: 'playlist.create' },
      schema: schemaOf(playlistsApi.create, errors, { tags, summary: 'Create a draft playlist' }),
    },
    async (req, reply) => {
      const created = playlists.create(req.body)
      app.approvals.edited('playlist', created.id, editorOf(req.actor))
      return reply.code(201).send(created)
    },
  )

  app.put(
    playlistsApi.replace.path,
    {
      config: { permission: 'content:write', audit: 'playlist.update' },
      schema: schemaOf(playlistsApi.replace, errors, {
        tags,
        summary: 'Replace the draft (name and every item); screens keep playing the approved version on air',
      }),
    },
    async (req) => {
      const replaced = playlists.replace(req.params.id, req.body)
      app.approvals.edited('playlist', replaced.id, editorOf(req.actor))
      return replaced
    },
  )

  app.delete(
    playlistsApi.delete.path,
    {
      config: { permission: 'content:write', audit: 'playlist.delete' },
      schema: schemaOf(playlistsApi.delete, errors, { tags }),
    },
    async (req, reply) => {
      playlists.delete(req.params.id)
      app.approvals.forget('playlist', req.params.id)
      return reply.code(204).send(null)
    },
  )
}
