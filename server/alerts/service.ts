import type { Incident, IncidentDetail, WebhookEvent } from '@playlists/schemas/alerts'
import { isTrouble, type Screenshot } from '@playlists/schemas/screenshots'
import type { FastifyBaseLogger } from 'fastify'
import type { Store } from '../db/store'
import { newId } from '../ids'
import type { Outbound } from '../outbound/request'
import type { Repositories } from '../repositories'
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  postJson,
  retryDelay,
  SIGNATURE_HEADER,
  sign,
  WEBHOOK_TIMEOUT_MS,
} from './delivery'
import { evaluateScreen, reconcile, rulesFor } from './evaluate'
import { webhookPayload } from './payload'

/** Requests in flight at once per delivery run: a province's worth of notices, not a flood. */
export const DELIVERIES_PER_RUN = 20

export interface AlertOptions {
  /** A webhook that has not answered in this long fails the attempt (default WEBHOOK_TIMEOUT_MS). */
  webhookTimeoutMs?: number
}

export interface EvaluationResult {
  opened: Incident[]
  resolved: Incident[]
}

export interface DeliveryReport {
  attempted: number
  delivered: number
  failed: number
}

/**
 * Runs the alert rules over every screen's status and delivers the notices. The evaluation is
 * a job (not a hook in the status service), so heartbeats never wait for it; an incident and
 * its webhook notices are stored in one transaction and sent later by the delivery job, so a
 * slow or dead receiver delays nothing but its own notices.
 */
export class AlertService {
  private readonly stop = new AbortController()
  private running: Promise<DeliveryReport> | null = null
  private readonly timeoutMs: number

  constructor(
    private readonly db: Store,
    private readonly repos: Repositories,
    private readonly log: FastifyBaseLogger,
    /** Told of every incident opened, resolved or acknowledged (the consoles' namespace). */
    private readonly notify: (incident: Incident) => void,
    /** Where webhooks go through: it refuses destinations the admin has not allowed. */
    private readonly outbound: Outbound,
    options: AlertOptions = {},
  ) {
    this.timeoutMs = options.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS
  }

  /** Opens and resolves incidents as the rules say at `now`, queueing each change's notices. */
  evaluate(now: number): EvaluationResult {
    const { repos } = this
    const result: EvaluationResult = { opened: [], resolved: [] }
    this.db
      .transaction(() => {
        const screens = new Map(repos.screens.list().map((s) => [s.id, s]))
        const sites = new Map(repos.sites.list().map((s) => [s.id, s]))
        const { fallback, bySite } = repos.alerts.effectiveRules()
        const published = repos.alerts.latestPublications()
        const open = repos.alerts.openKinds()
        for (const status of repos.status.list()) {
          const screen = screens.get(status.screenId)
          if (!screen) continue
          const site = sites.get(screen.siteId)
          const operating = site && {
            hours: (screen.powerPlan ?? site.powerPlan).hours,
            timeZone: screen.timeZone ?? site.timeZone,
          }
          const verdicts = evaluateScreen(
            { status, publishedAtMs: published.get(screen.id) ?? null, ...(operating ? { operating } : {}) },
            rulesFor(screen.siteId, bySite, fallback),
            now,
          )
          const changes = reconcile(verdicts, open.get(screen.id) ?? new Set())
          for (const { kind, detail } of changes.open) {
            const incident = repos.alerts.open(screen, kind, detail, now)
            this.queue('opened', incident, now)
            result.opened.push(incident)
          }
          for (const kind of changes.resolve) {
            const incident = repos.alerts.resolve(screen.id, kind, now)
            if (!incident) continue
            this.queue('resolved', incident, now)
            result.resolved.push(incident)
          }
        }
      })
      .immediate()
    for (const incident of [...result.opened, ...result.resolved]) this.notify(incident)
    if (result.opened.length + result.resolved.length > 0) {
      this.log.info(
        {
          opened: result.opened.map((i) => `${i.screenId}:${i.kind}`),
          resolved: result.resolved.map((i) => `${i.screenId}:${i.kind}`),
        },
        'alert incidents changed',
      )
    }
    return result
  }

  /**
   * A screenshot's verdict, as it arrives: trouble opens the screen's `screenshot` incident (one
   * at a time, so a screen black all night raises one notice, not one per capture) with both
   * pictures linked; a capture as expected resolves it; an unverified one changes nothing.
   */
  screenshotChecked(
    screen: { id: string; siteId: string },
    shot: Pick<Screenshot, 'id' | 'verdict' | 'detail' | 'capturedAt' | 'hasExpected'>,
    now: number,
  ): Incident | undefined {
    return this.reported(screen, 'screenshot', now, {
      open: isTrouble(shot.verdict)
        ? {
            screenshotId: shot.id,
            verdict: shot.verdict,
            capturedAt: shot.capturedAt,
            why: shot.detail,
            pictureUrl: `/api/screenshots/${shot.id}/full`,
            expectedUrl: shot.hasExpected ? `/api/screenshots/${shot.id}/expected` : null,
          }
        : null,
      resolve: shot.verdict === 'as-expected',
    })
  }

  /**
   * The kiosk agent's healing ladder, as it reports: its last resort (the last good frame shown
   * instead of the player) opens the screen's `healing` incident, since nothing on the PC can
   * help any more and a person must; the player playing again resolves it.
   */
  agentHealing(
    screen: { id: string; siteId: string },
    event: { kind: string; step?: string; detail: string; atMs: number },
    now: number,
  ): Incident | undefined {
    return this.reported(screen, 'healing', now, {
      open:
        event.kind === 'healing' && event.step === 'last-good-frame'
          ? { why: event.detail, healedAt: new Date(event.atMs).toISOString() }
          : null,
      resolve: event.kind === 'recovered',
    })
  }

  /**
   * An incident a report decides rather than a rule (a screenshot, the agent): opened with
   * `open`'s detail unless one of the kind is open already, or resolved.
   */
  private reported(
    screen: { id: string; siteId: string },
    kind: 'screenshot' | 'healing',
    now: number,
    { open, resolve }: { open: IncidentDetail | null; resolve: boolean },
  ): Incident | undefined {
    const { repos } = this
    const changed = this.db
      .transaction((): { incident: Incident; event: WebhookEvent } | undefined => {
        const isOpen = repos.alerts.openKinds().get(screen.id)?.has(kind) ?? false
        if (open && !isOpen) {
          const incident = repos.alerts.open(screen, kind, open, now)
          this.queue('opened', incident, now)
          return { incident, event: 'opened' }
        }
        if (resolve && isOpen) {
          const incident = repos.alerts.resolve(screen.id, kind, now)
          if (!incident) return undefined
          this.queue('resolved', incident, now)
          return { incident, event: 'resolved' }
        }
        return undefined
      })
      .immediate()
    if (!changed) return undefined
    this.notify(changed.incident)
    this.log.info({ screenId: screen.id }, `${kind} incident ${changed.event}`)
    return changed.incident
  }

  acknowledge(id: string, by: string, note: string | null): Incident {
    const incident = this.repos.alerts.acknowledge(id, by, note)
    this.notify(incident)
    return incident
  }

  /**
   * Sends every notice due at `now`, concurrently up to DELIVERIES_PER_RUN, recording each
   * attempt; a failed one is retried after a growing wait, up to WEBHOOK_ATTEMPTS_MAX times.
   * A run already under way is not doubled: the caller gets that run's promise.
   */
  deliver(now: number): Promise<DeliveryReport> {
    this.running ??= this.deliverDue(now).finally(() => {
      this.running = null
    })
    return this.running
  }

  /** For the job table: starts a delivery run without waiting for it. */
  startDelivery(now: number): void {
    this.deliver(now).catch((error: unknown) => this.log.error({ err: error }, 'alert delivery failed'))
  }

  /** Aborts requests in flight (left pending, sent again after a restart) and waits for the run. */
  async close(): Promise<void> {
    this.stop.abort()
    await this.running?.catch(() => undefined)
  }

  private async deliverDue(now: number): Promise<DeliveryReport> {
    const report: DeliveryReport = { attempted: 0, delivered: 0, failed: 0 }
    if (this.stop.signal.aborted) return report
    const due = this.repos.webhooks.due(now, DELIVERIES_PER_RUN)
    await Promise.all(
      due.map(async (d) => {
        const headers: Record<string, string> = {
          [EVENT_HEADER]: `incident.${d.event}`,
          [DELIVERY_HEADER]: d.id,
        }
        if (d.secret !== null) headers[SIGNATURE_HEADER] = sign(d.secret, d.body)
        const result = await postJson(this.outbound, d.url, d.body, headers, this.timeoutMs, this.stop.signal)
        if (this.stop.signal.aborted) return
        report.attempted++
        const delay = result.ok ? null : retryDelay(d.attempts + 1)
        const outcome = result.ok
          ? ({ state: 'delivered' } as const)
          : delay === null
            ? ({ state: 'failed' } as const)
            : ({ state: 'pending', nextAt: now + delay } as const)
        this.repos.webhooks.recordAttempt(
          d.id,
          { at: now, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs },
          outcome,
        )
        if (outcome.state === 'delivered') report.delivered++
        if (outcome.state === 'failed') {
          report.failed++
          this.log.warn({ webhook: d.webhookId, delivery: d.id, error: result.error }, 'webhook gave up')
        }
      }),
    )
    return report
  }

  /** Queues the notice for every webhook that takes this site's incidents. */
  private queue(event: WebhookEvent, incident: Incident, at: number): void {
    const targets = this.repos.webhooks.targetsFor(incident.siteId)
    if (targets.length === 0) return
    const site = this.repos.sites.get(incident.siteId)
    for (const webhookId of targets) {
      const id = newId('dl')
      const body = JSON.stringify(webhookPayload(id, event, incident, site))
      this.repos.webhooks.enqueue({ id, webhookId, incidentId: incident.id, event, body }, at)
    }
  }
}
