import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { schedulesApi } from '@playlists/api/content'
import { ErrorBody, IdParams } from '@playlists/schemas/common'
import { Schedule } from '@playlists/schemas/schedule'
import { editorOf } from '../approvals/service'
import { conflict } from '../errors'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['schedules']

export const scheduleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { schedules } = app.repos

  app.get(
    schedulesApi.list.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(schedulesApi.list, {}, { tags }),
    },
    async (req) => schedules.list({ playlistId: req.query.playlistId }),
  )

  app.get(
    '/api/schedules/:id',
    {
      config: { permission: 'content:read' },
      schema: { tags, params: IdParams, response: { 200: Schedule, ...errors } },
    },
    async (req) => schedules.get(req.params.id),
  )

  app.post(
    schedulesApi.create.path,
    {
      config: { permission: 'content:write', audit: 'schedule.create' },

      schema: schemaOf(schedulesApi.create, errors, {
        tags,
        summary: 'Put a playlist on a screen, sync group, site or every screen during recurring windows',
      }),
    },
    async (req, reply) => {
      // A draft: it reaches screens once a version of it is approved and published.
      const created = schedules.create(req.body)
      app.approvals.edited('schedule', created.id, editorOf(req.actor))
      return reply.code(201).send(created)
    },
  )

  app.put(
    schedulesApi.update.path,
    {
      config: { permission: 'content:write', audit: 'schedule.update' },

      schema: schemaOf(schedulesApi.update, errors, { tags }),
    },
    async (req) => {
      // Screens keep playing the approved version until a new one is approved and published.
      const { after } = schedules.update(req.params.id, req.body)
      app.approvals.edited('schedule', after.id, editorOf(req.actor))
      return after
    },
  )

  app.delete(
    schedulesApi.delete.path,
    {
      config: { permission: 'content:write', audit: 'schedule.delete' },
      schema: schemaOf(schedulesApi.delete, errors, { tags }),
    },
    async (req, reply) => {
      const { id } = req.params
      schedules.get(id)
      // Taking an entry off the air changes what screens show: that goes through approval too.
      if (app.repos.versions.live('schedule', id)) {
        throw conflict(
          'schedule.on-air',
          `Schedule entry "${id}" is on air: submit its withdrawal (POST /api/schedules/${id}/submit {"withdraw": true}), have it approved and published, then delete it.`,
          undefined,
          { id },
        )
      }
      schedules.delete(id)
      app.approvals.forget('schedule', id)
      return reply.code(204).send(null)
    },
  )
}
