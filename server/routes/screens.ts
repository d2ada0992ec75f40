import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Deleted, ErrorBody, IdParams } from '@playlists/schemas/common'
import { ScreenDocument } from '@playlists/schemas/document'
import { Screen, ScreenInput } from '@playlists/schemas/screen'
import Type from 'typebox'
import { notFound } from '../errors'
import { disconnectActors } from '../realtime/access'
import { followSyncGroup } from '../realtime/players'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['screens']

export const screenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { screens, documents } = app.repos

  app.get(
    '/api/screens',
    {
      config: { permission: 'preview' },
      schema: {
        tags,
        querystring: Type.Object({ siteId: Type.Optional(Type.String()) }),
        response: { 200: Type.Array(Screen) },
      },
    },
    async (req) => screens.list({ siteId: req.query.siteId }),
  )

  app.get(
    '/api/screens/:id',
    {
      config: { permission: 'preview' },
      schema: { tags, params: IdParams, response: { 200: Screen, ...errors } },
    },
    async (req) => screens.get(req.params.id),
  )

  app.post(
    '/api/screens',
    {
      config: { permission: 'settings:write', audit: 'screen.create' },
      schema: { tags, body: ScreenInput, response: { 201: Screen, ...errors } },
    },
    async (req, reply) => {
      const screen = screens.create(req.body)
      app.publisher.republish([screen.id])
      return reply.code(201).send(screen)
    },
  )

  app.put(
    '/api/screens/:id',
    {
      config: { permission: 'settings:write', audit: 'screen.update' },
      schema: { tags, params: IdParams, body: ScreenInput, response: { 200: Screen, ...errors } },
    },
    async (req) => {
      const screen = screens.update(req.params.id, req.body)
      // Size, zone and default playlist are all in the document: recompile, push if changed.
      app.publisher.republish([screen.id])
      followSyncGroup(app, screen)
      return screen
    },
  )

  app.delete(
    '/api/screens/:id',
    {
      config: { permission: 'settings:write', audit: 'screen.delete' },
      schema: { tags, params: IdParams, response: { 204: Deleted, ...errors } },
    },
    async (req, reply) => {
      // Its players are dropped first, while the screen still exists for their going-offline
      // record; its tokens then go with it (ON DELETE CASCADE), so they cannot come back.
      screens.get(req.params.id)
      disconnectActors(app, { kind: 'screen', screenId: req.params.id })
      screens.delete(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/screens/:id/document',
    {
      config: { permission: 'preview' },
      schema: {
        tags,
        summary: "The screen's current published document (what it plays)",
        params: IdParams,
        response: { 200: ScreenDocument, ...errors },
      },
    },
    async (req, reply) => {
      const json = documents.latestJson(req.params.id)
      if (json === undefined) {
        screens.get(req.params.id) // no such screen (404 saying so), or…
        throw notFound('document.not-found', 'Published document for screen', req.params.id)
      }
      // Stored JSON was validated when compiled; send it as is instead of re-serialising.
      return reply.type('application/json; charset=utf-8').send(json as unknown as ScreenDocument)
    },
  )
}
