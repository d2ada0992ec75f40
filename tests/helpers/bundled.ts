import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Role } from '@playlists/schemas/accounts'
import { ROOT } from '@server/paths'
import { PROBE_EVERY_MS, until } from './wait'

/**
 * The bundled server (dist/server/main.js, built by the global setup) as `npm start` runs it, over
 * `dataDir` on `port`, seeded on its first start, with `env` over the test defaults; resolves
 * once /api/health answers.
 */
export async function startBundled(
  dataDir: string,
  port: number,
  adminPassword: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const logs = env.LOG_LEVEL !== undefined && env.LOG_LEVEL !== 'silent'
  const server = spawn(process.execPath, [join(ROOT, 'dist/server/main.js')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      GATECAST_ADMIN_PASSWORD: adminPassword,
      RATE_LIMIT_PER_MINUTE: '0',
      BACKUP_CRON: 'off',
      ...env,
    },
    // With a log asked for, its lines wait in the pipe until the caller reads `stdout`.
    stdio: ['ignore', logs ? 'pipe' : 'ignore', 'pipe'],
  })
  let err = ''
  server.stderr?.on('data', (c) => {
    err += c
  })
  const base = `http://127.0.0.1:${port}`
  await until(
    () => {
      if (server.exitCode !== null) throw new Error(`the server exited: ${err}`)
      return fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    },
    60_000,
    () => `the server to start: ${err}`,
    PROBE_EVERY_MS,
  )
  return server
}

export type Credentials = Record<string, string>

/** A refused request, with its status for callers that tell "send it again" (503) from a fault. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** A JSON request that must succeed, with the credentials given; null for 204. */
export async function callAs(
  base: string,
  credentials: Credentials,
  method: string,
  url: string,
  body?: object,
) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...credentials, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) throw new HttpError(res.status, `${method} ${url}: ${res.status} ${await res.text()}`)
  return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>)
}

/** An account's session (its cookie), signed in with its password. */
export async function signIn(base: string, username: string, password: string): Promise<Credentials> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!login.ok) throw new Error(`${username} cannot sign in: ${login.status}`)
  return { cookie: String(login.headers.get('set-cookie')).split(';')[0]! }
}

/** The first admin's session (its cookie), signed in with its password. */
export const adminSession = (base: string, password: string): Promise<Credentials> =>
  signIn(base, 'admin', password)

/**
 * A new account with `role`, made by the admin, and an API token acting as it. A token acts
 * only for the account that makes it, so the account signs in and makes its own.
 */
export async function memberToken(
  base: string,
  admin: Credentials,
  username: string,
  role: Role,
  password: string,
): Promise<Credentials> {
  await callAs(base, admin, 'POST', '/api/users', { username, displayName: role, role, password })
  const session = await signIn(base, username, password)
  const token = (await callAs(base, session, 'POST', '/api/tokens', { name: username, role }))!
  return { authorization: `Bearer ${token.secret}` }
}
