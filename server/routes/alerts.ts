import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { alertsApi } from '@playlists/api/alerts'
import { INCIDENT_PAGE_SIZES, Incident } from '@playlists/schemas/alerts'
import { ErrorBody, IdParams } from '@playlists/schemas/common'
import { vetAddress } from '../outbound/vet'
import { schemaOf } from './contract'
import { pageAnswer, pageOf } from './paging'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['alerts']

/**
 * Alerts: rules (a default and per-site overrides; admins change them), incidents (operators
 * read and acknowledge them) and webhooks with their delivery record (admins).
 */
export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { alerts, webhooks } = app.repos

  /** A webhook the server would refuse to call is refused when saved, naming the rule and the setting. */
  const vetUrl = (url: string) => vetAddress(app.outbound, url, 'webhook.url-refused')

  app.get(
    alertsApi.rules.path,
    {
      config: { permission: 'screens:operate' },
      schema: schemaOf(
        alertsApi.rules,
        {},
        { tags, summary: 'The default alert rules and the sites that have their own' },
      ),
    },
    async () => alerts.rules(),
  )

  app.put(
    alertsApi.setDefaultRules.path,
    {
      config: { permission: 'settings:write', audit: 'alert-rules.update' },
      schema: schemaOf(alertsApi.setDefaultRules, errors, {
        tags,
        summary: 'Replace the rules every site without its own follows',
      }),
    },
    async (req) => alerts.setRules(null, req.body),
  )

  app.put(
    alertsApi.setSiteRules.path,
    {
      config: { permission: 'settings:write', audit: 'alert-rules.update' },
      schema: schemaOf(alertsApi.setSiteRules, errors, {
        tags,
        summary: 'Give a site rules of its own (replacing the default there)',
      }),
    },
    async (req) => alerts.setRules(req.params.id, req.body),
  )

  app.delete(
    alertsApi.resetSiteRules.path,
    {
      config: { permission: 'settings:write', audit: 'alert-rules.delete' },
      schema: schemaOf(alertsApi.resetSiteRules, errors, {
        tags,
        summary: 'The site follows the default rules again',
      }),
    },
    async (req, reply) => {
      alerts.deleteSiteRules(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    alertsApi.incidents.path,
    {
      config: { permission: 'screens:operate' },
      schema: schemaOf(
        alertsApi.incidents,
        { 400: ErrorBody },
        {
          tags,
          summary: 'Incidents: open ones (default), resolved ones (newest first) or all; by site or screen',
        },
      ),
    },
    async (req) => {
      const page = pageOf(req.query, INCIDENT_PAGE_SIZES)
      const filter = {
        state: req.query.state ?? 'open',
        siteId: req.query.siteId,
        screenId: req.query.screenId,
      }
      return pageAnswer(alerts.list(filter, page), page)
    },
  )

  app.get(
    '/api/alerts/incidents/:id',
    {
      config: { permission: 'screens:operate' },
      schema: { tags, params: IdParams, response: { 200: Incident, 404: ErrorBody } },
    },
    async (req) => alerts.get(req.params.id),
  )

  app.post(
    alertsApi.acknowledge.path,
    {
      config: { permission: 'screens:operate', audit: 'incident.acknowledge' },
      schema: schemaOf(alertsApi.acknowledge, errors, {
        tags,
        summary: 'Say that someone has seen the incident and is on it (once; the console shows who)',
      }),
    },
    async (req) => {
      const actor = req.actor
      const by = actor.kind === 'user' ? actor.user.username : 'unknown'
      const note = req.body.note?.trim() || null
      return app.alerts.acknowledge(req.params.id, by, note)
    },
  )

  app.get(
    alertsApi.webhooks.path,
    {
      config: { permission: 'settings:write' },
      schema: schemaOf(alertsApi.webhooks, {}, { tags, summary: 'Where incidents are sent' }),
    },
    async () => webhooks.list(),
  )

  app.post(
    alertsApi.createWebhook.path,
    {
      config: { permission: 'settings:write', audit: 'webhook.create' },
      schema: schemaOf(alertsApi.createWebhook, errors, {
        tags,
        summary: 'Add a webhook: a JSON POST for every incident opened and resolved',
        description:
          'With a secret, each body is signed: X-Gatecast-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>.',
      }),
    },
    async (req, reply) => {
      await vetUrl(req.body.url)
      return reply.code(201).send(webhooks.create(req.body))
    },
  )

  app.put(
    alertsApi.updateWebhook.path,
    {
      config: { permission: 'settings:write', audit: 'webhook.update' },
      schema: schemaOf(alertsApi.updateWebhook, errors, {
        tags,
        summary: 'Change a webhook (a secret left out is kept; null removes it)',
      }),
    },
    async (req) => {
      await vetUrl(req.body.url)
      return webhooks.update(req.params.id, req.body)
    },
  )

  app.delete(
    alertsApi.deleteWebhook.path,
    {
      config: { permission: 'settings:write', audit: 'webhook.delete' },
      schema: schemaOf(alertsApi.deleteWebhook, errors, { tags }),
    },
    async (req, reply) => {
      webhooks.delete(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    alertsApi.deliveries.path,
    {
      config: { permission: 'settings:write' },
      schema: schemaOf(
        alertsApi.deliveries,
        { 400: ErrorBody, 404: ErrorBody },
        {
          tags,
          summary:
            "The webhook's deliveries, newest first, each with every attempt (status code or error, duration)",
        },
      ),
    },
    async (req) => {
      const page = pageOf(req.query, INCIDENT_PAGE_SIZES)
      return pageAnswer(webhooks.deliveries(req.params.id, page), page)
    },
  )
}
