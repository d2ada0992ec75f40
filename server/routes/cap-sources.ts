import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { capSourcesApi } from '@playlists/api/cap'
import { type CapPolicy, CapPushAnswer, type CapSourceInput } from '@playlists/schemas/cap'
import { ErrorBody, IdParams } from '@playlists/schemas/common'
import { CAP_XML_BYTES_MAX } from '../cap/xml'
import { badRequest, conflict, unauthorized, unsupportedMedia } from '../errors'
import { ALLOW_SETTING, OutboundRefused } from '../outbound/policy'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['cap-sources']

/** The XML types a source may push: CAP's own, and the generic ones most senders use. */
const XML_TYPES = ['application/cap+xml', 'application/xml', 'text/xml']

/**
 * Official alert sources (CAP 1.2): admins register them and set their policy; a pushed source
 * posts its alerts with its own token. What an alert becomes is decided by server/cap/service.ts.
 */
export const capSourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { capSources } = app.repos

  /** Every site a policy names must exist: an alert would otherwise reach nothing, silently. */
  function checkPolicy(policy: CapPolicy): void {
    const named = [...policy.sites, ...policy.geocodes.flatMap((g) => g.sites)]
    for (const [i, site] of named.entries())
      if (!app.repos.sites.find(site))
        throw badRequest(
          'cap-source.site-unknown',
          `policy: site "${site}" does not exist.`,
          { field: 'policy', index: i },
          { siteId: site },
        )
  }

  async function checkUrl(input: Pick<CapSourceInput, 'url' | 'intervalMinutes'>, mode: 'pull' | 'push') {
    if (mode === 'push') {
      if (input.url !== undefined || input.intervalMinutes !== undefined)
        throw badRequest(
          'cap-source.url-push',
          'A pushed source has no url or interval: it sends its alerts.',
        )
      return
    }
    if (input.url === undefined || input.intervalMinutes === undefined)
      throw badRequest('cap-source.url-required', 'A pulled source needs a url and an intervalMinutes.')
    try {
      await app.outbound.vet(input.url)
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error
      throw badRequest('cap-source.url-refused', `url: ${error.message}`, {
        field: 'url',
        rule: error.rule,
        ...(error.rule === 'address' ? { address: error.address, setting: ALLOW_SETTING } : {}),
      })
    }
  }

  app.get(
    capSourcesApi.list.path,
    { config: { permission: 'settings:write' }, schema: schemaOf(capSourcesApi.list, {}, { tags }) },
    async () => capSources.list(),
  )

  app.get(
    capSourcesApi.get.path,
    { config: { permission: 'settings:write' }, schema: schemaOf(capSourcesApi.get, errors, { tags }) },
    async (req) => capSources.get(req.params.id),
  )

  app.get(
    capSourcesApi.received.path,
    {
      config: { permission: 'settings:write' },
      schema: schemaOf(capSourcesApi.received, errors, {
        tags,
        summary: 'The latest messages the source brought, and what became of each',
      }),
    },
    async (req) => capSources.received(req.params.id),
  )

  app.post(
    capSourcesApi.create.path,
    {
      config: { permission: 'settings:write', audit: 'cap-source.create' },
      schema: schemaOf(capSourcesApi.create, errors, {
        tags,
        summary: 'Register an official alert source, pulled from an address or pushing with its own token',
        description: 'A pushed source gets its token in this answer only; keep it, or make a new one later.',
      }),
    },
    async (req, reply) => {
      await checkUrl(req.body, req.body.mode)
      checkPolicy(req.body.policy)
      return reply.code(201).send(capSources.create(req.body))
    },
  )

  app.patch(
    capSourcesApi.update.path,
    {
      config: { permission: 'settings:write', audit: 'cap-source.update' },
      schema: schemaOf(capSourcesApi.update, errors, {
        tags,
        summary: "Change a source's name, address or policy",
      }),
    },
    async (req) => {
      const before = capSources.get(req.params.id)
      const { url, intervalMinutes } = req.body
      if (before.mode === 'pull' && (url === null || intervalMinutes === null))
        throw badRequest('cap-source.url-required', 'A pulled source needs a url and an intervalMinutes.')
      // Null is "none": what a pushed source has, and is read back with.
      const sent = { url: url ?? undefined, intervalMinutes: intervalMinutes ?? undefined }
      if (sent.url !== undefined || sent.intervalMinutes !== undefined) {
        const merged = {
          url: sent.url ?? before.url ?? undefined,
          intervalMinutes: sent.intervalMinutes ?? before.intervalMinutes ?? undefined,
        }
        await checkUrl(before.mode === 'push' ? sent : merged, before.mode)
      }
      if (req.body.policy) checkPolicy(req.body.policy)
      return capSources.update(req.params.id, req.body)
    },
  )

  app.delete(
    capSourcesApi.delete.path,
    {
      config: { permission: 'settings:write', audit: 'cap-source.delete' },
      schema: schemaOf(capSourcesApi.delete, errors, {
        tags,
        summary:
          'Delete a source with no open emergency message (409 cap-source.in-use naming them otherwise)',
        description:
          'Its received messages go with it, the pull job no longer fetches it and its push token stops working.',
      }),
    },
    async (req, reply) => {
      capSources.delete(req.params.id, app.clock())
      return reply.code(204).send(null)
    },
  )

  app.post(
    capSourcesApi.rotateToken.path,
    {
      config: { permission: 'settings:write', audit: 'cap-source.token' },
      schema: schemaOf(capSourcesApi.rotateToken, errors, {
        tags,
        summary: 'A new push token for the source; the old one stops working at once',
      }),
    },
    async (req) => {
      const source = capSources.get(req.params.id)
      if (source.mode !== 'push')
        throw conflict(
          'cap-source.not-push',
          `Source "${source.id}" is pulled: only a pushed source has a token.`,
          undefined,
          {
            id: source.id,
          },
        )
      return { token: capSources.rotateToken(source.id), source: capSources.get(source.id) }
    },
  )

  // The source's own endpoint: its token, not an account, opens it; the body is the XML itself.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      XML_TYPES,
      { parseAs: 'buffer', bodyLimit: CAP_XML_BYTES_MAX },
      (_req, body, done) => done(null, body),
    )
    scope.post(
      '/api/cap-sources/:id/alerts',
      {
        config: { permission: 'public', audit: 'cap.push' },
        schema: {
          tags,
          summary: 'Push CAP 1.2 alerts (one <alert>, or an EDXL-DE distribution) with the source token',
          description:
            'Send "Authorization: Bearer gca_…" and the XML as application/cap+xml (or application/xml, text/xml). ' +
            'Each alert is checked against the CAP 1.2 schema and becomes an emergency message waiting for approval, ' +
            "unless the source's break-glass rule puts it on air at once.",
          params: IdParams,
          response: { 200: CapPushAnswer, 400: ErrorBody, 401: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (req) => {
        const secret = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
        const source = secret ? capSources.byToken((req.params as IdParams).id, secret) : undefined
        if (!source)
          throw unauthorized(
            'cap-source.token',
            'Send this source\'s push token as "Authorization: Bearer gca_…".',
          )
        const body = req.body
        // JSON has the app's own parser; anything but the XML types is refused as a type, not as bad XML.
        if (!Buffer.isBuffer(body))
          throw unsupportedMedia(
            'request.content-type',
            'Send the alert as XML (Content-Type application/cap+xml).',
            undefined,
            { accepted: XML_TYPES.join(', ') },
          )
        return { results: await app.cap.receive(source, body, req) }
      },
    )
  })
}
