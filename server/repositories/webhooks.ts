import type {
  AlertKind,
  DeliveryAttempt,
  Webhook,
  WebhookDelivery,
  WebhookEvent,
  WebhookInput,
} from '@playlists/schemas/alerts'
import type { Found, PageRequest } from '@playlists/schemas/paging'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'

interface WebhookRow {
  id: string
  name: string
  url: string
  secret: string | null
  site_id: string | null
  enabled: 0 | 1
  created_at: string
  updated_at: string
  pending: number
  delivered: number
  failed: number
}

const WEBHOOK = `SELECT w.*,
    (SELECT count(*) FROM alert_deliveries d WHERE d.webhook_id = w.id AND d.state = 'pending') AS pending,
    (SELECT count(*) FROM alert_deliveries d WHERE d.webhook_id = w.id AND d.state = 'delivered') AS delivered,
    (SELECT count(*) FROM alert_deliveries d WHERE d.webhook_id = w.id AND d.state = 'failed') AS failed
  FROM alert_webhooks w`

const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  name: r.name,
  url: r.url,
  hasSecret: r.secret !== null,
  siteId: r.site_id,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deliveries: { pending: r.pending, delivered: r.delivered, failed: r.failed },
})

interface DeliveryRow {
  id: string
  webhook_id: string
  incident_id: string
  screen_id: string
  kind: AlertKind
  event: WebhookEvent
  state: WebhookDelivery['state']
  created_at: string
  next_attempt_at: string | null
  finished_at: string | null
}

interface AttemptRow {
  delivery_id: string
  number: number
  at: string
  status_code: number | null
  error: string | null
  duration_ms: number
}

/** A delivery whose next attempt is due, with what the attempt needs. */
export interface DueDelivery {
  id: string
  webhookId: string
  url: string
  secret: string | null
  event: WebhookEvent
  body: string
  /** Attempts made so far. */
  attempts: number
}

/** After an attempt: done, try again at an instant, or given up. */
export type DeliveryOutcome =
  | { state: 'delivered' }
  | { state: 'pending'; nextAt: number }
  | { state: 'failed' }

/** A webhook address must be absolute http(s) with a host; anything else is refused with the reason. */
export function checkWebhookUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw refuse('webhook.url-form', `url "${url.slice(0, 100)}" is not an address.`, {
      details: { field: 'url' },
    })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw refuse('webhook.url-scheme', 'url must start with http:// or https://.', {
      details: { field: 'url' },
    })
  }
  if (!parsed.hostname) throw refuse('webhook.url-host', 'url has no host.', { details: { field: 'url' } })
  return parsed.href
}

/** Where alerts are sent, and the record of every delivery and attempt. */
export class WebhooksRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): Webhook[] {
    return (this.db.prepare(`${WEBHOOK} ORDER BY w.name, w.id`).all() as WebhookRow[]).map(toWebhook)
  }

  find(id: string): Webhook | undefined {
    const row = this.db.prepare(`${WEBHOOK} WHERE w.id = ?`).get(id) as WebhookRow | undefined
    return row && toWebhook(row)
  }

  get(id: string): Webhook {
    const found = this.find(id)
    if (!found) throw notFound('webhook.not-found', 'Webhook', id)
    return found
  }

  create(input: WebhookInput): Webhook {
    const url = checkWebhookUrl(input.url)
    this.checkSite(input.siteId ?? null)
    const id = newId('wh')
    const at = isoAt(this.clock())
    this.db
      .prepare(
        `INSERT INTO alert_webhooks (id, name, url, secret, site_id, enabled, created_at, updated_at)
         VALUES (@id, @name, @url, @secret, @site, @enabled, @at, @at)`,
      )
      .run({
        id,
        name: input.name,
        url,
        secret: input.secret ?? null,
        site: input.siteId ?? null,
        enabled: input.enabled === false ? 0 : 1,
        at,
      })
    return this.get(id)
  }

  /** Replaces the webhook's settings; a secret left out is kept, null removes it. */
  update(id: string, input: WebhookInput): Webhook {
    this.get(id)
    const url = checkWebhookUrl(input.url)
    this.checkSite(input.siteId ?? null)
    this.db
      .prepare(
        `UPDATE alert_webhooks SET name = @name, url = @url, site_id = @site, enabled = @enabled,
           secret = CASE WHEN @keepSecret = 1 THEN secret ELSE @secret END, updated_at = @at
         WHERE id = @id`,
      )
      .run({
        id,
        name: input.name,
        url,
        site: input.siteId ?? null,
        enabled: input.enabled === false ? 0 : 1,
        keepSecret: input.secret === undefined ? 1 : 0,
        secret: input.secret ?? null,
        at: isoAt(this.clock()),
      })
    return this.get(id)
  }

  delete(id: string): void {
    if (this.db.prepare('DELETE FROM alert_webhooks WHERE id = ?').run(id).changes === 0) {
      throw notFound('webhook.not-found', 'Webhook', id)
    }
  }

  /** Enabled webhooks that receive this site's incidents (their own site's, or every site's). */
  targetsFor(siteId: string): string[] {
    return this.db
      .prepare(
        'SELECT id FROM alert_webhooks WHERE enabled = 1 AND (site_id IS NULL OR site_id = ?) ORDER BY id',
      )
      .pluck()
      .all(siteId) as string[]
  }

  /**
   * Queues a notice, due at once. A second notice for the same (webhook, incident, event) is
   * ignored: "once per incident" holds whatever calls this.
   */
  enqueue(
    delivery: { id: string; webhookId: string; incidentId: string; event: WebhookEvent; body: string },
    at: number,
  ): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO alert_deliveries (id, webhook_id, incident_id, event, body, state, next_attempt_at, created_at)
         VALUES (@id, @webhookId, @incidentId, @event, @body, 'pending', @at, @at)`,
      )
      .run({ ...delivery, at: isoAt(at) })
  }

  /** Deliveries whose next attempt is due, oldest first, of webhooks still enabled. */
  due(now: number, limit: number): DueDelivery[] {
    return this.db
      .prepare(
        `SELECT d.id, d.webhook_id AS webhookId, w.url, w.secret, d.event, d.body, d.attempts
         FROM alert_deliveries d JOIN alert_webhooks w ON w.id = d.webhook_id
         WHERE d.state = 'pending' AND d.next_attempt_at <= @now AND w.enabled = 1
         ORDER BY d.next_attempt_at, d.id LIMIT @limit`,
      )
      .all({ now: isoAt(now), limit }) as DueDelivery[]
  }

  /** Records one attempt and what follows it, together. */
  recordAttempt(
    deliveryId: string,
    attempt: Omit<DeliveryAttempt, 'number' | 'at'> & { at: number },
    outcome: DeliveryOutcome,
  ): void {
    this.db
      .transaction(() => {
        const number =
          (this.db.prepare('SELECT attempts FROM alert_deliveries WHERE id = ?').pluck().get(deliveryId) as
            | number
            | undefined) ?? null
        // The webhook was deleted while its request was on the way: nothing left to record.
        if (number === null) return
        this.db
          .prepare(
            `INSERT INTO alert_delivery_attempts (delivery_id, number, at, status_code, error, duration_ms)
             VALUES (@id, @number, @at, @statusCode, @error, @durationMs)`,
          )
          .run({
            id: deliveryId,
            number: number + 1,
            at: isoAt(attempt.at),
            statusCode: attempt.statusCode,
            error: attempt.error,
            durationMs: Math.max(0, Math.round(attempt.durationMs)),
          })
        this.db
          .prepare(
            `UPDATE alert_deliveries SET attempts = attempts + 1, state = @state,
               next_attempt_at = @next, finished_at = @finished WHERE id = @id`,
          )
          .run({
            id: deliveryId,
            state: outcome.state,
            next: outcome.state === 'pending' ? isoAt(outcome.nextAt) : null,
            finished: outcome.state === 'pending' ? null : isoAt(attempt.at),
          })
      })
      .immediate()
  }

  /** A webhook's deliveries, newest first, each with its attempts. */
  deliveries(webhookId: string, page: PageRequest): Found<WebhookDelivery> {
    this.get(webhookId)
    const rows = this.db
      .prepare(
        `SELECT d.id, d.webhook_id, d.incident_id, i.screen_id, i.kind, d.event, d.state, d.created_at,
           d.next_attempt_at, d.finished_at
         FROM alert_deliveries d JOIN alert_incidents i ON i.id = d.incident_id
         WHERE d.webhook_id = @webhook ORDER BY d.created_at DESC, d.id LIMIT @limit OFFSET @offset`,
      )
      .all({ webhook: webhookId, limit: page.limit, offset: page.offset }) as DeliveryRow[]
    const total = this.db
      .prepare('SELECT count(*) FROM alert_deliveries WHERE webhook_id = ?')
      .pluck()
      .get(webhookId) as number
    const attempts = new Map<string, DeliveryAttempt[]>()
    if (rows.length > 0) {
      const found = this.db
        .prepare(
          `SELECT * FROM alert_delivery_attempts WHERE delivery_id IN (SELECT value FROM json_each(?))
           ORDER BY delivery_id, number`,
        )
        .all(JSON.stringify(rows.map((r) => r.id))) as AttemptRow[]
      for (const a of found) {
        const list = attempts.get(a.delivery_id) ?? []
        list.push({
          number: a.number,
          at: a.at,
          statusCode: a.status_code,
          error: a.error,
          durationMs: a.duration_ms,
        })
        attempts.set(a.delivery_id, list)
      }
    }
    return {
      items: rows.map((r) => ({
        id: r.id,
        webhookId: r.webhook_id,
        incidentId: r.incident_id,
        screenId: r.screen_id,
        kind: r.kind,
        event: r.event,
        state: r.state,
        createdAt: r.created_at,
        nextAttemptAt: r.next_attempt_at,
        finishedAt: r.finished_at,
        attempts: attempts.get(r.id) ?? [],
      })),
      total,
    }
  }

  private checkSite(siteId: string | null): void {
    if (siteId !== null && !this.db.prepare('SELECT 1 FROM sites WHERE id = ?').get(siteId)) {
      throw refuse('webhook.site-unknown', `siteId "${siteId}" does not exist.`, {
        details: { field: 'siteId' },
        params: { siteId },
      })
    }
  }
}
