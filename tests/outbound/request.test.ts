import type { ServerResponse } from 'node:http'
import { OutboundRefused, type Resolver } from '@server/outbound/policy'
import { Outbound, OutboundTimeout } from '@server/outbound/request'
import { afterEach, describe, expect, it } from 'vitest'
import { closeLoopbackServers, listenLoopback, type Received } from '../helpers/loopback-server'

/**
 * The one module through which the server makes requests. Tests can only listen on the
 * loopback, which is exactly what the module refuses; so the tests give names to loopback
 * servers through a stand-in resolver and allow those names, the way an admin allows an
 * internal host, and check that everything else stays refused, redirects included.
 */

afterEach(closeLoopbackServers)

/** A loopback server answering every request with `answer`, recording what it received. */
async function serve(answer: (res: ServerResponse, request: Received) => void) {
  const server = await listenLoopback(answer)
  return { port: server.port, seen: server.received }
}

const ok = (res: ServerResponse) => res.end('fine')
const redirectTo =
  (location: string, status = 302) =>
  (res: ServerResponse) => {
    res.writeHead(status, { location })
    res.end()
  }

/** A resolver that knows only these names, counting how often it is asked. */
function resolver(names: Record<string, string[]>) {
  const asked: string[] = []
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname)
    const addresses = names[hostname]
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
  return { resolve, asked }
}

async function refusal(promise: Promise<unknown>): Promise<OutboundRefused> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(OutboundRefused)
  return error as OutboundRefused
}

describe('outbound requests: where they may go', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:{port}/', /127\.0\.0\.1 is a loopback address \(127\.0\.0\.0\/8\)/],
    ['loopback, another spelling', 'http://2130706433:{port}/', /127\.0\.0\.1 is a loopback address/],
    ['IPv6 loopback', 'http://[::1]:{port}/', /::1 is a loopback address/],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:{port}/', /::ffff:7f00:1 is a loopback address/],
    ['the unspecified address', 'http://0.0.0.0:{port}/', /0\.0\.0\.0 is a "this network" address/],
    ['private', 'http://10.0.0.8:{port}/hook', /10\.0\.0\.8 is a private address \(10\.0\.0\.0\/8\)/],
    ['private 192.168', 'http://192.168.1.1/', /a private address \(192\.168\.0\.0\/16\)/],
    ['link-local (cloud metadata)', 'http://169.254.169.254/latest/meta-data/', /a link-local address/],
    ['IPv6 link-local', 'http://[fe80::1]/', /a link-local address \(fe80::\/10\)/],
    ['IPv6 unique local', 'http://[fd00::1]/', /a unique local \(private\) address/],
    ['carrier-grade NAT', 'http://100.64.1.1/', /a carrier-grade NAT address/],
  ])('refuses %s before connecting, naming the rule and the setting', async (_what, template, message) => {
    const { port, seen } = await serve(ok)
    const error = await refusal(new Outbound().request(template.replace('{port}', String(port))))
    expect(error.rule).toBe('address')
    expect(error.message).toMatch(message)
    expect(error.message).toMatch(/OUTBOUND_ALLOW/)
    expect(seen).toEqual([])
  })

  it('refuses localhost, resolved by the system like any name', async () => {
    const { port, seen } = await serve(ok)
    const error = await refusal(new Outbound().request(`http://localhost:${port}/`))
    expect(error.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address/)
    expect(seen).toEqual([])
  })

  it('refuses a name that resolves to the loopback', async () => {
    const { port, seen } = await serve(ok)
    const dns = resolver({ 'hooks.example.com': ['127.0.0.1'] })
    const error = await refusal(
      new Outbound({ resolve: dns.resolve }).request(`http://hooks.example.com:${port}/`),
    )
    expect(error.message).toMatch(/^hooks\.example\.com resolves to 127\.0\.0\.1, a loopback address/)
    expect(error.address).toBe('127.0.0.1')
    expect(seen).toEqual([])
  })

  it('refuses a name when any of its addresses is private, even with a public one beside it', async () => {
    const dns = resolver({ 'mixed.example.com': ['93.184.216.34', '10.0.0.1'] })
    const error = await refusal(new Outbound({ resolve: dns.resolve }).request('http://mixed.example.com/'))
    expect(error.address).toBe('10.0.0.1')
  })

  it.each([
    ['ftp://files.example.com/a', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['gopher://example.com/', 'scheme'],
    ['not an address', 'scheme'],
    ['http://admin:secret@hooks.example.com/', 'credentials'],
    ['https://token@hooks.example.com/', 'credentials'],
  ])('refuses %s (%s)', async (url, rule) => {
    expect((await refusal(new Outbound().request(url))).rule).toBe(rule)
  })
})

describe('outbound requests: what an admin allows', () => {
  it('reaches a private address inside an allowed range', async () => {
    const { port, seen } = await serve(ok)
    const res = await new Outbound({ allow: ['127.0.0.0/8'] }).request(`http://127.0.0.1:${port}/x?y=1`)
    expect(res).toMatchObject({ status: 200, truncated: false })
    expect(res.body.toString()).toBe('fine')
    expect(seen.map((s) => s.url)).toEqual(['/x?y=1'])
  })

  it('reaches an allowed host name, connecting to the address it checked without resolving again', async () => {
    const { port, seen } = await serve(ok)
    // No system resolver knows this name: the connection can only have used the checked address.
    const dns = resolver({ 'hooks.internal': ['127.0.0.1'] })
    const outbound = new Outbound({ allow: ['hooks.internal'], resolve: dns.resolve })
    const res = await outbound.request(`http://Hooks.Internal.:${port}/`)
    expect(res.status).toBe(200)
    expect(dns.asked).toEqual(['hooks.internal'])
    expect(seen[0]?.headers.host).toBe(`hooks.internal.:${port}`)
  })

  it('an allowed range admits only its own addresses', async () => {
    const error = await refusal(new Outbound({ allow: ['10.0.0.0/8'] }).request('http://192.168.0.1/'))
    expect(error.address).toBe('192.168.0.1')
  })
})

describe('outbound requests: redirects', () => {
  /** "hooks.internal" is the loopback server the admin allowed; every other loopback address stays refused. */
  const allowedName = () => {
    const dns = resolver({
      'hooks.internal': ['127.0.0.1'],
      'rebound.example.com': ['127.0.0.1'],
      localhost: ['127.0.0.1', '::1'],
    })
    return new Outbound({ allow: ['hooks.internal'], resolve: dns.resolve })
  }

  it.each([
    ['the loopback by address', 'http://127.0.0.1:{port}/'],
    ['the loopback by name', 'http://localhost:{port}/'],
    ['a name that resolves to the loopback', 'http://rebound.example.com:{port}/'],
    ['the IPv6 loopback', 'http://[::1]:{port}/'],
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/'],
  ])(
    'refuses a redirect from an allowed host to %s, and the target hears nothing',
    async (_what, template) => {
      const target = await serve(ok)
      const first = await serve(redirectTo(template.replace('{port}', String(target.port))))
      const error = await refusal(allowedName().request(`http://hooks.internal:${first.port}/`))
      expect(error.rule).toBe('address')
      expect(first.seen).toHaveLength(1)
      expect(target.seen).toEqual([])
    },
  )

  it('refuses a redirect to another scheme', async () => {
    const first = await serve(redirectTo('file:///etc/passwd'))
    expect((await refusal(allowedName().request(`http://hooks.internal:${first.port}/`))).rule).toBe('scheme')
  })

  it('follows allowed redirects, and gives up on a loop after OUTBOUND_REDIRECTS_MAX', async () => {
    const target = await serve(ok)
    const first = await serve(redirectTo(`http://hooks.internal:${target.port}/there`, 307))
    const res = await allowedName().request(`http://hooks.internal:${first.port}/`)
    expect(res).toMatchObject({ status: 200, url: `http://hooks.internal:${target.port}/there` })

    const loop = await serve((res, seen) => redirectTo(`${seen.url}x`)(res))
    const error = await refusal(allowedName().request(`http://hooks.internal:${loop.port}/`))
    expect(error.rule).toBe('redirects')
    expect(loop.seen).toHaveLength(6)
  })

  it('answers a redirect as it is when told not to follow', async () => {
    const target = await serve(ok)
    const first = await serve(redirectTo(`http://hooks.internal:${target.port}/`))
    const res = await allowedName().request(`http://hooks.internal:${first.port}/`, { maxRedirects: 0 })
    expect(res.status).toBe(302)
    expect(target.seen).toEqual([])
  })

  it('turns a POST into a GET after a 303, and keeps credentials to their own origin', async () => {
    const target = await serve(ok)
    const first = await serve(redirectTo(`http://127.0.0.1:${target.port}/done`, 303))
    const outbound = new Outbound({
      allow: ['hooks.internal', '127.0.0.1'],
      resolve: allowedName().policy.resolve,
    })
    await outbound.request(`http://hooks.internal:${first.port}/`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    })
    expect(first.seen[0]).toMatchObject({ method: 'POST', body: '{"a":1}' })
    expect(first.seen[0]?.headers.authorization).toBe('Bearer t')
    expect(target.seen[0]).toMatchObject({ method: 'GET', body: '' })
    expect(target.seen[0]?.headers.authorization).toBeUndefined()
    expect(target.seen[0]?.headers['content-type']).toBeUndefined()
  })
})

describe('outbound requests: bounded in time and size', () => {
  const allowed = () => new Outbound({ allow: ['127.0.0.1'] })

  it('reads at most maxBytes of an answer, and says it stopped', async () => {
    const { port } = await serve((res) => res.end('x'.repeat(100_000)))
    const res = await allowed().request(`http://127.0.0.1:${port}/`, { maxBytes: 1_000 })
    expect(res.body.length).toBe(1_000)
    expect(res.truncated).toBe(true)
  })

  it('never downloads a body it was told to skip', async () => {
    const { port } = await serve((res) => res.end('x'.repeat(10_000)))
    const res = await allowed().request(`http://127.0.0.1:${port}/`, { readBody: () => false })
    expect(res).toMatchObject({ status: 200, truncated: false })
    expect(res.body.length).toBe(0)
  })

  it('fails a server that answers too slowly with OutboundTimeout', async () => {
    const { port } = await serve(() => {
      // Never answers.
    })
    const started = performance.now()
    const error = await allowed()
      .request(`http://127.0.0.1:${port}/`, { timeoutMs: 300 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OutboundTimeout)
    expect((error as Error).message).toBe('no answer within 300 ms')
    expect(performance.now() - started).toBeLessThan(3_000)
  })

  it('fails a body that stops half-way with OutboundTimeout too', async () => {
    const { port } = await serve((res) => res.write('a first part'))
    const error = await allowed()
      .request(`http://127.0.0.1:${port}/`, { timeoutMs: 300 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OutboundTimeout)
  })
})
