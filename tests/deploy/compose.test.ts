/**
 * Deployment files checked without a container engine: there is none on the development machines or in CI,
 * so the compose file is validated against the Compose Specification schema and the Dockerfile is read as
 * text. Each check names the mistake it guards against.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import {
  compose,
  composeDoc,
  composeRaw,
  composeSchema,
  containerPorts,
  environment,
  healthcheckCommand,
  isObject,
  type JsonObject,
  mounts,
  object,
  ROOT,
  SERVICE,
  service,
  strings,
  variablesIn,
} from '../helpers/compose-file'

const DOCKERFILE_PATH = join(ROOT, 'deploy', 'Dockerfile')
const DOCKERIGNORE_PATH = join(ROOT, '.dockerignore')

const CADDYFILE_PATH = join(ROOT, 'deploy', 'Caddyfile')
const caddyfile = readFileSync(CADDYFILE_PATH, 'utf8')

/** The variables the server reads (named in server/config.ts); the compose file has no business with any other. */
const SERVER_ENV = [
  ...new Set(
    [
      ...readFileSync(join(ROOT, 'server', 'config.ts'), 'utf8').matchAll(
        /env\.([A-Z][A-Z0-9_]+)|env,\s*'([A-Z][A-Z0-9_]+)'/g,
      ),
    ].map((m) => (m[1] ?? m[2]) as string),
  ),
]
/**
 * What the official PostgreSQL image reads (the "postgres" profile): its password, which
 * docker-compose.yml passes on from .env to the nodes as well.
 */
const POSTGRES_IMAGE_ENV = ['POSTGRES_PASSWORD']
/** What the Caddyfile reads, `{$NAME}` or `{$NAME:default}`, with the defaults. */
const CADDY_ENV = new Map(
  [...caddyfile.matchAll(/\{\$([A-Z][A-Z0-9_]*)(?::([^}]*))?\}/g)].map((m) => [m[1] as string, m[2] ?? '']),
)

// ---------------------------------------------------------------------------------------------------------
// Dockerfile: a small parser, enough for the instructions this project uses.
// ---------------------------------------------------------------------------------------------------------

interface Instruction {
  keyword: string
  args: string
}

interface Stage {
  base: string
  name: string | undefined
  instructions: Instruction[]
}

function parseDockerfile(text: string): Stage[] {
  const logical: string[] = []
  let pending = ''
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    // Comments and blank lines may sit inside a continued instruction and do not end it.
    if (line.startsWith('#') || line === '') continue
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `
      continue
    }
    logical.push(pending + line)
    pending = ''
  }
  if (pending) logical.push(pending.trim())

  const stages: Stage[] = []
  for (const line of logical) {
    const space = line.search(/\s/)
    const keyword = (space < 0 ? line : line.slice(0, space)).toUpperCase()
    const args = space < 0 ? '' : line.slice(space + 1).trim()
    if (keyword === 'FROM') {
      const words = args.split(/\s+/).filter((word) => !word.startsWith('--'))
      const as = words.findIndex((word) => word.toUpperCase() === 'AS')
      stages.push({ base: words[0] as string, name: as < 0 ? undefined : words[as + 1], instructions: [] })
      continue
    }
    const stage = stages.at(-1)
    if (!stage) throw new Error(`Dockerfile: ${keyword} before the first FROM`)
    stage.instructions.push({ keyword, args })
  }
  return stages
}

/** `KEY=value KEY2="two words"` and the legacy `KEY value` form. */
function parseEnv(args: string): Record<string, string> {
  const words = args.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []
  const unquote = (text: string) => text.replace(/^"(.*)"$|^'(.*)'$/, '$1$2')
  if (!words[0]?.includes('=')) {
    return { [words[0] ?? '']: unquote(args.slice((words[0] ?? '').length).trim()) }
  }
  return Object.fromEntries(
    words.map((word) => {
      const eq = word.indexOf('=')
      return [word.slice(0, eq), unquote(word.slice(eq + 1))]
    }),
  )
}

/** Drops leading `--flag` and `--flag=value` words, as COPY and HEALTHCHECK take them. */
function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {}
  let rest = args
  for (;;) {
    const match = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest)
    if (!match) return { flags, rest }
    flags[match[1] as string] = match[2] ?? ''
    rest = rest.slice(match[0].length)
  }
}

/** Exec form (JSON array) or shell form. */
function commandWords(args: string): { exec: boolean; words: string[] } {
  if (args.startsWith('[')) return { exec: true, words: JSON.parse(args) as string[] }
  return { exec: false, words: args.split(/\s+/) }
}

const stages = parseDockerfile(readFileSync(DOCKERFILE_PATH, 'utf8'))
const runtime = stages.at(-1) as Stage
const runtimeAll = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword)
const runtimeEnv: Record<string, string> = Object.assign(
  {},
  ...runtimeAll('ENV').map((i) => parseEnv(i.args)),
)

function dockerfileHealthcheck(): string[] {
  const healthchecks = runtimeAll('HEALTHCHECK')
  const last = healthchecks.at(-1)
  if (!last) throw new Error('no HEALTHCHECK in the runtime stage')
  const { rest } = splitFlags(last.args)
  if (!rest.startsWith('CMD')) return [rest]
  const { exec, words } = commandWords(rest.slice(3).trim())
  return exec ? ['CMD', ...words] : ['CMD-SHELL', words.join(' ')]
}

// ---------------------------------------------------------------------------------------------------------
// .dockerignore: just enough of its matching to tell whether a COPY source would be missing from the context.
// ---------------------------------------------------------------------------------------------------------

const ignorePatterns = readFileSync(DOCKERIGNORE_PATH, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => line.replace(/^\/+|\/+$/g, ''))

function globToRegExp(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?'
      i += 2
    } else if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  // A pattern that names a directory excludes everything below it too.
  return new RegExp(`^${source}(?:/.*)?$`)
}

function ignored(path: string): boolean {
  let result = false
  for (const pattern of ignorePatterns) {
    const negated = pattern.startsWith('!')
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(path)) result = !negated
  }
  return result
}

// ---------------------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('parses as a single YAML document without errors or warnings', () => {
    // Duplicate keys are errors here; compose rejects them too, where a laxer reader would silently keep
    // the last one.
    expect(composeDoc.errors.map((e) => e.message)).toEqual([])
    expect(composeDoc.warnings.map((e) => e.message)).toEqual([])
    expect(isObject(composeRaw)).toBe(true)
  })

  it('is valid against the Compose Specification JSON schema', () => {
    // strictTypes is off because the upstream schema uses union types and bare additionalProperties, which
    // are valid JSON Schema but trip Ajv's authoring lint; the rest of strict mode (unknown keywords and
    // formats) stays on so a schema Ajv cannot fully enforce fails loudly instead of passing everything.
    const ajv = new Ajv({ allErrors: true, strictTypes: false })
    const validate = ajv.compile(composeSchema())
    const valid = validate(compose)
    const errors = (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    )
    expect(errors).toEqual([])
    expect(valid).toBe(true)
    // The schema must have teeth: a misspelt key, which compose itself would reject, fails it.
    const misspelt = structuredClone(compose) as { services: Record<string, JsonObject> }
    misspelt.services[SERVICE] = { ...service(), healtcheck: {} }
    expect(validate(misspelt)).toBe(false)
  })

  it('builds the gatecast service from the Dockerfile in this repository', () => {
    const svc = service()
    const build = typeof svc.build === 'string' ? { context: svc.build } : object(svc.build, 'build')
    const context = resolve(ROOT, String(build.context ?? '.'))
    expect(existsSync(context) && statSync(context).isDirectory()).toBe(true)
    const dockerfile = resolve(context, String(build.dockerfile ?? 'Dockerfile'))
    expect(dockerfile).toBe(DOCKERFILE_PATH)
    expect(existsSync(dockerfile)).toBe(true)
    expect(svc.image).toBe('gatecast:latest')
  })

  it('restarts the server by itself after a crash or a reboot', () => {
    expect(['always', 'unless-stopped', 'on-failure']).toContain(String(service().restart).split(':')[0])
  })

  it('has a healthcheck that probes /api/health, with the same command as the image', () => {
    const svc = service()
    const healthcheck = object(svc.healthcheck, 'healthcheck')
    expect(healthcheck.disable ?? false).toBe(false)
    const command = healthcheckCommand(svc)
    expect(command[0]).not.toBe('NONE')
    expect(command.join(' ')).toContain('/api/health')
    for (const key of ['interval', 'timeout', 'retries', 'start_period'])
      expect(healthcheck).toHaveProperty(key)
    // Two copies of the probe drift apart unnoticed; the compose one overrides the image's when both exist.
    expect(command).toEqual(dockerfileHealthcheck())
  })

  it("keeps its data on a named volume mounted at the image's DATA_DIR", () => {
    const svc = service()
    const dataDir = environment(svc).DATA_DIR || runtimeEnv.DATA_DIR
    expect(dataDir).toBeTruthy()
    const mount = mounts(svc).find((m) => m.target === dataDir)
    expect(mount, `nothing is mounted at ${dataDir}`).toBeDefined()
    // A bind mount or an anonymous volume would not be found again by the next `up` after an upgrade.
    expect(mount?.type).toBe('volume')
    expect(Object.keys(object(compose.volumes ?? {}, 'volumes'))).toContain(mount?.source)
  })

  it('publishes the port the server listens on, which is the one the image exposes', () => {
    const svc = service()
    const port = Number(environment(svc).PORT || runtimeEnv.PORT)
    expect(port).toBe(Number(runtimeEnv.PORT))
    expect(
      runtimeAll('EXPOSE').flatMap((i) => i.args.split(/\s+/).map((p) => Number(p.split('/')[0]))),
    ).toContain(port)
    const published = containerPorts(svc)
    expect(published.length).toBeGreaterThan(0)
    for (const target of published) expect(target).toBe(port)
  })

  it('interpolates only variables that the server, the TLS proxy or PostgreSQL reads', () => {
    const used = new Set(strings(composeRaw).flatMap(variablesIn))
    expect(SERVER_ENV).toEqual(expect.arrayContaining(['PORT', 'DATA_DIR', 'TRUST_PROXY', 'METRICS_ALLOW']))
    expect(used.size).toBeGreaterThan(0)
    for (const name of used)
      expect(
        [...SERVER_ENV, ...CADDY_ENV.keys(), ...POSTGRES_IMAGE_ENV],
        `\${${name}} is not a Gatecast setting`,
      ).toContain(name)
  })

  it('uses every named volume it declares, and declares every one it uses', () => {
    const declared = Object.keys(object(compose.volumes ?? {}, 'volumes'))
    const services = Object.values(object(compose.services, 'services')).map((s) => object(s, 'service'))
    const used = services.flatMap(mounts).flatMap((m) => (m.type === 'volume' && m.source ? [m.source] : []))
    for (const name of declared)
      expect(used, `volume ${name} is declared but mounted nowhere`).toContain(name)
    for (const name of used) expect(declared, `volume ${name} is mounted but not declared`).toContain(name)
  })

  it('stops gracefully and rotates its logs', () => {
    const svc = service()
    expect(svc.stop_grace_period).toBeTruthy()
    const logging = object(svc.logging, 'logging')
    expect(logging.driver).toBe('json-file')
    const options = object(logging.options, 'logging.options')
    expect(options['max-size']).toBeTruthy()
    expect(options['max-file']).toBeTruthy()
  })
})

describe('Dockerfile', () => {
  it('builds in one stage and runs from another on the same base image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    // The native addon compiled in the build stage must load under the same glibc and Node ABI.
    const build = stages.find((s) =>
      s.instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args)),
    )
    expect(build, 'no stage runs npm ci').toBeDefined()
    expect(build).not.toBe(runtime)
    expect(runtime.base).toBe(build?.base)
  })

  it('runs the final stage as a non-root user', () => {
    const user = runtimeAll('USER').at(-1)?.args.split(':')[0]
    expect(user, 'the runtime stage sets no USER').toBeDefined()
    expect(['root', '0']).not.toContain(user)
  })

  it('has a HEALTHCHECK that probes /api/health', () => {
    const command = dockerfileHealthcheck()
    expect(command[0]).not.toBe('NONE')
    expect(command.join(' ')).toContain('/api/health')
  })

  it('starts the bundled server directly, in exec form', () => {
    const cmd = runtimeAll('CMD').at(-1)
    expect(cmd, 'the runtime stage has no CMD').toBeDefined()
    const { exec, words } = commandWords(cmd?.args ?? '')
    // Exec form: node gets the stop signal itself instead of a shell that swallows it.
    expect(exec).toBe(true)
    expect(words).toContain('dist/server/main.js')
  })

  it('copies into the runtime stage only files from the build context or an earlier stage', () => {
    const earlier = new Set(
      stages.slice(0, -1).flatMap((s, index) => [String(index), ...(s.name ? [s.name] : [])]),
    )
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
    expect(copies.length).toBeGreaterThan(0)
    for (const copy of copies) {
      const { flags, rest } = splitFlags(copy.args)
      const { words } = commandWords(rest)
      const sources = words.slice(0, -1)
      if ('from' in flags) {
        expect(earlier, `COPY --from=${flags.from} names no earlier stage`).toContain(flags.from)
        continue
      }
      for (const source of sources) {
        const path = source.replace(/^\.\/|\/$/g, '')
        expect(existsSync(join(ROOT, path)), `COPY ${source}: not in the repository`).toBe(true)
        expect(ignored(path), `COPY ${source}: excluded by .dockerignore`).toBe(false)
      }
    }
  })

  it('declares DATA_DIR as a volume and the data and port settings the server reads', () => {
    expect(runtimeEnv.DATA_DIR).toMatch(/^\//)
    expect(runtimeEnv.NODE_ENV).toBe('production')
    expect(runtimeEnv.PORT).toMatch(/^\d+$/)
    const volumes = runtimeAll('VOLUME').flatMap((i) => commandWords(i.args).words)
    expect(volumes).toContain(runtimeEnv.DATA_DIR)
  })

  it('installs dependencies from the lockfile with npm ci, never npm install', () => {
    const runs = stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args))
    expect(runs.some((args) => /\bnpm ci\b/.test(args))).toBe(true)
    for (const args of runs) expect(args, `RUN ${args}`).not.toMatch(/\bnpm\s+(install|i|add)\b/)
    // npm ci refuses to run without the lockfile, so it must be in the image before the install.
    const copied = stages.flatMap((s) =>
      s.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args),
    )
    expect(copied.some((args) => args.includes('package-lock.json'))).toBe(true)
  })
})

describe('.dockerignore', () => {
  it('keeps node_modules and data out of the build context', () => {
    // A host node_modules can hold a native addon built for another platform; data/ holds a live database.
    for (const path of ['node_modules', 'data', 'data/gatecast.sqlite', 'node_modules/better-sqlite3']) {
      expect(ignored(path), path).toBe(true)
    }
    for (const path of ['package.json', 'package-lock.json', 'server/main.ts', 'playlists']) {
      expect(ignored(path), path).toBe(false)
    }
  })
})
