import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody } from '@playlists/schemas/common'
import Type from 'typebox'

/** `GET /metrics` for Prometheus: an API token (viewer or above), or an address in METRICS_ALLOW. */
export const metricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/metrics',
    {
      config: { permission: 'metrics' },
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics',
        response: { 200: Type.String(), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (_req, reply) => {
      const { contentType, body } = await app.metrics.scrape()
      return reply.header('Content-Type', contentType).send(body)
    },
  )
}
