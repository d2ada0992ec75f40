import { CONSOLE_NAMESPACE, PLAYER_NAMESPACE, screenRoom } from '@playlists/events'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ApprovalService } from '../approvals/service'
import type { Clock } from '../clock'
import { runGuarded } from '../guard'
import { JobLease, thisNode } from '../jobs/lease'
import { Publisher, type PublishProblems } from '../publishing/publisher'
import { rawJsonWithTail, type SharedTail, sharedTail } from '../realtime/raw-json'
import { ScreenStatusService } from '../realtime/status'
import { createRepositories, type Repositories } from '../repositories'
import { type PreparedProgramme, programmeTail } from '../repositories/documents'
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
  clustered: boolean
}

/**
 * Repositories over the database, the publisher that pushes to players' rooms, screens'
 * presence, and this node's heartbeat and jobs lease.
 */
export const servicesPlugin = fp<ServicesOptions>(
  async (app, { clock, role, scheduleJobs, jobsLeaseMs, clustered }) => {
    // Each programme's bytes on the wire, made once for all the screens a publish reaches.
    const tails = new WeakMap<PreparedProgramme, SharedTail>()
    const tailOf = (programme: PreparedProgramme): SharedTail => {
      const known = tails.get(programme)
      if (known) return known
      const tail = sharedTail(programmeTail(programme.json))
      tails.set(programme, tail)
      return tail
    }
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
            const players = app.io.of(PLAYER_NAMESPACE)
            let pushed = 0
            for (const document of documents) {
              const room = screenRoom(document.screenId)
              // Sent as the JSON stored a moment ago: the programme serialised and encoded once, however many screens.
              const raw = rawJsonWithTail(document.head, tailOf(document.programme))
              players.to(room).emit('document', raw as unknown as ScreenDocument)
              pushed += players.adapter.rooms.get(room)?.size ?? 0
            }
            // Counted once per slice: a counter's increment costs a few microseconds, a thousand of
            // them a few milliseconds of a publish's delivery (bench `fanout`).
            app.metrics.documentsPublished.inc(documents.length)
            app.metrics.documentsPushed.inc(pushed)
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
        (status) => {
          const consoles = app.io.of(CONSOLE_NAMESPACE)
          // Alone, with no console open, nobody is told: a publish to ten thousand screens
          // brings ten thousand acknowledgements, each a status to encode for no one. With
          // other nodes, their consoles may be listening.
          if (clustered || consoles.sockets.size > 0) consoles.emit('screen:status', status)
        },
        alone,
        () => app.publisher.idle(),
      ),
    )
  },
  { name: 'services', dependencies: ['db', 'realtime', 'metrics'] },
)
