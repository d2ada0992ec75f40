import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ApprovalService } from '../approvals/service'
import type { Clock } from '../clock'
import { runGuarded } from '../guard'
import { JobLease, thisNode } from '../jobs/lease'
import { Publisher, type PublishProblems } from '../publishing/publisher'
import { broadcastStatuses, deliverDocuments } from '../realtime/delivery'
import { ScreenStatusService } from '../realtime/status'
import { createRepositories, type Repositories } from '../repositories'
import type { NodeRole } from '../repositories/leases'

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories
    publisher: Publisher
    approvals: ApprovalService
    clock: Clock
    screenStatus: ScreenStatusService
    /** This node's heartbeat and its side of the jobs lease (jobs/lease.ts). */
    jobLease: JobLease
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

export interface ServicesOptions {
  clock: Clock
  /** `secondary` never takes the jobs lease (NODE_ROLE). */
  role: NodeRole
  /** Whether this node runs the jobs on their schedules, when it holds the lease. */
  scheduleJobs: boolean
  jobsLeaseMs: number
}

/**
 * Repositories over the database, the publisher that pushes to players' rooms, screens'
 * presence, and this node's heartbeat and jobs lease.
 */
export const servicesPlugin = fp<ServicesOptions>(
  async (app, { clock, role, scheduleJobs, jobsLeaseMs }) => {
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
    const lease = new JobLease(repos.leases, thisNode(), {
      role,
      schedules: scheduleJobs,
      ttlMs: jobsLeaseMs,
      log: app.log,
      skipped: (job) => app.metrics.jobTicksSkipped.inc({ job }),
      generation: app.db.generation,
    })
    app.decorate('jobLease', lease)
    // Alone, this node starts from "every screen offline": its players reconnect within seconds.
    // With another node alive, some players are connected there: their screens stay as they are,
    // and any that are not are called offline by the silent-screens job within three heartbeats.
    const alone = lease.othersAlive().length === 0
    // Heard at once: a node starting a moment later sees this one. The lease waits for onReady:
    // a start that fails before then must not hold the jobs until the lease expires.
    lease.beat()
    // Renewals (and heartbeats) run on a node that schedules the jobs, as main's always does:
    // an app built for a test writes nothing behind the test's back.
    const guard = (step: string) => (work: () => void) => runGuarded(app.log, { step }, work)
    if (scheduleJobs) app.addHook('onReady', async () => lease.start(guard('renew the jobs lease')))
    // A release that fails (a busy database) must not stop the close: the lease expires anyway.
    app.addHook('onClose', async () => guard('give the jobs lease back')(() => lease.stop()))
    app.decorate(
      'screenStatus',
      new ScreenStatusService(
        repos.status,
        clock,
        (statuses) => broadcastStatuses(app, statuses),
        alone,
        () => app.publisher.idle(),
        (error) => app.log.error({ err: error }, "could not tell the consoles of screens' statuses"),
      ),
    )
  },
  { name: 'services', dependencies: ['db', 'realtime', 'metrics'] },
)
