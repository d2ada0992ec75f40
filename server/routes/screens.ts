import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { screensApi } from '@playlists/api/places'
import { canonicalJson } from '@playlists/canonical'
import { Deleted, ErrorBody, IdParams } from '@playlists/schemas/common'
import type { ScreenDocument } from '@playlists/schemas/document'
import { Screen, ScreenInput } from '@playlists/schemas/screen'
import { notFound } from '../errors'
import { disconnectActors } from '../realtime/access'
import { sendAgentConfig } from '../realtime/agents'
import { followSyncGroup } from '../realtime/players'
import { assertPowerPlan } from '../repositories/power-plans'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['screens']

export const screenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { screens, documents } = app.repos

  app.get(
    screensApi.list.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(screensApi.list, {}, { tags }),
    },
    async (req) => screens.list({ siteId: req.query.siteId }),
  )

  app.get(
    screensApi.get.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(screensApi.get, errors, { tags }),
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
      const { powerPlan } = req.body
      if (powerPlan) assertPowerPlan(powerPlan) // before the screen exists: a refusal leaves nothing
      let screen = screens.create(req.body)
      if (powerPlan) screen = screens.setPowerPlan(screen.id, powerPlan)
      app.publisher.republish([screen.id])
      return reply.code(201).send(screen)
    },
  )

  app.put(
    screensApi.update.path,
    {
      config: { permission: 'settings:write', audit: 'screen.update' },
      schema: schemaOf(screensApi.update, errors, { tags }),
    },
    async (req) => {
      const { powerPlan } = req.body
      if (powerPlan) assertPowerPlan(powerPlan) // before anything changes
      const before = screens.get(req.params.id)
      let screen = screens.update(req.params.id, req.body)
      // A plan sent back unchanged (a screen read, edited and sent again) changes nothing.
      if (powerPlan !== undefined && canonicalJson(powerPlan) !== canonicalJson(before.powerPlan)) {
        screen = screens.setPowerPlan(screen.id, powerPlan)
      }
      // Size, zone and default playlist are all in the document: recompile, push if changed.
      app.publisher.republish([screen.id])
      followSyncGroup(app, screen)
      // The agent's settings and its plan: it applies them from now on.
      sendAgentConfig(app, [screen.id])
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

  app.put(
    screensApi.powerPlan.path,
    {
      config: { permission: 'settings:write', audit: 'screen.power-plan' },
      schema: schemaOf(screensApi.powerPlan, errors, { tags }),
    },
    async (req) => {
      const screen = screens.setPowerPlan(req.params.id, req.body.plan)
      // The resolved plan is in the screen's document: the player applies it offline too.
      app.publisher.republish([screen.id])
      sendAgentConfig(app, [screen.id])
      return screen
    },
  )

  app.get(
    screensApi.document.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(screensApi.document, errors, {
        tags,
        summary: "The screen's current published document (what it plays)",
      }),
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
