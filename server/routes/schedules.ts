import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { Deleted, ErrorBody, IdParams } from '../../playlists/schemas/common'
import { Schedule, ScheduleInput, type Target } from '../../playlists/schemas/schedule'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['schedules']
const config = { permission: 'schedule:write' as const }

export const scheduleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { schedules, screens } = app.repos
  /** A change reaches only the screens the entry aimed at, before and after the change. */
  const republish = (...targets: Target[]) =>
    app.publisher.republish(targets.flatMap((t) => screens.idsForTarget(t)))

  app.get(
    '/api/schedules',
    {
      schema: {
        tags,
        querystring: Type.Object({ playlistId: Type.Optional(Type.String()) }),
        response: { 200: Type.Array(Schedule) },
      },
    },
    async (req) => schedules.list({ playlistId: req.query.playlistId }),
  )

  app.get(
    '/api/schedules/:id',
    { schema: { tags, params: IdParams, response: { 200: Schedule, ...errors } } },
    async (req) => schedules.get(req.params.id),
  )

  app.post(
    '/api/schedules',
    {
      config,
      schema: {
        tags,
        summary: 'Put a playlist on a screen, sync group, site or every screen during recurring windows',
        body: ScheduleInput,
        response: { 201: Schedule, ...errors },
      },
    },
    async (req, reply) => {
      const created = schedules.create(req.body)
      republish(created.target)
      return reply.code(201).send(created)
    },
  )

  app.put(
    '/api/schedules/:id',
    {
      config,
      schema: { tags, params: IdParams, body: ScheduleInput, response: { 200: Schedule, ...errors } },
    },
    async (req) => {
      const { before, after } = schedules.update(req.params.id, req.body)
      republish(before.target, after.target)
      return after
    },
  )

  app.delete(
    '/api/schedules/:id',
    { config, schema: { tags, params: IdParams, response: { 204: Deleted, ...errors } } },
    async (req, reply) => {
      republish(schedules.delete(req.params.id).target)
      return reply.code(204).send(null)
    },
  )
}
