import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { emergenciesApi } from '@playlists/api/operations'
import { targetsOfEmergency } from '@playlists/schedule/reach'
import { ErrorBody, IdParams } from '@playlists/schemas/common'
import { Emergency, type EmergencyTargets } from '@playlists/schemas/emergency'
import { userActor } from '../auth/accounts'
import { badRequest, forbidden } from '../errors'
import type { Repositories } from '../repositories'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['emergencies']

/** The screens a message reaches, by the core's rule; every named site and screen must exist. */
function targetScreens(repos: Repositories, targets: EmergencyTargets): string[] {
  for (const site of targets.sites ?? []) {
    if (!repos.sites.find(site))
      throw badRequest('emergency.site-unknown', `targets.sites: site "${site}" does not exist.`, undefined, {
        siteId: site,
      })
  }
  for (const screen of targets.screens ?? []) {
    if (!repos.screens.find(screen))
      throw badRequest(
        'emergency.screen-unknown',
        `targets.screens: screen "${screen}" does not exist.`,
        undefined,
        { screenId: screen },
      )
  }
  const ids = new Set<string>()
  for (const target of targetsOfEmergency(targets))
    for (const id of repos.screens.idsForTarget(target)) ids.add(id)
  return [...ids].sort()
}

export const emergencyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { emergencies } = app.repos

  app.get(
    emergenciesApi.list.path,
    { config: { permission: 'preview' }, schema: schemaOf(emergenciesApi.list, {}, { tags }) },
    async () => emergencies.list(),
  )

  app.get(
    '/api/emergencies/:id',
    {
      config: { permission: 'preview' },
      schema: { tags, params: IdParams, response: { 200: Emergency, ...errors } },
    },
    async (req) => emergencies.get(req.params.id),
  )

  app.post(
    emergenciesApi.send.path,
    {
      config: { permission: 'emergency:send', audit: 'emergency.send' },

      schema: schemaOf(emergenciesApi.send, errors, {
        tags,
        summary:
          'Show a trilingual message above everything on chosen screens, sites or all, until it expires',
        description:
          'It airs once another approver or an admin approves it (POST /api/emergencies/{id}/approve), or at once ' +
          'when every screen it reaches lies in a site whose admin allowed self-approval.',
      }),
    },
    async (req, reply) => {
      const sender = userActor(req.actor)
      const screens = targetScreens(app.repos, req.body.targets)
      // Four eyes, unless an admin let this site's approvers send alone (every screen reached must allow it).
      const sites = [...new Set(screens.map((id) => app.repos.screens.get(id).siteId))]
      const selfApproved = app.repos.sites.allowEmergencySelfApproval(sites)
      const created = emergencies.create(req.body, screens, sender.user.id, selfApproved)
      if (selfApproved) app.publisher.republish(created.screens)
      return reply.code(201).send(created)
    },
  )

  app.post(
    emergenciesApi.approve.path,
    {
      config: { permission: 'emergency:send', audit: 'emergency.approve' },
      schema: schemaOf(emergenciesApi.approve, errors, {
        tags,
        summary: "Approve another approver's message: it goes on air at once",
      }),
    },
    async (req) => {
      const approver = userActor(req.actor)
      const pending = emergencies.get(req.params.id)
      if (pending.createdBy === approver.user.id) {
        throw forbidden(
          'emergency.own-message',
          'You sent this message: another approver or an admin must approve it.',
          undefined,
          { id: req.params.id },
        )
      }
      const approved = emergencies.approve(req.params.id, approver.user.id)
      app.publisher.republish(approved.screens)
      app.audit(req, {
        action: 'emergency.approve',
        objectType: 'emergency',
        objectId: approved.id,
        before: pending,
        after: approved,
        detail: req.body?.comment ?? null,
      })
      return approved
    },
  )

  app.post(
    emergenciesApi.clear.path,
    {
      config: { permission: 'emergency:send', audit: 'emergency.clear' },

      schema: schemaOf(emergenciesApi.clear, errors, { tags, summary: 'End the message now' }),
    },
    async (req) => {
      const cleared = emergencies.clear(req.params.id)
      app.publisher.republish(cleared.screens)
      return cleared
    },
  )
}
