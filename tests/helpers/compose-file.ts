/**
 * docker-compose.yml as the deployment tests read it: parsed, interpolated the way compose does it
 * with no variables set, and small accessors for services, mounts, ports and environment.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseDocument } from 'yaml'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const COMPOSE_PATH = join(ROOT, 'docker-compose.yml')

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

// ---------------------------------------------------------------------------------------------------------
// Compose: interpolation as compose does it, so the checks see the values a default deployment gets.
// ---------------------------------------------------------------------------------------------------------

/** `$$`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `$VAR` */
const VARIABLE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g

export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(VARIABLE, (match, dollar, braced, op, arg, bare) => {
    if (dollar) return '$'
    const name: string = braced ?? bare
    const value = env[name]
    const unsetOrEmpty = value === undefined || value === ''
    switch (op) {
      case undefined:
        return value ?? ''
      case ':-':
        return unsetOrEmpty ? arg : value
      case '-':
        return value === undefined ? arg : value
      case ':+':
        return unsetOrEmpty ? '' : arg
      case '+':
        return value === undefined ? '' : arg
      default:
        // `:?` and `?`: compose refuses to start; the defaults-only view must not depend on such a variable.
        throw new Error(`${match} requires ${name} to be set`)
    }
  })
}

export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].filter((m) => !m[1]).map((m) => (m[2] ?? m[5]) as string)
}

/** Compose interpolates values, not keys; walking the parsed tree also keeps `${...}` in comments out. */
export function mapStrings(node: Json, fn: (text: string) => string): Json {
  if (typeof node === 'string') return fn(node)
  if (Array.isArray(node)) return node.map((item) => mapStrings(item, fn))
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapStrings(value, fn)]))
  }
  return node
}

export function strings(node: Json): string[] {
  const found: string[] = []
  mapStrings(node, (text) => {
    found.push(text)
    return text
  })
  return found
}

export function isObject(node: Json | undefined): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node)
}

export function object(node: Json | undefined, what: string): JsonObject {
  if (!isObject(node)) throw new Error(`${what} is not a mapping`)
  return node
}

/**
 * A `.env` file as compose reads it: `KEY=value` lines, `#` comments and blank lines, values
 * optionally in quotes (kept whole, spaces included); a comment after an unquoted value is dropped.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    if (eq < 1) throw new Error(`.env: "${line}" is not KEY=value`)
    const value = line.slice(eq + 1).trim()
    const quoted = /^(["'])(.*)\1$/.exec(value)
    env[line.slice(0, eq).trim()] = quoted ? (quoted[2] as string) : value.replace(/\s+#.*$/, '')
  }
  return env
}

const composeText = readFileSync(COMPOSE_PATH, 'utf8')
// parseDocument rather than parse: parse throws on the first error, which would fail the whole file at load
// instead of the one test about YAML syntax.
export const composeDoc = parseDocument(composeText)
export const composeRaw = composeDoc.toJS() as Json
/** The file as a deployment with no variables set sees it. */
export const compose = object(
  mapStrings(composeRaw, (text) => interpolate(text, {})),
  'docker-compose.yml',
)

/** The file as a deployment whose shell or .env sets `env` sees it. */
export function composeWith(env: Record<string, string | undefined>): JsonObject {
  return object(
    mapStrings(composeRaw, (text) => interpolate(text, env)),
    'docker-compose.yml',
  )
}

/** The services a run with these profiles starts (compose's `COMPOSE_PROFILES`, comma-separated). */
export function activeServices(file: JsonObject, profiles: string[]): string[] {
  return Object.entries(object(file.services, 'services'))
    .filter(([, svc]) => {
      const own = (object(svc, 'service').profiles ?? []) as string[]
      return own.length === 0 || own.some((p) => profiles.includes(p))
    })
    .map(([name]) => name)
}

/**
 * What compose itself refuses once profiles are applied (compose-go's consistency check): a
 * dependency on a service that is not part of the run, unless marked `required: false`; a network
 * or a named volume that is not declared.
 */
export function consistencyProblems(file: JsonObject, profiles: string[]): string[] {
  const active = activeServices(file, profiles)
  const all = Object.keys(object(file.services, 'services'))
  const networks = Object.keys(object(file.networks ?? {}, 'networks'))
  const volumes = Object.keys(object(file.volumes ?? {}, 'volumes'))
  const problems: string[] = []
  for (const name of active) {
    const svc = object(object(file.services, 'services')[name], name)
    const dependsOn = svc.depends_on ?? []
    const entries: [string, Json][] = Array.isArray(dependsOn)
      ? dependsOn.map((dep) => [String(dep), {}])
      : Object.entries(object(dependsOn, 'depends_on'))
    for (const [dep, cfg] of entries) {
      if (active.includes(dep)) continue
      const required = isObject(cfg) ? cfg.required !== false : true
      if (!all.includes(dep) || required) problems.push(`${name} depends on ${dep}, not part of this run`)
    }
    const own = svc.networks ?? []
    for (const net of Array.isArray(own) ? own.map(String) : Object.keys(object(own, 'networks')))
      if (!networks.includes(net)) problems.push(`${name} uses network ${net}, not declared`)
    for (const mount of mounts(svc))
      if (mount.type === 'volume' && mount.source && !volumes.includes(mount.source))
        problems.push(`${name} mounts volume ${mount.source}, not declared`)
  }
  return problems
}

/** The Gatecast server's service. */
export const SERVICE = 'gatecast'

export function service(name = SERVICE, file: JsonObject = compose): JsonObject {
  return object(object(file.services, 'services')[name], `services.${name}`)
}

export interface Mount {
  type: string
  source: string | undefined
  target: string
}

/** Short (`source:target[:mode]`) and long syntax; a source that is not a path is a named volume. */
export function mounts(svc: JsonObject): Mount[] {
  const list = svc.volumes ?? []
  if (!Array.isArray(list)) throw new Error('service volumes is not a list')
  return list.map((entry) => {
    if (typeof entry === 'string') {
      const [first, second] = entry.split(':')
      if (second === undefined) return { type: 'volume', source: undefined, target: first as string }
      const isPath = /^[./~]/.test(first as string)
      return { type: isPath ? 'bind' : 'volume', source: first, target: second }
    }
    const long = object(entry, 'volume entry')
    return {
      type: String(long.type ?? 'volume'),
      source: long.source === undefined ? undefined : String(long.source),
      target: String(long.target),
    }
  })
}

/** The container side of each published port: `[ip:][host:]container[/proto]` or `{ target }`. */
export function containerPorts(svc: JsonObject): number[] {
  const list = svc.ports ?? []
  if (!Array.isArray(list)) throw new Error('service ports is not a list')
  return list.map((entry) => {
    if (isObject(entry)) return Number(entry.target)
    const spec = String(entry).split('/')[0] as string
    return Number(spec.slice(spec.lastIndexOf(':') + 1))
  })
}

export function environment(svc: JsonObject): Record<string, string> {
  const env = svc.environment ?? {}
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((item) => {
        const [key, ...rest] = String(item).split('=')
        return [key as string, rest.join('=')]
      }),
    )
  }
  return Object.fromEntries(Object.entries(object(env, 'environment')).map(([k, v]) => [k, String(v ?? '')]))
}

export function healthcheckCommand(svc: JsonObject): string[] {
  const test = object(svc.healthcheck, 'healthcheck').test
  if (typeof test === 'string') return ['CMD-SHELL', test]
  if (!Array.isArray(test)) throw new Error('healthcheck.test is missing')
  return test.map(String)
}

/**
 * The official schema, as shipped by dclint (a maintained linter that refreshes its copy from the
 * compose-spec repository). Its package exports hide the file, so it is found through package.json.
 */
export function composeSchema(): JsonObject {
  const require = createRequire(import.meta.url)
  const dir = dirname(require.resolve('dclint/package.json'))
  const schema = JSON.parse(readFileSync(join(dir, 'schemas', 'compose.schema.json'), 'utf8')) as JsonObject
  // The spec names its meta-schema by an https URL that Ajv does not know; without the key Ajv checks the
  // schema against its built-in draft-07, the same meta-schema.
  const { $schema: _metaSchema, ...rest } = schema
  return rest
}
