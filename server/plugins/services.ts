import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ApprovalService } from '../approvals/service'
import type { Clock } from '../clock'
import { runGuarded } from '../guard'
import { Publisher, type PublishProblems } from '../publishing/publisher'
import { broadcastStatuses, deliverDocuments } from '../realtime/delivery'
import { ScreenStatusService } from '../realtime/status'
import { createRepositories, type Repositories } from '../repositories'

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories
    publisher: Publisher
    approvals: ApprovalService
    clock: Clock
    screenStatus: ScreenStatusService
  }
}

/** Logged and counted: an operator learns of a screen that plays its fallback, or an item left out. */
const publishProblems = (app: FastifyInstance): PublishProblems => ({
  compileFailed: (screenId, error) => {
    app.log.error(
      { err: error, screenId },
      `could not compile screen ${screenId}'s document: it keeps its programme, with the emergency messages open now`,
    )
    app.metrics.compileProblems.inc({ kind: 'failed' })
  },
  fallbackFailed: (screenId, error) => {
    app.log.error({ err: error, screenId }, `could not publish any document to screen ${screenId}`)
    app.metrics.compileProblems.inc({ kind: 'fallback-failed' })
  },
  stale: (screenId, stale) => {
    app.log.warn(
      { screenId, ...stale },
      `playlist ${stale.playlistId} version ${stale.revision}: item ${stale.itemId} shows medium ${stale.mediaId}, which is gone; left out`,
    )
    app.metrics.compileProblems.inc({ kind: 'stale' })
  },
})

/** Repositories over the database, the publisher that pushes to players' rooms, and screens' presence. */
export const servicesPlugin = fp<{ clock: Clock; primary: boolean }>(
  async (app, { clock, primary }) => {
    const repos = createRepositories(app.db, clock)
    app.decorate('clock', clock)
    app.decorate('repos', repos)
    app.decorate(
      'publisher',
      new Publisher(
        app.db,
        repos,
        clock,
        // Behind the guard: after the first slice this runs from the event loop, not a request, and
        // a screen that missed its push gets the document at its next heartbeat anyway.
        (documents) =>
          runGuarded(app.log, { step: 'deliver documents', screens: documents.length }, () => {
            deliverDocuments(app, documents)
            app.metrics.documentsPublished.inc(documents.length)
          }),
        publishProblems(app),
      ),
    )
    app.decorate('approvals', new ApprovalService(app.db, repos, app.publisher, clock))
    app.decorate(
      'screenStatus',
      new ScreenStatusService(
        repos.status,
        clock,
        (statuses) => broadcastStatuses(app, statuses),
        primary,
        () => app.publisher.idle(),
        (error) => app.log.error({ err: error }, "could not tell the consoles of screens' statuses"),
      ),
    )
  },
  { name: 'services', dependencies: ['db', 'realtime', 'metrics'] },
)
