import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  compose,
  containerPorts,
  environment,
  healthcheckCommand,
  type JsonObject,
  mounts,
  object,
  ROOT,
  SERVICE,
  service,
} from '../helpers/compose-file'

/**
 * The TLS proxy's place in docker-compose.yml, checked without a container engine. That the
 * Caddyfile itself works (TLS, websockets, Secure cookies, the probe) is proven by running it:
 * tests/deploy/tls-proxy.test.ts.
 */

const PROXY = 'proxy'
const caddyfile = readFileSync(join(ROOT, 'deploy', 'Caddyfile'), 'utf8')
const caddyDefault = (name: string) => new RegExp(`\\{\\$${name}:([^}]*)\\}`).exec(caddyfile)?.[1] ?? null

/** `[ip:][host:]container[/proto]` → the host address a port is published on ('' for every one). */
function hostAddresses(svc: JsonObject): string[] {
  const list = (svc.ports ?? []) as unknown[]
  return list.map((entry) => {
    if (typeof entry === 'object' && entry !== null) return String((entry as JsonObject).host_ip ?? '')
    const parts = String(entry).split('/')[0]!.split(':')
    return parts.length === 3 ? (parts[0] as string) : ''
  })
}

describe('docker-compose.yml: the TLS proxy', () => {
  it("mounts the repository's Caddyfile, read-only, where the Caddy image reads it", () => {
    const mount = mounts(service(PROXY)).find((m) => m.target === '/etc/caddy/Caddyfile')
    expect(mount?.type).toBe('bind')
    expect(existsSync(resolve(ROOT, String(mount?.source)))).toBe(true)
    const raw = (service(PROXY).volumes as string[]).find((v) => String(v).includes('/etc/caddy/Caddyfile'))
    expect(String(raw)).toMatch(/:ro$/)
  })

  it('keeps certificates and its authority on named volumes, so screens keep trusting it after upgrades', () => {
    const targets = mounts(service(PROXY))
      .filter((m) => m.type === 'volume')
      .map((m) => m.target)
    expect(targets).toEqual(expect.arrayContaining(['/data', '/config']))
  })

  it('is the only way in from outside: 80 and 443 on the proxy, the server on loopback only', () => {
    expect(containerPorts(service(PROXY)).sort()).toEqual([443, 80].sort())
    expect(hostAddresses(service(PROXY)).every((a) => a === '' || a === '0.0.0.0')).toBe(true)
    expect(hostAddresses(service(SERVICE)).every((a) => a === '127.0.0.1')).toBe(true)
  })

  it("sends requests to the server's service and port", () => {
    const env = environment(service(PROXY))
    const port = environment(service(SERVICE)).PORT
    expect(env.GATECAST_UPSTREAM).toBe(`${SERVICE}:${port}`)
    // Every variable the proxy is given is one the Caddyfile reads.
    for (const name of Object.keys(env)) expect(caddyDefault(name), `${name} is unused`).not.toBeNull()
    expect(env.GATECAST_TLS).toBe('internal')
  })

  it("trusts forwarded headers from the project's own network only", () => {
    const networks = object(compose.networks, 'networks')
    const subnets = Object.values(networks).flatMap((n) =>
      ((object(object(n, 'network').ipam, 'ipam').config ?? []) as JsonObject[]).map((c) => String(c.subnet)),
    )
    expect(subnets).toHaveLength(1)
    expect(environment(service(SERVICE)).TRUST_PROXY).toBe(subnets[0])
    for (const name of [SERVICE, PROXY]) expect(service(name).networks).toEqual(Object.keys(networks))
  })

  it('starts once the server is healthy, restarts by itself and probes the Caddyfile probe site', () => {
    const proxy = service(PROXY)
    const dependsOn = object(proxy.depends_on, 'depends_on')
    expect(object(dependsOn[SERVICE], SERVICE).condition).toBe('service_healthy')
    expect(['always', 'unless-stopped']).toContain(proxy.restart)
    const probe = healthcheckCommand(proxy).join(' ')
    expect(probe).toContain(`http://127.0.0.1:${caddyDefault('GATECAST_PROBE_PORT')}/api/health`)
  })
})

describe('docker-compose.yml: the "cluster" profile', () => {
  const second = () => service('gatecast-2')

  it('adds Redis and a secondary node only when the profile is asked for', () => {
    expect(second().profiles).toEqual(['cluster'])
    // Redis serves the "postgres" profile's nodes too (compose-postgres.test.ts).
    expect(service('redis').profiles).toEqual(['cluster', 'postgres'])
    expect(service(SERVICE).profiles).toBeUndefined()
    expect(service(PROXY).profiles).toBeUndefined()
  })

  it('runs the same image as a secondary on the same data, through the project network', () => {
    expect(second().image).toBe(service(SERVICE).image)
    const env = environment(second())
    expect(env.NODE_ROLE).toBe('secondary')
    expect(env.REDIS_URL).toBe('redis://redis:6379')
    expect(env.TRUST_PROXY).toBe(environment(service(SERVICE)).TRUST_PROXY)
    const data = (svc: JsonObject) => mounts(svc).find((m) => m.target === '/data')?.source
    expect(data(second())).toBe(data(service(SERVICE)))
    const dependsOn = object(second().depends_on, 'depends_on')
    for (const name of [SERVICE, 'redis'])
      expect(object(dependsOn[name], name).condition).toBe('service_healthy')
    expect(healthcheckCommand(second())).toEqual(healthcheckCommand(service(SERVICE)))
  })
})
