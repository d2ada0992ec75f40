import { createHmac } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { Heartbeat, ServerToConsoleEvents } from '@playlists/events'
import type {
  AlertRules,
  AlertRulesList,
  DeliveryPage,
  Incident,
  IncidentPage,
  Webhook,
  WebhookPayload,
} from '@playlists/schemas/alerts'
import { WEBHOOK_ATTEMPTS_MAX, WEBHOOK_RETRY_DELAYS_MS } from '@server/alerts/delivery'
import { RECOVERY_HOLD_MS } from '@server/alerts/evaluate'
import { io, type Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, siteBody, succeed, type TestApp } from '../helpers/app'
import { listen } from '../helpers/listen'
import { closeLoopbackServers, listenLoopback } from '../helpers/loopback-server'
import { until } from '../helpers/wait'

/**
 * Alerts end to end through the API: rules, incidents opened and resolved by the evaluation job
 * as the test clock travels, and webhooks POSTed to a real HTTP server on 127.0.0.1, with
 * retries, timeouts and every attempt on record.
 */

const MIN = 60_000
const T0 = Date.UTC(2026, 10, 26, 3, 0, 0)
const TIMEOUT_MS = 1_000
const SECRET = 'a-shared-secret-of-some-length'

let clockMs = T0
let t: TestApp

beforeEach(async () => {
  clockMs = T0
  t = await createTestApp({
    clock: () => clockMs,
    alerts: { webhookTimeoutMs: TIMEOUT_MS },
    // The receivers listen on the loopback, which the server refuses unless allowed.
    outbound: { allow: ['127.0.0.1'] },
  })
  await seedMinimal(t.app, 'screen-a', 'pl-a')
})
afterEach(async () => {
  await t.close()
})

/** A webhook receiver answering each request as planned: a status code, or 'hang' (never answers). */
async function receiver() {
  const plan: (number | 'hang')[] = []
  const hanging: ServerResponse[] = []
  const server = await listenLoopback((res) => {
    const next = plan.shift() ?? 204
    if (next === 'hang') {
      hanging.push(res)
      return
    }
    res.statusCode = next
    res.end(next >= 300 ? `receiver refused with ${next}` : '')
  })
  return {
    url: server.url('/hooks/gatecast'),
    received: server.received,
    plan,
    payloads: () => server.received.map((r) => JSON.parse(r.body) as WebhookPayload),
    close: async () => {
      for (const res of hanging) res.destroy()
      await server.close()
    },
  }
}
afterEach(closeLoopbackServers)

const heartbeat = (extra: Partial<Heartbeat> = {}): Heartbeat => ({
  version: 1,
  zones: [],
  uptimeMs: 1_000,
  memory: null,
  resolution: { width: 1920, height: 960, pixelRatio: 1 },
  errors: [],
  clockOffsetMs: 0,
  ...extra,
})

/** The player connects and reports at the current test instant. */
function playerUp(extra: Partial<Heartbeat> = {}) {
  t.app.screenStatus.connected('screen-a')
  t.app.screenStatus.heartbeat('screen-a', heartbeat(extra))
}

const at = (minutes: number) => {
  clockMs = T0 + minutes * MIN
  return clockMs
}
const evaluate = () => t.app.alerts.evaluate(clockMs)
const deliver = () => t.app.alerts.deliver(clockMs)

const incidents = async (query = ''): Promise<IncidentPage> =>
  succeed(t.app, 'GET', `/api/alerts/incidents${query}`)

const createWebhook = (body: Record<string, unknown>): Promise<Webhook> =>
  succeed(t.app, 'POST', '/api/alerts/webhooks', body)

const deliveries = async (webhookId: string): Promise<DeliveryPage> =>
  succeed(t.app, 'GET', `/api/alerts/webhooks/${webhookId}/deliveries`)

const RULES: AlertRules = {
  offline: { enabled: true, afterMinutes: 15 },
  stale: { enabled: true, afterMinutes: 60 },
  errors: { enabled: true, count: 5, withinMinutes: 10 },
  storage: { enabled: true, percent: 90 },
}

describe('an offline screen', () => {
  it('opens one incident and sends exactly one signed "opened" POST, then one "resolved" on recovery', async () => {
    const hook = await receiver()
    const webhook = await createWebhook({ name: 'Duty phone bridge', url: hook.url, secret: SECRET })
    expect(webhook).toMatchObject({ hasSecret: true, enabled: true, siteId: null })
    expect(JSON.stringify(webhook)).not.toContain(SECRET)
    // A webhook for another site hears nothing of this one.
    await succeed(t.app, 'POST', '/api/sites', siteBody('other-gate'))
    const other = await receiver()
    await createWebhook({ name: 'Other gate', url: other.url, siteId: 'other-gate' })

    at(0)
    playerUp()
    at(1)
    t.app.screenStatus.disconnected('screen-a')

    at(15)
    expect(evaluate().opened).toEqual([])
    at(16)
    const { opened } = evaluate()
    expect(opened).toEqual([
      expect.objectContaining({ screenId: 'screen-a', siteId: 'gate', kind: 'offline', state: 'open' }),
    ])
    // Still offline a minute and an hour later: the same incident, no second one.
    at(17)
    expect(evaluate().opened).toEqual([])
    await deliver()
    at(76)
    expect(evaluate().opened).toEqual([])
    await deliver()

    expect(hook.received).toHaveLength(1)
    const [request] = hook.received
    expect(request!.headers['content-type']).toBe('application/json')
    expect(request!.headers['x-gatecast-event']).toBe('incident.opened')
    const signature = `sha256=${createHmac('sha256', SECRET).update(request!.body).digest('hex')}`
    expect(request!.headers['x-gatecast-signature-256']).toBe(signature)
    const payload = JSON.parse(request!.body) as WebhookPayload
    expect(payload).toEqual({
      event: 'incident.opened',
      deliveryId: request!.headers['x-gatecast-delivery'],
      summary: 'Test gate / Screen screen-a (screen-a) is offline since 2026-11-26T03:01:00.000Z',
      incident: {
        id: opened[0]!.id,
        kind: 'offline',
        openedAt: new Date(T0 + 16 * MIN).toISOString(),
        resolvedAt: null,
        detail: { offlineSince: '2026-11-26T03:01:00.000Z', lastSeenAt: '2026-11-26T03:00:00.000Z' },
      },
      screen: { id: 'screen-a', name: 'Screen screen-a' },
      site: { id: 'gate', name: siteBody().name, timeZone: 'Asia/Ho_Chi_Minh' },
    })
    expect(other.received).toEqual([])

    const open = await incidents()
    expect(open).toMatchObject({ total: 1, items: [{ id: opened[0]!.id, kind: 'offline' }] })
    const metrics = (await t.app.inject({ url: '/metrics' })).body
    expect(metrics).toContain('gatecast_alerts_open{site="gate",kind="offline"} 1')
    expect(metrics).toContain('gatecast_alerts_open{site="gate",kind="storage"} 0')

    // Back: the incident resolves only once the player has stayed up for the recovery hold.
    at(80)
    playerUp()
    expect(evaluate().resolved).toEqual([])
    clockMs = T0 + 80 * MIN + RECOVERY_HOLD_MS
    const { resolved } = evaluate()
    expect(resolved).toEqual([expect.objectContaining({ id: opened[0]!.id, state: 'resolved' })])
    await deliver()
    await deliver()
    expect(hook.payloads().map((p) => p.event)).toEqual(['incident.opened', 'incident.resolved'])
    expect(hook.payloads()[1]).toMatchObject({
      summary: 'Resolved: Test gate / Screen screen-a (screen-a) is back online',
      incident: { id: opened[0]!.id, resolvedAt: new Date(clockMs).toISOString() },
    })
    expect((await incidents()).total).toBe(0)
    expect(await incidents('?state=resolved')).toMatchObject({ total: 1, items: [{ state: 'resolved' }] })
    expect((await t.app.inject({ url: '/metrics' })).body).toContain(
      'gatecast_alerts_open{site="gate",kind="offline"} 0',
    )
    expect((await deliveries(webhook.id)).items.map((d) => [d.event, d.state, d.attempts.length])).toEqual([
      ['resolved', 'delivered', 1],
      ['opened', 'delivered', 1],
    ])
  })

  it('a screen never heard from raises nothing, however long it has existed', async () => {
    at(60 * 24)
    expect(evaluate()).toEqual({ opened: [], resolved: [] })
  })

  it('pushes each change to the consoles as it happens', async () => {
    const base = await listen(t)
    const consoleSocket = io(`${base}/console`, {
      auth: { token: t.team.editor.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    }) as Socket<ServerToConsoleEvents>
    const pushed: Incident[] = []
    consoleSocket.on('alert:incident', (i) => pushed.push(i))
    try {
      await until(() => consoleSocket.connected, 5_000, 'console connection')
      at(0)
      playerUp()
      at(1)
      t.app.screenStatus.disconnected('screen-a')
      at(20)
      evaluate()
      await until(() => pushed.length === 1, 5_000, 'the opened incident')
      expect(pushed[0]).toMatchObject({ kind: 'offline', state: 'open' })
    } finally {
      consoleSocket.close()
    }
  })
})

describe('the other rules, from heartbeats', () => {
  it('many errors and a nearly full storage each open their own incident; a stale document too', async () => {
    // A player that holds no version yet (its download keeps failing) while version 1 is published.
    at(0)
    const errors = [1, 2, 3, 4, 5].map((i) => ({ atMs: T0 - i * 1_000, message: `video failed ${i}` }))
    playerUp({ version: null, errors, storage: { usageBytes: 95, quotaBytes: 100 } })
    const first = evaluate()
    expect(first.opened.map((i) => i.kind).sort()).toEqual(['errors', 'storage'])
    expect(first.opened.find((i) => i.kind === 'storage')?.detail).toEqual({
      usageBytes: 95,
      quotaBytes: 100,
      usedPercent: 95,
    })

    // An hour after the publication it still plays nothing.
    at(61)
    t.app.screenStatus.heartbeat('screen-a', heartbeat({ version: null, errors }))
    const stale = evaluate()
    expect(stale.opened.map((i) => [i.kind, i.detail])).toEqual([
      ['stale', { appliedVersion: null, publishedVersion: 1, publishedAt: new Date(T0).toISOString() }],
    ])
    // The errors aged out of the window and the storage report is gone from this heartbeat:
    // errors resolve, storage (unknown now) holds.
    expect(stale.resolved.map((i) => i.kind)).toEqual(['errors'])
  })
})

describe('rules per site', () => {
  it('reads the default, overrides one site, and that site alone alerts sooner', async () => {
    const rules: AlertRulesList = await succeed(t.app, 'GET', '/api/alerts/rules', undefined, t.team.editor)
    expect(rules.default.rules).toEqual(RULES)
    expect(rules.sites).toEqual([])

    const strict = { ...RULES, offline: { enabled: true, afterMinutes: 2 } }
    const set = await succeed(t.app, 'PUT', '/api/alerts/rules/sites/gate', strict)
    expect(set).toMatchObject({ siteId: 'gate', rules: strict })
    expect((await succeed(t.app, 'GET', '/api/alerts/rules')).sites).toHaveLength(1)

    at(0)
    playerUp()
    t.app.screenStatus.disconnected('screen-a')
    at(2)
    expect(evaluate().opened.map((i) => i.kind)).toEqual(['offline'])

    // Back to the default (15 minutes): still offline, if for less than that: the incident
    // holds rather than closing and opening again.
    expect((await t.app.inject({ method: 'DELETE', url: '/api/alerts/rules/sites/gate' })).statusCode).toBe(
      204,
    )
    at(3)
    expect(evaluate()).toEqual({ opened: [], resolved: [] })

    // Switching the rule off everywhere resolves it.
    await succeed(t.app, 'PUT', '/api/alerts/rules/default', {
      ...RULES,
      offline: { enabled: false, afterMinutes: 15 },
    })
    at(4)
    expect(evaluate().resolved.map((i) => i.kind)).toEqual(['offline'])
    const audit = await succeed(t.app, 'GET', '/api/audit?action=alert-rules.')
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual([
      'alert-rules.delete',
      'alert-rules.update',
      'alert-rules.update',
    ])
  })

  it('refuses bad rules with 400 and says which field', async () => {
    const bad: [string, unknown][] = [
      ['errors count over what players keep', { ...RULES, errors: { ...RULES.errors, count: 21 } }],
      ['zero minutes', { ...RULES, offline: { enabled: true, afterMinutes: 0 } }],
      ['fractional minutes', { ...RULES, stale: { enabled: true, afterMinutes: 1.5 } }],
      ['storage percent too low', { ...RULES, storage: { enabled: true, percent: 5 } }],
      ['storage percent over 100', { ...RULES, storage: { enabled: true, percent: 101 } }],
      ['a rule missing', { offline: RULES.offline, stale: RULES.stale, errors: RULES.errors }],
      ['an unknown field', { ...RULES, cpu: { enabled: true } }],
      ['enabled as text', { ...RULES, offline: { enabled: 'yes', afterMinutes: 15 } }],
    ]
    for (const [what, body] of bad) {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/alerts/rules/default',
        payload: body as object,
      })
      expect(res.statusCode, what).toBe(400)
      expect(res.json(), what).toMatchObject({ statusCode: 400, error: 'Bad Request' })
    }
    const unknownSite = await t.app.inject({
      method: 'PUT',
      url: '/api/alerts/rules/sites/nowhere',
      payload: RULES,
    })
    expect(unknownSite.statusCode).toBe(404)
    const noOverride = await t.app.inject({ method: 'DELETE', url: '/api/alerts/rules/sites/gate' })
    expect(noOverride.statusCode).toBe(404)
    // Nothing changed.
    expect((await succeed(t.app, 'GET', '/api/alerts/rules')).default.rules).toEqual(RULES)
  })

  it('only admins change rules and webhooks; editors read rules and incidents; viewers neither', async () => {
    const as = (
      member: keyof TestApp['team'],
      method: 'GET' | 'PUT' | 'POST',
      url: string,
      payload?: object,
    ) => t.app.inject({ method, url, payload, headers: t.team[member].headers })
    expect((await as('editor', 'PUT', '/api/alerts/rules/default', RULES)).statusCode).toBe(403)
    expect(
      (await as('approver', 'POST', '/api/alerts/webhooks', { name: 'x', url: 'https://x.test/' }))
        .statusCode,
    ).toBe(403)
    expect((await as('editor', 'GET', '/api/alerts/webhooks')).statusCode).toBe(403)
    expect((await as('editor', 'GET', '/api/alerts/rules')).statusCode).toBe(200)
    expect((await as('editor', 'GET', '/api/alerts/incidents')).statusCode).toBe(200)
    expect((await as('viewer', 'GET', '/api/alerts/incidents')).statusCode).toBe(403)
  })
})

describe('acknowledging', () => {
  it('records who acknowledged, once, in the audit log too', async () => {
    at(0)
    playerUp()
    t.app.screenStatus.disconnected('screen-a')
    at(20)
    // The job the server runs every few seconds, as the scheduler calls it.
    t.app.jobs.run('alerts-evaluate')
    const [incident] = (await incidents()).items
    const url = `/api/alerts/incidents/${incident!.id}/acknowledge`
    const acked: Incident = await succeed(
      t.app,
      'POST',
      url,
      { note: 'Technician on the way' },
      t.team.editor,
    )
    expect(acked).toMatchObject({
      acknowledgedBy: 'editor',
      acknowledgedAt: new Date(clockMs).toISOString(),
      acknowledgeNote: 'Technician on the way',
      state: 'open',
    })
    const again = await t.app.inject({ method: 'POST', url, payload: {}, headers: t.team.editor2.headers })
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toContain('already acknowledged by editor')
    const audit = await succeed(t.app, 'GET', '/api/audit?action=incident.acknowledge')
    expect(audit).toEqual([
      expect.objectContaining({ objectId: incident!.id, actor: expect.objectContaining({ name: 'editor' }) }),
    ])
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/alerts/incidents/inc-none/acknowledge',
      payload: {},
    })
    expect(missing.statusCode).toBe(404)
    const tooLong = await t.app.inject({ method: 'POST', url, payload: { note: 'x'.repeat(501) } })
    expect(tooLong.statusCode).toBe(400)
  })
})

describe('webhook delivery', () => {
  /** An offline incident at minute 20, its notice queued. */
  async function openIncident() {
    at(0)
    playerUp()
    t.app.screenStatus.disconnected('screen-a')
    at(20)
    const [incident] = evaluate().opened
    return incident!
  }

  it('a receiver failing twice then answering is tried three times, every attempt on record', async () => {
    const hook = await receiver()
    hook.plan.push(500, 503, 200)
    const webhook = await createWebhook({ name: 'Flaky', url: hook.url })
    await openIncident()

    const start = clockMs
    await deliver()
    // Not due yet: the first retry waits WEBHOOK_RETRY_DELAYS_MS[0].
    clockMs = start + WEBHOOK_RETRY_DELAYS_MS[0] - 1
    await deliver()
    expect(hook.received).toHaveLength(1)
    clockMs = start + WEBHOOK_RETRY_DELAYS_MS[0]
    await deliver()
    clockMs += WEBHOOK_RETRY_DELAYS_MS[1]
    await deliver()
    await deliver()
    expect(hook.received).toHaveLength(3)
    // The same bytes every time, so a receiver can drop a repeat by deliveryId.
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1)

    const [delivery] = (await deliveries(webhook.id)).items
    expect(delivery).toMatchObject({ event: 'opened', state: 'delivered', nextAttemptAt: null })
    expect(delivery!.attempts.map((a) => [a.number, a.statusCode])).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ])
    expect(delivery!.attempts[0]!.error).toBe('HTTP 500: receiver refused with 500')
    expect(delivery!.attempts[2]!.error).toBeNull()
    expect(delivery!.attempts.map((a) => a.at)).toEqual([
      new Date(start).toISOString(),
      new Date(start + WEBHOOK_RETRY_DELAYS_MS[0]).toISOString(),
      new Date(start + WEBHOOK_RETRY_DELAYS_MS[0] + WEBHOOK_RETRY_DELAYS_MS[1]).toISOString(),
    ])
    expect((await succeed(t.app, 'GET', '/api/alerts/webhooks'))[0].deliveries).toEqual({
      pending: 0,
      delivered: 1,
      failed: 0,
    })
  })

  it('gives up after the last attempt and sends nothing more', async () => {
    const hook = await receiver()
    hook.plan.push(...Array.from({ length: 20 }, () => 500))
    const webhook = await createWebhook({ name: 'Down', url: hook.url })
    await openIncident()
    await deliver()
    for (const delay of WEBHOOK_RETRY_DELAYS_MS) {
      clockMs += delay
      await deliver()
    }
    clockMs += 24 * 60 * MIN
    await deliver()
    expect(hook.received).toHaveLength(WEBHOOK_ATTEMPTS_MAX)
    const [delivery] = (await deliveries(webhook.id)).items
    expect(delivery).toMatchObject({ state: 'failed', nextAttemptAt: null })
    expect(delivery!.attempts).toHaveLength(WEBHOOK_ATTEMPTS_MAX)
  })

  it('times out a hanging receiver without holding up the server, and retries it later', async () => {
    const hook = await receiver()
    hook.plan.push('hang')
    const webhook = await createWebhook({ name: 'Hangs', url: hook.url })
    await openIncident()

    const started = performance.now()
    let settled = false
    const run = deliver().finally(() => {
      settled = true
    })
    // While the request hangs, the server answers and takes heartbeats as usual.
    await until(() => hook.received.length === 1, 5_000, 'the request')
    const during = await t.app.inject({ url: '/api/screens/status' })
    expect(during.statusCode).toBe(200)
    t.app.screenStatus.heartbeat('screen-a', heartbeat())
    expect(settled).toBe(false)
    await run
    const took = performance.now() - started
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 5)
    expect(took).toBeLessThan(TIMEOUT_MS + 3_000)

    const [delivery] = (await deliveries(webhook.id)).items
    expect(delivery).toMatchObject({
      state: 'pending',
      nextAttemptAt: new Date(clockMs + WEBHOOK_RETRY_DELAYS_MS[0]).toISOString(),
    })
    expect(delivery!.attempts).toEqual([
      expect.objectContaining({ number: 1, statusCode: null, error: `no answer within ${TIMEOUT_MS} ms` }),
    ])
    expect(delivery!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5)

    // It answers next time: delivered on the second attempt.
    clockMs += WEBHOOK_RETRY_DELAYS_MS[0]
    await deliver()
    expect((await deliveries(webhook.id)).items[0]).toMatchObject({ state: 'delivered' })
  })

  it('records a receiver that is not there at all (connection refused)', async () => {
    const hook = await receiver()
    const url = hook.url
    await hook.close()
    const webhook = await createWebhook({ name: 'Gone', url })
    await openIncident()
    await deliver()
    const [delivery] = (await deliveries(webhook.id)).items
    expect(delivery!.attempts[0]).toMatchObject({
      statusCode: null,
      error: expect.stringContaining('ECONNREFUSED'),
    })
  })

  it('a disabled webhook gets no notices; a deleted one takes its record with it', async () => {
    const hook = await receiver()
    const webhook = await createWebhook({ name: 'Off', url: hook.url, enabled: false })
    await openIncident()
    await deliver()
    expect(hook.received).toEqual([])
    expect((await deliveries(webhook.id)).total).toBe(0)
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/alerts/webhooks/${webhook.id}` })).statusCode,
    ).toBe(204)
    expect((await t.app.inject({ url: `/api/alerts/webhooks/${webhook.id}/deliveries` })).statusCode).toBe(
      404,
    )
  })

  it('keeps, replaces and removes the secret on update, never showing it', async () => {
    const created = await createWebhook({
      name: 'Signed',
      url: 'https://hooks.example.test/a',
      secret: SECRET,
    })
    const url = `/api/alerts/webhooks/${created.id}`
    const kept = await succeed(t.app, 'PUT', url, { name: 'Renamed', url: 'https://hooks.example.test/b' })
    expect(kept).toMatchObject({ name: 'Renamed', url: 'https://hooks.example.test/b', hasSecret: true })
    const removed = await succeed(t.app, 'PUT', url, { name: 'Renamed', url: kept.url, secret: null })
    expect(removed.hasSecret).toBe(false)
    const audit = JSON.stringify(await succeed(t.app, 'GET', '/api/audit?action=webhook.'))
    expect(audit).toContain('webhook.create')
    expect(audit).not.toContain(SECRET)
  })

  it('refuses bad webhook bodies with 400', async () => {
    const bad: [string, unknown][] = [
      ['not http', { name: 'x', url: 'ftp://files.example.test/' }],
      ['not an address', { name: 'x', url: 'http://' }],
      ['spaces', { name: 'x', url: 'https://a b.test/' }],
      ['javascript', { name: 'x', url: 'javascript:alert(1)' }],
      ['short secret', { name: 'x', url: 'https://a.test/', secret: 'short' }],
      ['no name', { url: 'https://a.test/' }],
      ['unknown site', { name: 'x', url: 'https://a.test/', siteId: 'nowhere' }],
      ['unknown field', { name: 'x', url: 'https://a.test/', events: ['opened'] }],
      ['url too long', { name: 'x', url: `https://a.test/${'x'.repeat(2_000)}` }],
    ]
    for (const [what, body] of bad) {
      const res = await t.app.inject({ method: 'POST', url: '/api/alerts/webhooks', payload: body as object })
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400)
    }
    expect(await succeed(t.app, 'GET', '/api/alerts/webhooks')).toEqual([])
    const missing = await t.app.inject({
      method: 'PUT',
      url: '/api/alerts/webhooks/wh-none',
      payload: { name: 'x', url: 'https://a.test/' },
    })
    expect(missing.statusCode).toBe(404)
  })
})
