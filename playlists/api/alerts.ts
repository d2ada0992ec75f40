import Type from 'typebox'
import {
  AcknowledgeInput,
  AlertRuleSet,
  AlertRules,
  AlertRulesList,
  DeliveryPage,
  DeliveryQuery,
  Incident,
  IncidentPage,
  IncidentQuery,
  Webhook,
  WebhookInput,
} from '../schemas/alerts'
import { Deleted, IdParams } from '../schemas/common'
import { route } from './route'

/** Alert rules (a default, and per site), the incidents they raise, and the webhooks told of them. */
export const alertsApi = {
  rules: route('GET', '/api/alerts/rules', { response: { 200: AlertRulesList } }),
  setDefaultRules: route('PUT', '/api/alerts/rules/default', {
    body: AlertRules,
    response: { 200: AlertRuleSet },
  }),
  setSiteRules: route('PUT', '/api/alerts/rules/sites/:id', {
    params: IdParams,
    body: AlertRules,
    response: { 200: AlertRuleSet },
  }),
  resetSiteRules: route('DELETE', '/api/alerts/rules/sites/:id', {
    params: IdParams,
    response: { 204: Deleted },
  }),
  incidents: route('GET', '/api/alerts/incidents', {
    querystring: IncidentQuery,
    response: { 200: IncidentPage },
  }),
  acknowledge: route('POST', '/api/alerts/incidents/:id/acknowledge', {
    params: IdParams,
    body: AcknowledgeInput,
    response: { 200: Incident },
  }),
  webhooks: route('GET', '/api/alerts/webhooks', { response: { 200: Type.Array(Webhook) } }),
  createWebhook: route('POST', '/api/alerts/webhooks', { body: WebhookInput, response: { 201: Webhook } }),
  updateWebhook: route('PUT', '/api/alerts/webhooks/:id', {
    params: IdParams,
    body: WebhookInput,
    response: { 200: Webhook },
  }),
  deleteWebhook: route('DELETE', '/api/alerts/webhooks/:id', {
    params: IdParams,
    response: { 204: Deleted },
  }),
  deliveries: route('GET', '/api/alerts/webhooks/:id/deliveries', {
    params: IdParams,
    querystring: DeliveryQuery,
    response: { 200: DeliveryPage },
  }),
}
