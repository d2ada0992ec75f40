import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Role } from '../../playlists/schemas/accounts'
import { ROOT } from '../../server/paths'

/**
 * The bundled server (dist/server/main.js, built by the global setup) as `npm start` runs it, over
 * `dataDir` on `port`, seeded on its first start; resolves once /api/health answers.
 */
export async function startBundled(
  dataDir: string,
  port: number,
  adminPassword: string,
): Promise<ChildProcess> {
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
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let err = ''
  server.stderr?.on('data', (c) => {
    err += c
  })
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited: ${err}`)
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return server
    if (Date.now() > deadline) throw new Error(`the server did not start: ${err}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export type Credentials = Record<string, string>

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
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
  return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>)
}

/** The first admin's session (its cookie), signed in with its password. */
export async function adminSession(base: string, password: string): Promise<Credentials> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  })
  return { cookie: String(login.headers.get('set-cookie')).split(';')[0]! }
}

/** A new account with `role`, made by the admin, and an API token acting as it. */
export async function memberToken(
  base: string,
  admin: Credentials,
  username: string,
  role: Role,
  password: string,
): Promise<Credentials> {
  const user = (await callAs(base, admin, 'POST', '/api/users', {
    username,
    displayName: role,
    role,
    password,
  }))!
  const token = (await callAs(base, admin, 'POST', '/api/tokens', { name: username, role, userId: user.id }))!
  return { authorization: `Bearer ${token.secret}` }
}
