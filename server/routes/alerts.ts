import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AcknowledgeInput,
  AlertRuleSet,
  AlertRules,
  AlertRulesList,
  DeliveryPage,
  DeliveryQuery,
  INCIDENT_PAGE_SIZES,
  Incident,
  IncidentPage,
  IncidentQuery,
  Webhook,
  WebhookInput,
} from '@playlists/schemas/alerts'
import { Deleted, ErrorBody, IdParams } from '@playlists/schemas/common'
import Type from 'typebox'
import { badRequest } from '../errors'
import { ALLOW_SETTING, OutboundRefused } from '../outbound/policy'
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
  async function vetUrl(url: string): Promise<void> {
    try {
      await app.outbound.vet(url)
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error
      throw badRequest('webhook.url-refused', `url: ${error.message}`, {
        field: 'url',
        rule: error.rule,
        ...(error.rule === 'address' ? { address: error.address, setting: ALLOW_SETTING } : {}),
      })
    }
  }

  app.get(
    '/api/alerts/rules',
    {
      config: { permission: 'screens:operate' },
      schema: {
        tags,
        summary: 'The default alert rules and the sites that have their own',
        response: { 200: AlertRulesList },
      },
    },
    async () => alerts.rules(),
  )

  app.put(
    '/api/alerts/rules/default',
    {
      config: { permission: 'settings:write', audit: 'alert-rules.update' },
      schema: {
        tags,
        summary: 'Replace the rules every site without its own follows',
        body: AlertRules,
        response: { 200: AlertRuleSet, ...errors },
      },
    },
    async (req) => alerts.setRules(null, req.body),
  )

  app.put(
    '/api/alerts/rules/sites/:id',
    {
      config: { permission: 'settings:write', audit: 'alert-rules.update' },
      schema: {
        tags,
        summary: 'Give a site rules of its own (replacing the default there)',
        params: IdParams,
        body: AlertRules,
        response: { 200: AlertRuleSet, ...errors },
      },
    },
    async (req) => alerts.setRules(req.params.id, req.body),
  )

  app.delete(
    '/api/alerts/rules/sites/:id',
    {
      config: { permission: 'settings:write', audit: 'alert-rules.delete' },
      schema: {
        tags,
        summary: 'The site follows the default rules again',
        params: IdParams,
        response: { 204: Deleted, ...errors },
      },
    },
    async (req, reply) => {
      alerts.deleteSiteRules(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/alerts/incidents',
    {
      config: { permission: 'screens:operate' },
      schema: {
        tags,
        summary: 'Incidents: open ones (default), resolved ones (newest first) or all; by site or screen',
        querystring: IncidentQuery,
        response: { 200: IncidentPage, 400: ErrorBody },
      },
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
    '/api/alerts/incidents/:id/acknowledge',
    {
      config: { permission: 'screens:operate', audit: 'incident.acknowledge' },
      schema: {
        tags,
        summary: 'Say that someone has seen the incident and is on it (once; the console shows who)',
        params: IdParams,
        body: AcknowledgeInput,
        response: { 200: Incident, ...errors },
      },
    },
    async (req) => {
      const actor = req.actor
      const by = actor.kind === 'user' ? actor.user.username : 'unknown'
      const note = req.body.note?.trim() || null
      return app.alerts.acknowledge(req.params.id, by, note)
    },
  )

  app.get(
    '/api/alerts/webhooks',
    {
      config: { permission: 'settings:write' },
      schema: { tags, summary: 'Where incidents are sent', response: { 200: Type.Array(Webhook) } },
    },
    async () => webhooks.list(),
  )

  app.post(
    '/api/alerts/webhooks',
    {
      config: { permission: 'settings:write', audit: 'webhook.create' },
      schema: {
        tags,
        summary: 'Add a webhook: a JSON POST for every incident opened and resolved',
        description:
          'With a secret, each body is signed: X-Gatecast-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>.',
        body: WebhookInput,
        response: { 201: Webhook, ...errors },
      },
    },
    async (req, reply) => {
      await vetUrl(req.body.url)
      return reply.code(201).send(webhooks.create(req.body))
    },
  )

  app.put(
    '/api/alerts/webhooks/:id',
    {
      config: { permission: 'settings:write', audit: 'webhook.update' },
      schema: {
        tags,
        summary: 'Change a webhook (a secret left out is kept; null removes it)',
        params: IdParams,
        body: WebhookInput,
        response: { 200: Webhook, ...errors },
      },
    },
    async (req) => {
      await vetUrl(req.body.url)
      return webhooks.update(req.params.id, req.body)
    },
  )

  app.delete(
    '/api/alerts/webhooks/:id',
    {
      config: { permission: 'settings:write', audit: 'webhook.delete' },
      schema: { tags, params: IdParams, response: { 204: Deleted, ...errors } },
    },
    async (req, reply) => {
      webhooks.delete(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/alerts/webhooks/:id/deliveries',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        summary:
          "The webhook's deliveries, newest first, each with every attempt (status code or error, duration)",
        params: IdParams,
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const page = pageOf(req.query, INCIDENT_PAGE_SIZES)
      return pageAnswer(webhooks.deliveries(req.params.id, page), page)
    },
  )
}
