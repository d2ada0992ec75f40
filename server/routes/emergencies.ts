import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ErrorBody, IdParams } from '../../playlists/schemas/common'
import { Emergency, EmergencyInput, type EmergencyTargets } from '../../playlists/schemas/emergency'
import { badRequest } from '../errors'
import type { Repositories } from '../repositories'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['emergencies']
const config = { permission: 'emergency:send' as const }

/** The screens a message reaches; every named site and screen must exist. */
function targetScreens(repos: Repositories, targets: EmergencyTargets): string[] {
  const ids = new Set<string>()
  if (targets.all) for (const id of repos.screens.idsForTarget({ type: 'all' })) ids.add(id)
  for (const site of targets.sites ?? []) {
    if (!repos.sites.find(site)) throw badRequest(`targets.sites: site "${site}" does not exist.`)
    for (const id of repos.screens.idsForTarget({ type: 'site', id: site })) ids.add(id)
  }
  for (const screen of targets.screens ?? []) {
    if (!repos.screens.find(screen)) throw badRequest(`targets.screens: screen "${screen}" does not exist.`)
    ids.add(screen)
  }
  return [...ids].sort()
}

export const emergencyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { emergencies } = app.repos

  app.get('/api/emergencies', { schema: { tags, response: { 200: Type.Array(Emergency) } } }, async () =>
    emergencies.list(),
  )

  app.get(
    '/api/emergencies/:id',
    { schema: { tags, params: IdParams, response: { 200: Emergency, ...errors } } },
    async (req) => emergencies.get(req.params.id),
  )

  app.post(
    '/api/emergencies',
    {
      config,
      schema: {
        tags,
        summary:
          'Show a trilingual message above everything on chosen screens, sites or all, until it expires',
        body: EmergencyInput,
        response: { 201: Emergency, ...errors },
      },
    },
    async (req, reply) => {
      const created = emergencies.create(req.body, targetScreens(app.repos, req.body.targets))
      app.publisher.republish(created.screens)
      return reply.code(201).send(created)
    },
  )

  app.post(
    '/api/emergencies/:id/clear',
    {
      config,
      schema: {
        tags,
        summary: 'End the message now',
        params: IdParams,
        response: { 200: Emergency, ...errors },
      },
    },
    async (req) => {
      const cleared = emergencies.clear(req.params.id)
      app.publisher.republish(cleared.screens)
      return cleared
    },
  )
}
