import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sitesApi } from '@playlists/api/places'
import { canonicalJson } from '@playlists/canonical'
import { Deleted, ErrorBody, IdParams } from '@playlists/schemas/common'
import type { PowerPlan } from '@playlists/schemas/power'
import { Site, SiteInput, SyncGroup, SyncGroupInput } from '@playlists/schemas/site'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sendAgentConfig } from '../realtime/agents'
import { assertPowerPlan } from '../repositories/power-plans'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['sites']

export const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sites } = app.repos

  app.get(
    sitesApi.list.path,
    { config: { permission: 'preview' }, schema: schemaOf(sitesApi.list, {}, { tags }) },
    async () => sites.list(),
  )

  app.get(
    sitesApi.get.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(sitesApi.get, errors, { tags }),
    },
    async (req) => sites.get(req.params.id),
  )

  app.post(
    '/api/sites',
    {
      config: { permission: 'settings:write', audit: 'site.create' },
      schema: { tags, body: SiteInput, response: { 201: Site, ...errors } },
    },
    async (req, reply) => {
      const { onAirFeed, powerPlan } = req.body
      if (powerPlan) assertPowerPlan(powerPlan) // before the site exists: a refusal leaves nothing
      let site = sites.create(req.body)
      if (onAirFeed) site = sites.setOnAirFeed(site.id, onAirFeed)
      if (powerPlan) site = sites.setPowerPlan(site.id, powerPlan)
      return reply.code(201).send(site)
    },
  )

  app.put(
    sitesApi.update.path,
    {
      config: { permission: 'settings:write', audit: 'site.update' },
      schema: schemaOf(sitesApi.update, errors, { tags }),
    },
    async (req) => {
      const { onAirFeed, powerPlan } = req.body
      const before = sites.get(req.params.id)
      if (powerPlan) assertPowerPlan(powerPlan) // before anything changes
      let site = sites.update(req.params.id, req.body)
      if (onAirFeed && onAirFeed !== before.onAirFeed) site = sites.setOnAirFeed(site.id, onAirFeed)
      if (powerPlan && canonicalJson(powerPlan) !== canonicalJson(before.powerPlan)) {
        site = setSitePowerPlan(app, req, site.id, powerPlan)
      }
      // Site name and time zone are part of every screen's document there.
      app.publisher.republish(app.repos.screens.list({ siteId: site.id }).map((s) => s.id))
      return site
    },
  )

  app.put(
    sitesApi.onAirFeed.path,
    {
      config: { permission: 'settings:write', audit: 'site.on-air-feed' },
      schema: schemaOf(sitesApi.onAirFeed, errors, { tags }),
    },
    // Not in any screen's document: nothing to republish.
    async (req) => sites.setOnAirFeed(req.params.id, req.body.access),
  )

  app.put(
    sitesApi.powerPlan.path,
    {
      config: { permission: 'settings:write', audit: 'site.power-plan' },
      schema: schemaOf(sitesApi.powerPlan, errors, { tags }),
    },
    async (req) => setSitePowerPlan(app, req, req.params.id, req.body),
  )

  app.delete(
    '/api/sites/:id',
    {
      config: { permission: 'settings:write', audit: 'site.delete' },
      schema: { tags, params: IdParams, response: { 204: Deleted, ...errors } },
    },
    async (req, reply) => {
      sites.delete(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    sitesApi.syncGroups.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(sitesApi.syncGroups, {}, { tags }),
    },
    async (req) => sites.listSyncGroups(req.query.siteId),
  )

  app.post(
    '/api/sync-groups',
    {
      config: { permission: 'settings:write', audit: 'sync-group.create' },
      schema: { tags, body: SyncGroupInput, response: { 201: SyncGroup, ...errors } },
    },
    async (req, reply) => reply.code(201).send(sites.createSyncGroup(req.body)),
  )
}

/**
 * A site's plan set (its own route, or a site sent back with a different plan): audited on the
 * site and in the history of every screen that follows it, and only those screens republished.
 */
function setSitePowerPlan(app: FastifyInstance, req: FastifyRequest, id: string, plan: PowerPlan) {
  const before = app.repos.sites.get(id)
  const site = app.repos.sites.setPowerPlan(id, plan)
  app.audit(req, { action: 'site.power-plan', objectType: 'site', objectId: site.id, before, after: site })
  // Only the screens that follow the site change; each records it in its own history.
  const followers = app.repos.screens.list({ siteId: site.id }).filter((s) => s.powerPlan === null)
  for (const screen of followers) {
    app.audit(req, {
      action: 'screen.power-plan',
      objectType: 'screen',
      objectId: screen.id,
      before: { source: 'site', plan: before.powerPlan },
      after: { source: 'site', plan: site.powerPlan },
      detail: `the plan of site ${site.id}`,
    })
  }
  app.publisher.republish(followers.map((s) => s.id))
  sendAgentConfig(
    app,
    followers.map((s) => s.id),
  )
  return site
}
