import type { DeliveryPage, Webhook } from '@playlists/schemas/alerts'
import { ANSWER_CHARS_KEPT } from '@server/alerts/delivery'
import type { OutboundOptions } from '@server/outbound/request'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, succeed, type TestApp } from '../helpers/app'
import { closeLoopbackServers, listenLoopback } from '../helpers/loopback-server'

/**
 * Where webhooks may point: public receivers by default, private ones only when an admin lists
 * them in OUTBOUND_ALLOW. Checked when a webhook is saved (a 400 naming the rule and the
 * setting) and again at every delivery, where it counts: a name can resolve elsewhere later.
 */

const T0 = Date.UTC(2026, 10, 26, 3, 0, 0)
let clockMs = T0
let t: TestApp | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
  await closeLoopbackServers()
})

async function app(outbound: OutboundOptions = {}): Promise<TestApp> {
  clockMs = T0
  t = await createTestApp({ clock: () => clockMs, outbound })
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  return t
}

/** A loopback receiver answering every POST with `status` and `body`. */
const receiver = (status = 204, body = '') =>
  listenLoopback((res) => {
    res.statusCode = status
    res.end(body)
  })

const save = (a: TestApp, url: string) =>
  a.app.inject({ method: 'POST', url: '/api/alerts/webhooks', payload: { name: 'Duty desk', url } })

/** Screen A goes offline long enough to open an incident, and its notices are sent. */
async function incidentDelivered(a: TestApp, webhook: Webhook) {
  a.app.screenStatus.connected('screen-a')
  a.app.screenStatus.disconnected('screen-a')
  clockMs += 20 * 60_000
  expect(a.app.alerts.evaluate(clockMs).opened).toHaveLength(1)
  await a.app.alerts.deliver(clockMs)
  const page: DeliveryPage = await succeed(a.app, 'GET', `/api/alerts/webhooks/${webhook.id}/deliveries`)
  return page.items[0]!.attempts[0]!
}

describe('webhook destinations: checked when saved', () => {
  it.each([
    ['the loopback', 'http://127.0.0.1:9/hook', '127.0.0.1', /127\.0\.0\.1 is a loopback address/],
    ['localhost', 'http://localhost:9/hook', undefined, /localhost resolves to .*, a loopback address/],
    ['a private address', 'http://10.1.2.3/hook', '10.1.2.3', /a private address \(10\.0\.0\.0\/8\)/],
    ['the cloud metadata service', 'http://169.254.169.254/latest/', '169.254.169.254', /link-local/],
    ['the IPv6 loopback', 'http://[::1]:9/', '::1', /::1 is a loopback address/],
    ['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', /a loopback address/],
    ['an IPv6 link-local address', 'http://[fe80::1]/', 'fe80::1', /a link-local address/],
    ['an IPv6 private address', 'http://[fd00::1]/', 'fd00::1', /unique local \(private\)/],
  ])('refuses %s with 400, naming the rule and OUTBOUND_ALLOW', async (_what, url, address, message) => {
    const a = await app()
    const res = await save(a, url)
    expect(res.statusCode, res.body).toBe(400)
    const body = res.json()
    expect(body.message).toMatch(message)
    expect(body.message).toMatch(/adds ".*" or a range holding .* to the OUTBOUND_ALLOW setting/)
    expect(body.details).toMatchObject({ field: 'url', rule: 'address', setting: 'OUTBOUND_ALLOW' })
    if (address) expect(body.details.address).toBe(address)
    expect(await succeed(a.app, 'GET', '/api/alerts/webhooks')).toEqual([])
  })

  it('refuses a user name and password in the address', async () => {
    const res = await save(await app(), 'https://duty:secret@hooks.example.com/')
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toEqual({ field: 'url', rule: 'credentials' })
  })

  it('refuses a private address on update too', async () => {
    const a = await app({ resolve: async () => [{ address: '93.184.216.34', family: 4 }] })
    const created: Webhook = await succeed(a.app, 'POST', '/api/alerts/webhooks', {
      name: 'Desk',
      url: 'https://hooks.example.com/',
    })
    const res = await a.app.inject({
      method: 'PUT',
      url: `/api/alerts/webhooks/${created.id}`,
      payload: { name: 'Desk', url: 'http://192.168.1.10/' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toMatchObject({ rule: 'address', address: '192.168.1.10' })
  })

  it('accepts a private address inside an allowed range, and a host name the admin listed', async () => {
    const a = await app({
      allow: ['10.0.0.0/8', 'hooks.internal'],
      resolve: async () => [{ address: '192.168.7.7', family: 4 }],
    })
    expect((await save(a, 'http://10.1.2.3/hook')).statusCode).toBe(201)
    expect((await save(a, 'http://hooks.internal/hook')).statusCode).toBe(201)
    expect((await save(a, 'http://other.internal/hook')).statusCode).toBe(400)
  })
})

describe('webhook destinations: checked again at every delivery', () => {
  it('refuses a name that resolved to a public address when saved and to the loopback now', async () => {
    const hook = await receiver()
    let answer = '93.184.216.34'
    const a = await app({ resolve: async () => [{ address: answer, family: 4 }] })
    const webhook: Webhook = await succeed(a.app, 'POST', '/api/alerts/webhooks', {
      name: 'Rebinding',
      url: `http://hooks.example.com:${hook.port}/hook`,
    })
    answer = '127.0.0.1'
    const attempt = await incidentDelivered(a, webhook)
    expect(attempt.statusCode).toBeNull()
    expect(attempt.error).toMatch(
      /^refused: hooks\.example\.com resolves to 127\.0\.0\.1, a loopback address .*OUTBOUND_ALLOW/,
    )
    expect(hook.received).toEqual([])
  })

  it('delivers to a loopback receiver the admin allowed', async () => {
    const hook = await receiver()
    const a = await app({ allow: ['127.0.0.1'] })
    const webhook: Webhook = await succeed(a.app, 'POST', '/api/alerts/webhooks', {
      name: 'Local bridge',
      url: `http://127.0.0.1:${hook.port}/hook`,
    })
    expect((await incidentDelivered(a, webhook)).statusCode).toBe(204)
    expect(hook.received.map((r) => r.url)).toEqual(['/hook'])
  })

  it('reports a redirect without following it', async () => {
    const target = await receiver()
    const hook = await receiver(302)
    const a = await app({ allow: ['127.0.0.1'] })
    const webhook: Webhook = await succeed(a.app, 'POST', '/api/alerts/webhooks', {
      name: 'Moved',
      url: `http://127.0.0.1:${hook.port}/hook`,
    })
    const attempt = await incidentDelivered(a, webhook)
    expect(attempt).toMatchObject({ statusCode: 302, error: 'HTTP 302' })
    expect(target.received).toEqual([])
  })

  it(`keeps at most ${ANSWER_CHARS_KEPT} characters of a refusal's answer, without control characters`, async () => {
    const noise = `Bad\u0000 request\u001b[31m \u202Egnidaer\u202C\r\n${'Lỗi máy chủ 服务器错误 '.repeat(500)}`
    const hook = await receiver(500, noise)
    const a = await app({ allow: ['127.0.0.1'] })
    const webhook: Webhook = await succeed(a.app, 'POST', '/api/alerts/webhooks', {
      name: 'Chatty',
      url: `http://127.0.0.1:${hook.port}/hook`,
    })
    const attempt = await incidentDelivered(a, webhook)
    expect(attempt.statusCode).toBe(500)
    const answer = attempt.error!.replace(/^HTTP 500: /, '')
    expect(answer.startsWith('Bad request [31m gnidaer Lỗi máy chủ 服务器错误')).toBe(true)
    expect([...answer].length).toBe(ANSWER_CHARS_KEPT)
    expect(answer).not.toMatch(/[\p{Cc}\p{Cf}]/u)
  })
})
