import { statSync } from 'node:fs'
import { ALERT_KINDS } from '@playlists/schemas/alerts'
import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { RouteLatency } from './route-latency'

/**
 * Process metrics (memory, CPU, event-loop lag, GC) are the process's, not an app's: collected
 * once into their own registry, merged into every scrape. Tests build many apps in one process.
 */
let processRegistry: Registry | undefined
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 20 })
  }
  return processRegistry
}

const size = (file: string) => {
  try {
    return statSync(file).size
  } catch {
    return 0 // no WAL file between checkpoints
  }
}

/**
 * Gatecast's own metrics, one registry per app. Counters and histograms are fed where things
 * happen; gauges read the current state when Prometheus scrapes.
 */
export class GatecastMetrics {
  readonly registry = new Registry()

  readonly httpDuration = new RouteLatency(
    'gatecast_http_request_duration_seconds',
    'Time to answer a request, until the answer is handed to the socket (a file: until it starts streaming), by route (the pattern, not the URL) and status code',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  )

  readonly documentsPublished = new Counter({
    name: 'gatecast_documents_published_total',
    help: 'Screen documents stored as a new version',
    registers: [this.registry],
  })

  readonly documentsPushed = new Counter({
    name: 'gatecast_documents_pushed_total',
    help: 'Documents sent to connected players (one per player socket reached)',
    registers: [this.registry],
  })

  readonly pushToApply = new Histogram({
    name: 'gatecast_document_push_to_apply_seconds',
    help: "From a document's publication to its player reporting it on screen",
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
    registers: [this.registry],
  })

  readonly playsIngested = new Counter({
    name: 'gatecast_plays_ingested_total',
    help: 'Proof-of-play events stored (duplicates of already stored events not counted)',
    registers: [this.registry],
  })

  /** What a publish worked around (server/publishing/publisher.ts, PublishProblems); each is also logged. */
  readonly compileProblems = new Counter({
    name: 'gatecast_document_compile_problems_total',
    help: 'Screens whose document could not be compiled (failed: they got their previous programme with the open emergency messages; fallback-failed: they kept their document), and items left out because their medium is gone (stale)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  })

  /** Ticks this node ran (plugins/jobs.ts): on one node at a time, the one holding the jobs lease. */
  readonly jobRuns = new Counter({
    name: 'gatecast_job_runs_total',
    help: 'Background job ticks run on this node, by job (only the node holding the jobs lease runs them)',
    labelNames: ['job'] as const,
    registers: [this.registry],
  })

  /** Ticks the jobs lease skipped (jobs/lease.ts): the database was busy, and waiting would hold the event loop. */
  readonly jobTicksSkipped = new Counter({
    name: 'gatecast_job_ticks_skipped_total',
    help: 'Background job ticks skipped on this node because the database was busy (another connection held its lock), by job',
    labelNames: ['job'] as const,
    registers: [this.registry],
  })

  constructor(app: FastifyInstance, files: { database: string }) {
    const { registry } = this
    // Not a prom-client class, but what its registry reads from one (name, help, type, get()).
    registry.registerMetric(this.httpDuration as unknown as Parameters<Registry['registerMetric']>[0])
    new Gauge({
      name: 'gatecast_screens',
      help: 'Screens by site and state (online: a player is connected and reporting)',
      labelNames: ['site', 'state'] as const,
      registers: [registry],
      collect() {
        this.reset()
        const online = new Map(app.repos.status.list().map((s) => [s.screenId, s.online]))
        for (const screen of app.repos.screens.list()) {
          this.inc({ site: screen.siteId, state: online.get(screen.id) ? 'online' : 'offline' })
        }
        // Every site shows both states, so a site going dark is a 0, not a missing series.
        for (const site of app.repos.sites.list()) {
          this.inc({ site: site.id, state: 'online' }, 0)
          this.inc({ site: site.id, state: 'offline' }, 0)
        }
      },
    })
    new Gauge({
      name: 'gatecast_plays_pending',
      help: 'Proof-of-play events players hold that the server has not acknowledged yet, by site (last heartbeats)',
      labelNames: ['site'] as const,
      registers: [registry],
      collect() {
        this.reset()
        const site = new Map(app.repos.screens.list().map((s) => [s.id, s.siteId]))
        for (const id of new Set(site.values())) this.set({ site: id }, 0)
        for (const s of app.repos.status.list()) {
          const pending = s.report?.pendingPlays
          const at = site.get(s.screenId)
          if (at && typeof pending === 'number') this.inc({ site: at }, pending)
        }
      },
    })
    new Gauge({
      name: 'gatecast_player_clock_offset_seconds',
      help: "Each online screen's last reported clock offset (server clock minus the player's)",
      labelNames: ['screen'] as const,
      registers: [registry],
      collect() {
        this.reset()
        for (const s of app.repos.status.list()) {
          if (s.online && s.report) this.set({ screen: s.screenId }, s.report.clockOffsetMs / 1000)
        }
      },
    })
    new Gauge({
      name: 'gatecast_clock_disagreements',
      help: "Online screens whose clock and the server's disagree by more than a second",
      registers: [registry],
      collect() {
        this.set(app.repos.status.list().filter((s) => s.online && s.clockDisagrees).length)
      },
    })
    new Gauge({
      name: 'gatecast_alerts_open',
      help: 'Open alert incidents by site and kind (offline, stale, errors, storage)',
      labelNames: ['site', 'kind'] as const,
      registers: [registry],
      collect() {
        this.reset()
        // Every site shows every kind, so an incident closing is a 0, not a missing series.
        for (const site of app.repos.sites.list())
          for (const kind of ALERT_KINDS) this.set({ site: site.id, kind }, 0)
        for (const c of app.repos.alerts.openCounts()) this.set({ site: c.siteId, kind: c.kind }, c.count)
      },
    })
    new Gauge({
      name: 'gatecast_jobs_lease_held',
      help: 'Whether this node holds the jobs lease and so runs the background jobs and scheduled backups (1) or not (0)',
      registers: [registry],
      collect() {
        this.set(app.jobLease.holds() ? 1 : 0)
      },
    })
    new Gauge({
      name: 'gatecast_socket_connections',
      help: 'Open socket.io connections by namespace',
      labelNames: ['namespace'] as const,
      registers: [registry],
      collect() {
        for (const name of ['/player', '/console'])
          this.set({ namespace: name }, app.io.of(name).sockets.size)
      },
    })
    new Gauge({
      name: 'gatecast_sqlite_bytes',
      help: 'Size of the SQLite database file and of its write-ahead log',
      labelNames: ['file'] as const,
      registers: [registry],
      collect() {
        this.set({ file: 'database' }, size(files.database))
        this.set({ file: 'wal' }, size(`${files.database}-wal`))
      },
    })
  }

  /** The text Prometheus scrapes: Gatecast's metrics and the process's. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([this.registry, processMetrics()])
    return { contentType: merged.contentType, body: await merged.metrics() }
  }
}
