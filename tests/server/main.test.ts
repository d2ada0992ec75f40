import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../server/paths'

/** The bundled server, exactly as `npm start` runs it. */
const MAIN = join(ROOT, 'dist', 'server', 'main.js')
const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-main-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

function start(env: Record<string, string>): {
  child: ChildProcess
  output: () => string
  exit: Promise<number | null>
} {
  const child = spawn(process.execPath, [MAIN], {
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

async function waitForHealth(base: string, exit: Promise<number | null>): Promise<Record<string, unknown>> {
  let exited = false
  void exit.then(() => {
    exited = true
  })
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${base}/api/health`)
      if (res.ok) return (await res.json()) as Record<string, unknown>
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('server did not become healthy')
}

describe('npm start (the bundled server)', () => {
  it('starts on a fresh data folder, seeds, serves, and stops cleanly on SIGTERM; a restart keeps the data', async () => {
    for (const round of [1, 2]) {
      const port = await freePort()
      const base = `http://127.0.0.1:${port}`
      const server = start({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
      const health = await waitForHealth(base, server.exit)
      expect(health, server.output()).toMatchObject({ status: 'ok', screens: 5 })
      const doc = (await (await fetch(`${base}/api/screens/tan-thanh-led/document`)).json()) as {
        version: number
      }
      // Seeding happens once: the second start finds the same document version.
      expect(doc.version, `round ${round}`).toBe(1)
      expect((await fetch(`${base}/player/?screen=tan-thanh-led`)).status).toBe(200)
      server.child.kill('SIGTERM')
      expect(await server.exit).toBe(0)
    }
  }, 60_000)

  it('refuses a wrong setting with a message naming it, and exit code 2', async () => {
    const server = start({ PORT: 'eighty', DATA_DIR: dataDir })
    expect(await server.exit).toBe(2)
    expect(server.output()).toMatch(/Gatecast cannot start: PORT="eighty" must be a whole number/)
  })
})
