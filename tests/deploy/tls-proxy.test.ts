import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:https'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium'
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app'
import { listen } from '../helpers/listen'
import { playerUrl, screenToken } from '../helpers/pairing'
import { PLAYER_COLD_START_MS, waitForPlayer } from '../helpers/player'
import { PROBE_EVERY_MS, until } from '../helpers/wait'

/**
 * The TLS proxy of docker-compose.yml, run for real: Debian's Caddy with the repository's own
 * Caddyfile in front of the server, as the `proxy` service runs it (only the ports and the
 * upstream differ, through the variables the Caddyfile reads). It proves what the deployment is
 * for: a player reaching the server by address gets a secure context, so its service worker
 * registers; socket.io's websocket passes; the server believes the proxy's X-Forwarded-Proto and
 * marks the session cookie Secure.
 */

const CADDYFILE = join(ROOT, 'deploy', 'Caddyfile')

let t: TestApp
let caddy: ChildProcess
let home: string
let https: string
let httpPort: number
let probePort: number
let rootCa: Buffer
let browser: Browser | undefined

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** A request that trusts only Caddy's own root: the step the README asks of each screen PC. */
function get(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', ca: rootCa, headers: init.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

beforeAll(async () => {
  t = await createTestApp({ seed: true, trustProxy: ['127.0.0.1'] })
  const upstream = new URL(await listen(t)).host
  const [httpsPort, plainPort] = [await freePort(), await freePort()]
  httpPort = plainPort
  probePort = await freePort()
  home = mkdtempSync(join(tmpdir(), 'gatecast-caddy-'))
  caddy = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', CADDYFILE], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      GATECAST_SITE_ADDRESS: '127.0.0.1',
      GATECAST_UPSTREAM: upstream,
      GATECAST_HTTPS_PORT: String(httpsPort),
      GATECAST_HTTP_PORT: String(plainPort),
      GATECAST_PROBE_PORT: String(probePort),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  caddy.stderr?.on('data', (chunk) => {
    log = (log + chunk).slice(-4000)
  })
  https = `https://127.0.0.1:${httpsPort}`
  // Caddy makes its authority and the address's certificate at start.
  const rootPath = join(home, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt')
  await until(
    async () => {
      if (caddy.exitCode !== null) throw new Error(`caddy exited: ${log}`)
      if (!existsSync(rootPath)) return false
      rootCa = readFileSync(rootPath)
      return get(`${https}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      )
    },
    20_000,
    () => `caddy to come up: ${log}`,
    PROBE_EVERY_MS,
  )
}, 40_000)

afterAll(async () => {
  await browser?.close()
  caddy?.kill('SIGTERM')
  await t?.close()
  if (home) rmSync(home, { recursive: true, force: true })
})

describe('the TLS proxy (deploy/Caddyfile)', () => {
  it('spreads requests over several nodes when GATECAST_UPSTREAM names more than one', async () => {
    const { execFileSync } = await import('node:child_process')
    const json = execFileSync('caddy', ['adapt', '--adapter', 'caddyfile', '--config', CADDYFILE], {
      env: { PATH: process.env.PATH, HOME: home, GATECAST_UPSTREAM: 'gatecast:8080 gatecast-2:8080' },
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString()
    const text = JSON.stringify(JSON.parse(json))
    expect(text).toContain('"dial":"gatecast:8080"')
    expect(text).toContain('"dial":"gatecast-2:8080"')
    expect(text).toContain('"policy":"ip_hash"')
  })

  it("serves the API over https with a certificate from Caddy's own authority", async () => {
    const res = await get(`${https}/api/health`)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body).status).toBe('ok')
    expect(res.headers['strict-transport-security']).toContain('max-age=')
  })

  it('sends plain http to https', async () => {
    const res = await fetch(`http://127.0.0.1:${httpPort}/player/`, { redirect: 'manual' })
    expect([301, 302, 307, 308]).toContain(res.status)
    expect(res.headers.get('location')).toMatch(/^https:\/\//)
  })

  it("answers the container's health probe through to the server, and nothing else there", async () => {
    const health = await fetch(`http://127.0.0.1:${probePort}/api/health`)
    expect(health.status).toBe(200)
    expect((await health.json()).status).toBe('ok')
    expect((await fetch(`http://127.0.0.1:${probePort}/api/auth/me`)).status).toBe(404)
  })

  it('passes the client as https, so the sign-in cookie is Secure', async () => {
    const res = await get(`${https}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'editor', password: TEST_PASSWORD }),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(200)
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/gatecast_session=gcs_/)
    expect(cookie).toMatch(/;\s*Secure/i)
  })

  it('gives a player reached by address a secure context: service worker, websocket, playback', async () => {
    // Chromium cannot be handed one extra root from here; it is told to accept this proxy's
    // certificate instead, which keeps the page an https origin (a secure context).
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--ignore-certificate-errors'],
    })
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage()
    await page.goto(playerUrl(https, screenToken(t.app, 'chi-ma-led')))
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true)
    // Playing, then connected and under its worker (whose first install precaches every font).
    await waitForPlayer(page)
    expect(await page.locator('#stage').getAttribute('data-item-id')).not.toBe('')
    await page.waitForFunction(() => window.gatecast.connected === true, null, { timeout: 20_000 })
    await page.waitForFunction(() => window.gatecast.offline.swActive === true, null, {
      timeout: PLAYER_COLD_START_MS,
    })
    // The player's socket came through the proxy: the server sees the screen online.
    await until(() => t.app.repos.status.list().some((s) => s.screenId === 'chi-ma-led' && s.online), 10_000)
  })
})
