import { DOCUMENT_REFRESH_DAYS } from '@playlists/limits'
import type { FastifyInstance } from 'fastify'
import { ORPHAN_GRACE_MS } from '../media/store'

/**
 * The server's background work, in one table: each job is a cron expression (with seconds) and
 * a function of `now`. Jobs only bring documents up to date; players already switch dayparts,
 * start campaigns and end emergency messages on their own clocks, so a late job never makes a
 * screen late.
 */
export interface Job {
  name: string
  cron: string
  description: string
  run: (app: FastifyInstance, now: number) => JobResult
}

export interface JobResult {
  /** Screens that received a new document. */
  pushed: number
  /** Work the job started and did not wait for: its failure is logged like the job's own. */
  pending?: Promise<unknown>
}

const DAY = 86_400_000

export const JOBS: readonly Job[] = [
  {
    name: 'publish-due',
    cron: '* * * * * *',
    description:
      'Put on air the publications set for an instant that has come ("publish at 2026-12-01 06:00")',
    run: (app, now) => ({ pushed: app.publisher.publishDue(now).length }),
  },
  {
    name: 'retire-emergencies',
    cron: '*/5 * * * * *',
    description: 'Drop ended emergency messages from the documents of the screens that showed them',
    run: (app, now) => {
      let pushed = 0
      for (const e of app.repos.emergencies.endedUnretired(now)) {
        pushed += app.publisher.republish(e.screens).length
        app.repos.emergencies.retire(e.id)
      }
      return { pushed }
    },
  },
  {
    name: 'cap-pull',
    cron: '*/30 * * * * *',
    description:
      'Fetch the official alert sources (CAP) whose interval has passed, with conditional requests',
    run: (app, now) => {
      const due = app.repos.capSources.due(now)
      // Fetched one after the other: a province has a handful of sources, and each request is bounded.
      const pending = due.reduce<Promise<unknown>>(
        (chain, source) => chain.then(() => app.cap.pull(source, now)),
        Promise.resolve(),
      )
      return { pushed: 0, pending }
    },
  },
  {
    name: 'cap-break-glass',
    cron: '*/5 * * * * *',
    description:
      'Withdraw official alerts put on air at once (break-glass) that no second approver confirmed in time',
    run: (app, now) => {
      let pushed = 0
      for (const e of app.repos.emergencies.unconfirmedBreakGlass(now)) {
        const cleared = app.repos.emergencies.clear(e.id)
        app.audit(null, {
          action: 'emergency.withdraw',
          objectType: 'emergency',
          objectId: e.id,
          before: e,
          after: cleared,
          detail: `break-glass: no second approver by ${e.cap?.confirmBy}`,
        })
        pushed += app.publisher.republish(e.screens).length
      }
      return { pushed }
    },
  },
  {
    name: 'screens-silent',
    cron: '*/5 * * * * *',
    description: 'Call offline the screens whose player stopped reporting (three missed heartbeats)',
    run: (app, now) => {
      app.screenStatus.sweep(now)
      return { pushed: 0 }
    },
  },
  {
    name: 'alerts-evaluate',
    cron: '*/10 * * * * *',
    description: 'Open and resolve alert incidents (offline, stale, errors, storage) by site rules',
    run: (app, now) => {
      app.alerts.evaluate(now)
      return { pushed: 0 }
    },
  },
  {
    name: 'alerts-deliver',
    cron: '*/5 * * * * *',
    description: 'Send due alert notices to webhooks; failed ones are retried with backoff',
    run: (app, now) => {
      app.alerts.startDelivery(now)
      return { pushed: 0 }
    },
  },
  {
    name: 'feeds-fetch',
    cron: '0 * * * * *',
    description:
      'Fetch the feed sources whose interval has passed (conditional requests); raise the alert of a source failing too long',
    run: (app, now) => ({ pushed: 0, pending: app.feeds.refreshDue(now) }),
  },
  {
    name: 'media-sweep',
    cron: '0 17 * * * *',
    description:
      'Remove media files and partial uploads a crash left behind, once they are older than any upload in flight',
    run: (app) => {
      // File times are the wall clock's, whatever clock the app runs on.
      const pending = app.mediaStore
        .sweep(app.repos.media.contentAddresses(), Date.now() - ORPHAN_GRACE_MS)
        .then((removed) => {
          if (removed.length > 0)
            app.log.warn({ files: removed }, `removed ${removed.length} media file(s) a crash left behind`)
        })
      return { pushed: 0, pending }
    },
  },
  {
    name: 'screenshots-retention',
    cron: '0 23 * * * *',
    description:
      'Remove screenshots past their retention period, then the oldest while the files exceed the storage limit (each screen keeps its newest)',
    run: (app, now) => ({ pushed: 0, pending: app.screenshots.enforceRetention(now) }),
  },
  {
    name: 'refresh-documents',
    cron: '0 7 * * * *',
    description: `Recompile documents with less than ${DOCUMENT_REFRESH_DAYS} days of rules ahead`,
    run: (app, now) => ({
      pushed: app.publisher.republish(
        app.repos.documents.screensDueForRefresh(now + DOCUMENT_REFRESH_DAYS * DAY),
      ).length,
    }),
  },
  {
    name: 'sessions-expired',
    cron: '0 */10 * * * *',
    description: 'Forget sign-in sessions that ended by time (idle or too old)',
    run: (app, now) => {
      app.repos.sessions.deleteExpired(now)
      return { pushed: 0 }
    },
  },
]
