import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Deleted, ErrorBody, IdParams } from '@playlists/schemas/common'
import { Layout, LayoutInput } from '@playlists/schemas/layout'
import Type from 'typebox'
import { editorOf } from '../approvals/service'
import { LAYOUT_PRESETS } from '../layouts/presets'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['layouts']

const Preset = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  /** Width ÷ height of the panels it was drawn for. */
  aspect: Type.Number(),
  zones: LayoutInput.properties.zones,
})

export const layoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { layouts } = app.repos

  app.get(
    '/api/layouts',
    { config: { permission: 'content:read' }, schema: { tags, response: { 200: Type.Array(Layout) } } },
    async () => layouts.list(),
  )

  app.get(
    '/api/layouts/presets',
    {
      config: { permission: 'content:read' },
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
    {
      config: { permission: 'content:read' },
      schema: { tags, params: IdParams, response: { 200: Layout, ...errors } },
    },
    async (req) => layouts.get(req.params.id),
  )

  app.post(
    '/api/layouts',
    {
      config: { permission: 'content:write', audit: 'layout.create' },
      schema: { tags, body: LayoutInput, response: { 201: Layout, ...errors } },
    },
    async (req, reply) => {
      const created = layouts.create(req.body)
      app.approvals.edited('layout', created.id, editorOf(req.actor))
      return reply.code(201).send(created)
    },
  )

  app.put(
    '/api/layouts/:id',
    {
      config: { permission: 'content:write', audit: 'layout.update' },
      schema: { tags, params: IdParams, body: LayoutInput, response: { 200: Layout, ...errors } },
    },
    async (req) => {
      // A draft: screens keep the approved version until a new one is approved and published.
      const layout = layouts.replace(req.params.id, req.body)
      app.approvals.edited('layout', layout.id, editorOf(req.actor))
      return layout
    },
  )

  app.delete(
    '/api/layouts/:id',
    {
      config: { permission: 'content:write', audit: 'layout.delete' },
      schema: { tags, params: IdParams, response: { 204: Deleted, ...errors } },
    },
    async (req, reply) => {
      layouts.delete(req.params.id)
      app.approvals.forget('layout', req.params.id)
      return reply.code(204).send(null)
    },
  )
}
