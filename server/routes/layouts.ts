import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { Deleted, ErrorBody, IdParams } from '../../playlists/schemas/common'
import { Layout, LayoutInput } from '../../playlists/schemas/layout'
import { LAYOUT_PRESETS } from '../layouts/presets'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['layouts']
const config = { permission: 'content:write' as const }

const Preset = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  /** Width ÷ height of the panels it was drawn for. */
  aspect: Type.Number(),
  zones: LayoutInput.properties.zones,
})

export const layoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { layouts, screens } = app.repos

  app.get('/api/layouts', { schema: { tags, response: { 200: Type.Array(Layout) } } }, async () =>
    layouts.list(),
  )

  app.get(
    '/api/layouts/presets',
    {
      schema: {
        tags,
        summary: 'Ready-made zone arrangements for the panel shapes at the gates, to start a layout from',
        response: { 200: Type.Array(Preset) },
      },
    },
    async () => [...LAYOUT_PRESETS],
  )

  app.get(
    '/api/layouts/:id',
    { schema: { tags, params: IdParams, response: { 200: Layout, ...errors } } },
    async (req) => layouts.get(req.params.id),
  )

  app.post(
    '/api/layouts',
    { config, schema: { tags, body: LayoutInput, response: { 201: Layout, ...errors } } },
    async (req, reply) => reply.code(201).send(layouts.create(req.body)),
  )

  app.put(
    '/api/layouts/:id',
    { config, schema: { tags, params: IdParams, body: LayoutInput, response: { 200: Layout, ...errors } } },
    async (req) => {
      const layout = layouts.replace(req.params.id, req.body)
      // Zones are in the documents of the screens using the layout: recompile them, push if changed.
      app.publisher.republish(screens.idsUsingLayout(layout.id))
      return layout
    },
  )

  app.delete(
    '/api/layouts/:id',
    { config, schema: { tags, params: IdParams, response: { 204: Deleted, ...errors } } },
    async (req, reply) => {
      layouts.delete(req.params.id)
      return reply.code(204).send(null)
    },
  )
}
