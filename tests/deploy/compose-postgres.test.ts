import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '@server/config'
import { describe, expect, it } from 'vitest'
import {
  activeServices,
  compose,
  composeRaw,
  composeWith,
  consistencyProblems,
  containerPorts,
  environment,
  healthcheckCommand,
  type JsonObject,
  mounts,
  object,
  parseEnvFile,
  ROOT,
  SERVICE,
  service,
} from '../helpers/compose-file'

/**
 * docker-compose.yml's "postgres" profile (issue 21): PostgreSQL, Redis and two Gatecast nodes,
 * each with its own data volume, behind the TLS proxy. Checked without a container engine, as
 * compose would read the file with the .env the README gives: what compose itself would refuse,
 * and the wiring that compose accepts but that would leave the nodes apart.
 */

const PROFILE = 'postgres'
const PEER = 'gatecast-peer'
const NODES = [SERVICE, PEER]

/** The README's .env for the profile: the one block that turns it on. */
function readmeEnv(): Record<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string)
  const block = blocks.filter((text) => text.includes(`COMPOSE_PROFILES=${PROFILE}`))
  expect(block, `README: one sh block with COMPOSE_PROFILES=${PROFILE}`).toHaveLength(1)
  return parseEnvFile(block[0] as string)
}

const env = readmeEnv()
const deployed = composeWith(env)
const profiles = (env.COMPOSE_PROFILES ?? '').split(',')
const at = (name: string) => service(name, deployed)
const rawEnv = (name: string) =>
  object(object(object(composeRaw, 'file').services, 'services')[name], name).environment as JsonObject

describe('docker-compose.yml: the "postgres" profile', () => {
  it('is a project compose accepts with no profile, with "cluster" and with "postgres"', () => {
    for (const run of [[], ['cluster'], [PROFILE]]) {
      expect(consistencyProblems(compose, run), run.join() || 'no profile').toEqual([])
    }
    expect(activeServices(compose, []).sort()).toEqual([SERVICE, 'proxy'])
    expect(activeServices(compose, ['cluster']).sort()).toEqual(['gatecast', 'gatecast-2', 'proxy', 'redis'])
    expect(activeServices(deployed, profiles).sort()).toEqual([SERVICE, PEER, 'postgres', 'proxy', 'redis'])
    // The check has teeth: the server waiting for PostgreSQL without `required: false` is a file
    // compose refuses when the profile is off.
    const strict = structuredClone(compose) as { services: Record<string, JsonObject> }
    const dependsOn = object(strict.services[SERVICE]?.depends_on, 'depends_on')
    dependsOn.postgres = { condition: 'service_healthy' }
    expect(consistencyProblems(strict, [])).toEqual(['gatecast depends on postgres, not part of this run'])
  })

  it("wires both nodes, by the README's .env, to the one database and the one Redis", () => {
    const [first, peer] = NODES.map((name) => environment(at(name)))
    const pg = environment(at('postgres'))
    for (const node of [first, peer]) {
      const url = new URL(String(node?.DATABASE_URL))
      expect(activeServices(deployed, profiles)).toContain(url.hostname)
      expect(url.hostname).toBe('postgres')
      expect(url.port || '5432').toBe('5432')
      expect(url.username).toBe(pg.POSTGRES_USER)
      expect(url.pathname).toBe(`/${pg.POSTGRES_DB}`)
      // The password travels apart (PGPASSWORD, node-postgres reads it): never in the address.
      expect(url.password).toBe('')
      expect(node?.PGPASSWORD).toBe(pg.POSTGRES_PASSWORD)
      expect(new URL(String(node?.REDIS_URL)).hostname).toBe('redis')
      // The server's own reading of its settings takes them.
      const config = loadConfig({ ...node })
      expect(config.databaseUrl).toBe(node?.DATABASE_URL)
      expect(config.redisUrl).toBe(node?.REDIS_URL)
      // Both may run the jobs: the lease in the database picks one, and the other takes over.
      expect(config.role).toBe('primary')
    }
    expect(pg.POSTGRES_PASSWORD).not.toBe('')
  })

  it('reads the shared settings from the same variables on both nodes, so they cannot drift apart', () => {
    const [first, peer] = NODES.map(rawEnv)
    for (const key of ['DATABASE_URL', 'PGPASSWORD', 'MEDIA_S3_URL', 'REDIS_URL', 'TRUST_PROXY', 'PORT'])
      expect(peer?.[key], key).toBe(first?.[key])
    expect(at(PEER).image).toBe(at(SERVICE).image)
    expect(healthcheckCommand(at(PEER))).toEqual(healthcheckCommand(at(SERVICE)))
  })

  it('bakes in no password: the database and the nodes get it from the environment or nowhere', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's interpolation, as the file spells it.
    expect(rawEnv('postgres').POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:-}')
    // Without a .env the password is empty, which the image refuses rather than run open.
    expect(environment(service('postgres')).POSTGRES_PASSWORD).toBe('')
    for (const name of NODES) expect(environment(service(name)).PGPASSWORD).toBe('')
    // With no DATABASE_URL the first node stays on SQLite, as before the profile existed.
    expect(environment(service(SERVICE)).DATABASE_URL).toBe('')
  })

  it('gives each node its own data volume and publishes neither the peer nor the database', () => {
    const data = NODES.map((name) => mounts(at(name)).find((m) => m.target === '/data'))
    for (const mount of data) expect(mount?.type).toBe('volume')
    expect(new Set(data.map((m) => m?.source)).size).toBe(NODES.length)
    expect(containerPorts(at(PEER))).toEqual([])
    expect(containerPorts(at('postgres'))).toEqual([])
    const pgData = mounts(at('postgres')).find((m) => m.target === '/var/lib/postgresql/data')
    expect(pgData?.type).toBe('volume')
  })

  it('starts each node once PostgreSQL answers and Redis is up, and the proxy once both nodes are', () => {
    const condition = (from: string, to: string) =>
      object(object(at(from).depends_on, `${from}.depends_on`)[to], `${from} → ${to}`).condition
    for (const node of NODES) {
      expect(condition(node, 'postgres')).toBe('service_healthy')
      expect(condition(node, 'redis')).toBe('service_healthy')
    }
    for (const node of NODES) expect(condition('proxy', node)).toBe('service_healthy')
    // Ready means answering on TCP as the nodes' user, to their database.
    const probe = healthcheckCommand(at('postgres'))
    const pg = environment(at('postgres'))
    expect(probe.slice(0, 2)).toEqual(['CMD', 'pg_isready'])
    expect(probe).toEqual(
      expect.arrayContaining(['-h', '127.0.0.1', '-U', pg.POSTGRES_USER, '-d', pg.POSTGRES_DB]),
    )
    // A binary collation, as the README asks of a database made by hand.
    expect(pg.POSTGRES_INITDB_ARGS).toContain('--locale=C.UTF-8')
  })

  it("sends the proxy's clients to both nodes, at the port each listens on", () => {
    const upstreams = String(environment(at('proxy')).GATECAST_UPSTREAM).split(/\s+/)
    const reached = upstreams.map((upstream) => {
      const [host, port] = upstream.split(':')
      expect(NODES, upstream).toContain(host)
      expect(port).toBe(environment(at(host as string)).PORT)
      return host
    })
    expect(reached.sort()).toEqual([...NODES].sort())
    // Every reverse_proxy of the Caddyfile (the site and the probe) takes that list.
    const caddyfile = readFileSync(join(ROOT, 'deploy', 'Caddyfile'), 'utf8')
    const proxies = [...caddyfile.matchAll(/^\s*reverse_proxy\s+(\S+)/gm)].map((m) => m[1])
    expect(proxies.length).toBeGreaterThanOrEqual(2)
    for (const target of proxies) expect(target).toMatch(/^\{\$GATECAST_UPSTREAM(:[^}]*)?\}$/)
  })
})
