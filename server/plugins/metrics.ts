import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { GatecastMetrics } from '../metrics/metrics'
import { DATABASE_FILE } from './db'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: GatecastMetrics
  }
  interface FastifyRequest {
    /** performance.now() when the request's first hook ran. */
    receivedAt: number
  }
}

/** Prometheus metrics: the registry, and every answered request's latency by route. */
export const metricsPlugin = fp<{ dataDir: string }>(
  async (app, { dataDir }) => {
    app.decorate('metrics', new GatecastMetrics(app, { database: join(dataDir, DATABASE_FILE) }))
    app.decorateRequest('receivedAt', 0)
    // The clock starts at the first hook; observeAnswers stops it.
    app.addHook('onRequest', (request, _reply, done) => {
      request.receivedAt = performance.now()
      done()
    })
  },
  { name: 'metrics', dependencies: ['db'] },
)

/**
 * Observes each answer's latency when it is handed over (the last onSend hook: app.ts registers
 * it after every other, so an audit entry's write counts), not at the socket's 'finish': waiting
 * for that event costs each request two listeners and a tick, more than the rest of the
 * measurement (bench `api`). Synchronous, as every hook on the request path.
 */
export function observeAnswers(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    // The route's pattern keeps the label set small: /api/screens/:id, not one series per screen.
    const route = request.is404 ? '(unmatched)' : (request.routeOptions.url ?? '(unknown)')
    const seconds = (performance.now() - request.receivedAt) / 1000
    app.metrics.httpDuration.observe(request.method, route, reply.statusCode, seconds)
    done(null, payload)
  })
}
