import { join } from 'node:path'
import fp from 'fastify-plugin'
import { GatecastMetrics } from '../metrics/metrics'
import { DATABASE_FILE } from './db'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: GatecastMetrics
  }
}

/** Prometheus metrics: the registry, and every answered request's latency by route. */
export const metricsPlugin = fp<{ dataDir: string }>(
  async (app, { dataDir }) => {
    app.decorate('metrics', new GatecastMetrics(app, { database: join(dataDir, DATABASE_FILE) }))
    app.addHook('onResponse', async (request, reply) => {
      // The route's pattern keeps the label set small: /api/screens/:id, not one series per screen.
      const route = request.is404 ? '(unmatched)' : (request.routeOptions.url ?? '(unknown)')
      app.metrics.httpDuration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      )
    })
  },
  { name: 'metrics', dependencies: ['db'] },
)
