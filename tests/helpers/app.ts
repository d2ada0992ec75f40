import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Role } from '@playlists/schemas/accounts'
import { type AppOptions, buildApp } from '@server/app'
import { hashPassword } from '@server/auth/secrets'
import { openDatabase } from '@server/db/open'
import { PG_MIGRATIONS } from '@server/db/postgres/migrations'
import { openPostgres } from '@server/db/postgres/open'
import type { Store } from '@server/db/store'
import { DATABASE_FILE } from '@server/plugins/db'
import type { FastifyInstance, InjectOptions } from 'fastify'
import pg from 'pg'
import { approveAndPublish } from './approval'

/** Every test account's password (the first admin's too). */
export const TEST_PASSWORD = 'correct horse battery staple'

/**
 * The secret of a new admin API token, made by the first admin (built with TEST_PASSWORD) signing
 * in on `app`: for apps built without createTestApp, such as nodes sharing one database.
 */
export async function adminTokenOn(app: FastifyInstance, name: string): Promise<string> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: TEST_PASSWORD },
  })
  if (login.statusCode !== 200) throw new Error(`signing in answered ${login.statusCode}: ${login.body}`)
  const cookie = String(login.headers['set-cookie']).split(';')[0] as string
  const made = await app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: { cookie },
    payload: { name, role: 'admin' },
  })
  if (made.statusCode !== 201) throw new Error(`making a token answered ${made.statusCode}: ${made.body}`)
  return made.json().secret as string
}

/** A test account and an API token acting as it, with its own role. */
export interface Member {
  id: string
  username: string
  role: Role
  token: string
  headers: { authorization: string }
}

/**
 * The people of a test: the first admin, and one account per role, plus a second editor and a
 * second approver for the four-eyes rules. Requests go as `admin` unless a test says otherwise.
 */
export interface Team {
  admin: Member
  approver: Member
  approver2: Member
  editor: Member
  editor2: Member
  viewer: Member
}

export interface TestApp {
  /** The app; its `inject` acts as the admin unless the request carries its own credentials. */
  app: FastifyInstance
  team: Team
  /** The app's own inject: a request with no credentials at all. */
  anonymous: FastifyInstance['inject']
  dataDir: string
  /** The PostgreSQL database under the api-postgres project; undefined on SQLite (in dataDir). */
  databaseUrl: string | undefined
  close: () => Promise<void>
}

/** The team of each app a helper built, so approval helpers need only the app. */
export const TEAMS = new WeakMap<FastifyInstance, Team>()

let passwordHash: Promise<string> | undefined
/** TEST_PASSWORD's hash, made once per worker: scrypt is most of an app's start otherwise. */
const testPasswordHash = (): Promise<string> => {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  return passwordHash
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Makes the team's accounts and tokens straight in the repositories: scrypt once per worker, not per test. */
async function makeTeam(app: FastifyInstance): Promise<Team> {
  const hash = await testPasswordHash()
  const member = (username: string, role: Role): Member => {
    const user =
      app.repos.users.credentials(username)?.user ??
      app.repos.users.create({ username, displayName: username, role, passwordHash: hash })
    const { secret } = app.repos.apiTokens.create({ name: `${username} (tests)`, userId: user.id, role })
    return { id: user.id, username, role, token: secret, headers: bearer(secret) }
  }
  return {
    admin: member('admin', 'admin'),
    approver: member('approver', 'approver'),
    approver2: member('approver2', 'approver'),
    editor: member('editor', 'editor'),
    editor2: member('editor2', 'editor'),
    viewer: member('viewer', 'viewer'),
  }
}

/** Makes `app.inject` act as `member` when a request names no credentials of its own. */
function actAs(app: FastifyInstance, member: Member): FastifyInstance['inject'] {
  const raw = app.inject.bind(app) as (opts: InjectOptions) => ReturnType<FastifyInstance['inject']>
  const inject = (opts: InjectOptions | string) => {
    const o = typeof opts === 'string' ? { url: opts } : opts
    const headers = (o.headers ?? {}) as Record<string, unknown>
    const own = 'authorization' in headers || 'cookie' in headers
    return raw({ ...o, headers: own ? headers : { ...headers, ...member.headers } } as InjectOptions)
  }
  ;(app as { inject: unknown }).inject = inject
  return raw as FastifyInstance['inject']
}

/**
 * Set to `postgres` by the api-postgres and realtime-postgres vitest projects (vitest.config.ts),
 * and in the workers of Playwright's `postgres` project (tests/helpers/fixtures.ts).
 */
export const TEST_ENGINE = 'GATECAST_TEST_ENGINE'

/**
 * Where Playwright's set-up (tests/e2e-postgres-setup.ts) leaves the test PostgreSQL's address and
 * template for its workers, which inherit its environment: `{ admin, template }` as JSON. vitest
 * hands the same over with `provide` (tests/postgres-setup.ts).
 */
export const POSTGRES_ENV = 'GATECAST_TEST_POSTGRES'

/**
 * Whether the test apps keep their data in PostgreSQL: a test about SQLite itself (a query plan,
 * a pragma, its file) is skipped then, with its reason beside it.
 */
export const onPostgres = (): boolean => process.env[TEST_ENGINE] === 'postgres'

/**
 * Another connection to a test app's database, as another process or node opens it: the SQLite
 * file in its data folder, or its PostgreSQL database. The caller closes it.
 */
export async function openSameDatabase(t: {
  dataDir: string
  databaseUrl: string | undefined
}): Promise<Store> {
  if (t.databaseUrl) return openPostgres(t.databaseUrl, { migrations: PG_MIGRATIONS })
  return openDatabase(join(t.dataDir, DATABASE_FILE))
}

/** Runs one statement on the test PostgreSQL's maintenance database. */
async function onServer(admin: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * Under the PostgreSQL projects (tests/postgres-setup.ts), each app gets a fresh database copied
 * from the migrated template, dropped when the app is closed for good; otherwise SQLite in the
 * data folder, as `npm start` has it.
 */
export async function testDatabase(): Promise<{ url?: string; drop: () => Promise<void> }> {
  if (process.env[TEST_ENGINE] !== 'postgres') return { drop: async () => {} }
  // Under Playwright (its `postgres` project) the server's address comes in the environment; vitest
  // is imported only otherwise, as it cannot be loaded in Playwright's workers.
  const fromPlaywright = process.env[POSTGRES_ENV]
  const server: { admin: string; template: string } | undefined = fromPlaywright
    ? JSON.parse(fromPlaywright)
    : (await import('vitest')).inject('postgres')
  if (!server)
    throw new Error(`${TEST_ENGINE}=postgres, but no PostgreSQL was set up (tests/postgres-setup.ts)`)
  const name = `t_${randomBytes(8).toString('hex')}`
  await onServer(server.admin, `CREATE DATABASE ${name} TEMPLATE ${server.template}`)
  const url = new URL(server.admin)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => onServer(server.admin, `DROP DATABASE ${name} WITH (FORCE)`) }
}

/** The app's last warnings and errors, by app: what a failing request's message shows. */
const LOGS = new WeakMap<FastifyInstance, string[]>()
const LOG_LINES_KEPT = 20

/** The warnings and errors the app logged last (a 500's stack, a busy database's SQLSTATE). */
export const recentLog = (app: FastifyInstance): string => (LOGS.get(app) ?? []).join('')

/** Builds the app with its log kept in memory (warnings and errors only). */
async function buildLogged(dataDir: string, options: Partial<AppOptions>, databaseUrl?: string) {
  const lines: string[] = []
  const logger = {
    level: 'warn',
    stream: {
      write: (line: string) => {
        lines.push(line)
        if (lines.length > LOG_LINES_KEPT) lines.shift()
      },
    },
  }
  const app = await buildApp({
    logger,
    ...testOptions(dataDir, options, databaseUrl, await testPasswordHash()),
  })
  LOGS.set(app, lines)
  return app
}

const testOptions = (
  dataDir: string,
  options: Partial<AppOptions>,
  databaseUrl: string | undefined,
  adminHash: string,
): AppOptions => ({
  dataDir,
  databaseUrl,
  admin: { username: 'admin', password: TEST_PASSWORD, passwordHash: adminHash },
  // Tests send thousands of requests a minute as one client; tests/server/rate-limit.test.ts sets its own.
  rateLimitPerMinute: 0,
  socketMessagesPerMinute: 0,
  ...options,
})

/** A whole app over a fresh temporary data folder, removed on close. */
export async function createTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-test-'))
  const database = await testDatabase()
  const app = await buildLogged(dataDir, options, database.url)
  const team = await makeTeam(app)
  TEAMS.set(app, team)
  const anonymous = actAs(app, team.admin)
  return {
    app,
    team,
    anonymous,
    dataDir,
    databaseUrl: database.url,
    close: async () => {
      await app.close()
      await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A test app that can be stopped and built again over the same data folder (a server restart). */
export interface RestartableApp {
  /** The running app, acting as the admin by default (see TestApp); replaced by `start`. */
  readonly app: FastifyInstance
  readonly team: Team
  readonly dataDir: string
  /** Its PostgreSQL database under the PostgreSQL projects; undefined on SQLite (in dataDir). */
  readonly databaseUrl: string | undefined
  /** Closes the app, keeping its data folder. */
  stop: () => Promise<void>
  /** Builds the app again over the same data folder (not listening: the caller does that). */
  start: () => Promise<FastifyInstance>
  /** Stops the app if it runs and removes the data folder. */
  close: () => Promise<void>
}

export async function createRestartableApp(options: Partial<AppOptions> = {}): Promise<RestartableApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-test-'))
  const database = await testDatabase()
  let app: FastifyInstance | null = await buildLogged(dataDir, options, database.url)
  const team = await makeTeam(app)
  TEAMS.set(app, team)
  actAs(app, team.admin)
  const stop = async () => {
    const running = app
    app = null
    await running?.close()
  }
  return {
    get app() {
      if (!app) throw new Error('the test app is stopped')
      return app
    },
    team,
    dataDir,
    databaseUrl: database.url,
    stop,
    start: async () => {
      if (app) throw new Error('the test app is already running')
      app = await buildLogged(dataDir, options, database.url)
      TEAMS.set(app, team)
      actAs(app, team.admin)
      return app
    },
    close: async () => {
      await stop()
      await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Minimal valid bodies, so each test states only what it is about. */
export const siteBody = (id = 'gate') => ({
  id,
  name: { vi: 'Cửa khẩu thử', zh: '测试口岸', en: 'Test gate' },
})

export const screenBody = (id: string, siteId = 'gate', extra: Record<string, unknown> = {}) => ({
  id,
  siteId,
  name: `Screen ${id}`,
  width: 1920,
  height: 960,
  ...extra,
})

export const slide = (id: string, title: string, durationMs = 5000) => ({
  id,
  kind: 'slide' as const,
  durationMs,
  text: {
    vi: { title: `${title} (vi)`, body: 'Nội dung tiếng Việt' },
    zh: { title: `${title} (中文)`, body: '中文内容' },
    en: { title: `${title} (en)`, body: 'English text' },
  },
})

/** Creates a site, a playlist of slides, and a screen showing it; returns the screen id. */
export async function seedMinimal(
  app: FastifyInstance,
  screenId = 'screen-a',
  playlistId = 'pl-a',
): Promise<void> {
  const ok = (r: { statusCode: number; body: string }) => {
    if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body}`)
  }
  if ((await app.inject({ method: 'GET', url: '/api/sites/gate' })).statusCode === 404) {
    ok(await app.inject({ method: 'POST', url: '/api/sites', payload: siteBody() }))
  }
  ok(
    await app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { id: playlistId, name: 'Test', items: [slide('s1', 'First'), slide('s2', 'Second')] },
    }),
  )
  await approveAndPublish(app, 'playlist', playlistId)
  ok(
    await app.inject({
      method: 'POST',
      url: '/api/screens',
      payload: screenBody(screenId, 'gate', { defaultPlaylistId: playlistId }),
    }),
  )
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A request as a member of the team (the app's default caller, the admin, when `as` is left out). */
export const injectAs = (app: FastifyInstance, method: Method, url: string, as?: Member, payload?: object) =>
  app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })

/** How often a request a test needs is sent again after a busy database's 503, as Retry-After asks. */
const BUSY_RETRIES = 3

/**
 * A request a test needs to succeed (set-up, reading back): any status ≥ 300 fails with its body.
 * A 503 `server.busy` is the server's documented "nothing was changed, try again" (a lock held
 * past its wait on a machine running two test suites at once): sent again like any client would,
 * said on stderr with the app's log so that a run shows it, and failed after BUSY_RETRIES.
 */
export async function succeed(
  app: FastifyInstance,
  method: Method,
  url: string,
  payload?: unknown,
  as?: Member,
) {
  for (let attempt = 0; ; attempt++) {
    const res = await app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      ...(as ? { headers: as.headers } : {}),
    })
    const busy = res.statusCode === 503 && res.json().code === 'server.busy'
    if (busy && attempt < BUSY_RETRIES) {
      console.warn(`${method} ${url}: 503 server.busy, sent again; app log:\n${recentLog(app)}`)
      await new Promise((r) => setTimeout(r, 1_000))
      continue
    }
    if (res.statusCode >= 500)
      throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}\napp log:\n${recentLog(app)}`)
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
    return res.json()
  }
}

/**
 * Credentials for an app built directly with buildApp (no test team): a fresh API token of its
 * first admin, made in the repository.
 */
export function firstAdminHeaders(app: FastifyInstance): { authorization: string } {
  const admin = app.repos.users.list().find((u) => u.role === 'admin')
  if (!admin) throw new Error('the app has no admin')
  const { secret } = app.repos.apiTokens.create({ name: 'test', userId: admin.id, role: 'admin' })
  return bearer(secret)
}
