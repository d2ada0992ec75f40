import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import { afterAll, describe, expect, it } from 'vitest'
import { PROBE_EVERY_MS, until } from '../helpers/wait'

/** The bundled server, exactly as `npm start` runs it. */
const MAIN = join(ROOT, 'dist', 'server', 'main.js')
const RESET = join(ROOT, 'dist', 'server', 'reset-password.js')
const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-main-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

/** Runs a bundled entry point with `env` added, collecting everything it prints. */
function run(
  file: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => out, exit }
}

const start = (env: Record<string, string>) => run(MAIN, [], env)

async function waitForHealth(base: string, exit: Promise<number | null>): Promise<Record<string, unknown>> {
  let exited = false
  void exit.then(() => {
    exited = true
  })
  let health: Record<string, unknown> | undefined
  await until(
    async () => {
      if (exited) throw new Error('the server exited before it became healthy')
      const res = await fetch(`${base}/api/health`).catch(() => null) // null: not listening yet
      if (res?.ok) health = (await res.json()) as Record<string, unknown>
      return health !== undefined
    },
    // A bound for a start that hangs, as startBundled's: a busy two-core machine (load 26) took
    // over 20 s to migrate, seed and answer, and that is the machine, not the server.
    60_000,
    'the server to become healthy',
    PROBE_EVERY_MS,
  )
  return health as Record<string, unknown>
}

/** Signs in over HTTP; returns the session cookie to send back. */
async function login(base: string, username: string, password: string): Promise<Response> {
  return fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
}

const sessionCookie = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

/** Runs the bundled password reset, as `npm run reset-password -- <username>` does. */
async function resetPassword(username: string, env: Record<string, string> = {}) {
  const reset = run(RESET, [username], { DATA_DIR: dataDir, ...env })
  const code = await reset.exit
  return { code, out: reset.output() }
}

describe('npm start (the bundled server)', () => {
  it('starts on a fresh data folder, seeds, prints a generated admin password once, serves, and stops cleanly on SIGTERM; a restart keeps the data', async () => {
    let password = ''
    for (const round of [1, 2]) {
      const port = await freePort()
      const base = `http://127.0.0.1:${port}`
      const server = start({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
      const health = await waitForHealth(base, server.exit)
      expect(health, server.output()).toMatchObject({ status: 'ok', screens: 5 })
      // The first start makes the admin with a generated password, shown that once only.
      const printed = /password: (\S+)/.exec(server.output())
      if (round === 1) password = printed?.[1] ?? ''
      else expect(printed, 'the password is printed on the first start only').toBeNull()
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/)
      expect((await fetch(`${base}/api/screens/tan-thanh-led/document`)).status).toBe(401)
      const signedIn = await login(base, 'admin', password)
      expect(signedIn.status).toBe(200)
      expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/)
      const doc = (await (
        await fetch(`${base}/api/screens/tan-thanh-led/document`, {
          headers: { cookie: sessionCookie(signedIn) },
        })
      ).json()) as { version: number }
      // Seeding happens once: the second start finds the same document version.
      expect(doc.version, `round ${round}`).toBe(1)
      expect((await fetch(`${base}/player/`)).status).toBe(200)
      server.child.kill('SIGTERM')
      expect(await server.exit).toBe(0)
    }
  }, 150_000)

  it('resets a password at the console: the old one stops working, the new one signs in', async () => {
    expect(await resetPassword('nobody')).toMatchObject({
      code: 1,
      out: expect.stringMatching(/No account "nobody"\. Accounts: admin/),
    })
    expect((await resetPassword('admin', { GATECAST_NEW_PASSWORD: 'short' })).code).toBe(2)
    const reset = await resetPassword('admin', { GATECAST_NEW_PASSWORD: 'a new long password' })
    expect(reset, reset.out).toMatchObject({ code: 0 })
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const server = start({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
    try {
      await waitForHealth(base, server.exit)
      expect((await login(base, 'admin', 'a new long password')).status).toBe(200)
      const generated = await resetPassword('admin')
      const password = /New password for "admin": (\S+)/.exec(generated.out)?.[1] ?? ''
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/)
      expect((await login(base, 'admin', 'a new long password')).status).toBe(401)
      expect((await login(base, 'admin', password)).status).toBe(200)
    } finally {
      server.child.kill('SIGTERM')
      await server.exit
    }
  }, 150_000)

  it('refuses a wrong setting with a message naming it, and exit code 2', async () => {
    const server = start({ PORT: 'eighty', DATA_DIR: dataDir })
    expect(await server.exit).toBe(2)
    expect(server.output()).toMatch(/Gatecast cannot start: PORT="eighty" must be a whole number/)
  })
})
