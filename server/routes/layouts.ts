import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { layoutsApi } from '@playlists/api/content'
import { ErrorBody } from '@playlists/schemas/common'
import { editorOf } from '../approvals/service'
import { LAYOUT_PRESETS } from '../layouts/presets'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['layouts']

export const layoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { layouts } = app.repos

  app.get(
    layoutsApi.list.path,
    { config: { permission: 'content:read' }, schema: schemaOf(layoutsApi.list, {}, { tags }) },
    async () => layouts.list(),
  )

  app.get(
    layoutsApi.presets.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(
        layoutsApi.presets,
        {},
        {
          tags,
          summary: 'Ready-made zone arrangements for the panel shapes at the gates, to start a layout from',
        },
      ),
    },
    async () => [...LAYOUT_PRESETS],
  )

  app.get(
    layoutsApi.get.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(layoutsApi.get, errors, { tags }),
    },
    async (req) => layouts.get(req.params.id),
  )

  app.post(
    layoutsApi.create.path,
    {
      config: { permission: 'content:write', audit: 'layout.create' },
      schema: schemaOf(layoutsApi.create, errors, { tags }),
    },
    async (req, reply) => {
      const created = layouts.create(req.body)
      app.approvals.edited('layout', created.id, editorOf(req.actor))
      return reply.code(201).send(created)
    },
  )

  app.put(
    layoutsApi.replace.path,
    {
      config: { permission: 'content:write', audit: 'layout.update' },
      schema: schemaOf(layoutsApi.replace, errors, { tags }),
    },
    async (req) => {
      // A draft: screens keep the approved version until a new one is approved and published.
      const layout = layouts.replace(req.params.id, req.body)
      app.approvals.edited('layout', layout.id, editorOf(req.actor))
      return layout
    },
  )

  app.delete(
    layoutsApi.delete.path,
    {
      config: { permission: 'content:write', audit: 'layout.delete' },
      schema: schemaOf(layoutsApi.delete, errors, { tags }),
    },
    async (req, reply) => {
      layouts.delete(req.params.id)
      app.approvals.forget('layout', req.params.id)
      return reply.code(204).send(null)
    },
  )
}
