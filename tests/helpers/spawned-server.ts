import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io, type Socket } from 'socket.io-client'
import { adminSession, startBundled } from './bundled'
import { freePort } from './redis'

/**
 * The bundled server in its own process, exactly as `npm start` runs it: for the tests whose
 * failure would be the process ending (an error escaping a handler), which no in-process test
 * can observe without ending the test runner too.
 */
export interface SpawnedServer {
  base: string
  dataDir: string
  /** Everything it wrote to stdout, line by line (the JSON log). */
  stdout: () => string[]
  stderr: () => string
  /** The exit code, or null while it runs (and after a kill by signal). */
  exitCode: () => number | null
  /** Whether the process still runs. */
  running: () => boolean
  /** Sends `signal` (SIGTERM: a clean close; SIGKILL: a crash) and waits for the process to end. */
  kill: (signal: NodeJS.Signals) => Promise<void>
  /** `fetch` against the server, signed in as the first admin. */
  admin: (path: string, init?: RequestInit) => Promise<Response>
  /** Pairs a screen through the API (as a player would) and returns its token. */
  pair: (screenId: string) => Promise<string>
  stop: () => Promise<void>
}

export const SPAWNED_ADMIN_PASSWORD = 'spawned server password 1'

export interface SpawnOptions {
  /**
   * A data folder other spawned servers share (several nodes on one host), left in place by
   * `stop`; by default a fresh one of its own, removed by `stop`.
   */
  dataDir?: string
}

export async function spawnServer(
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<SpawnedServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gatecast-spawned-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = await startBundled(dataDir, port, SPAWNED_ADMIN_PASSWORD, { LOG_LEVEL: 'info', ...env })
  let out = ''
  let err = ''
  child.stdout?.on('data', (c) => {
    out += c
  })
  child.stderr?.on('data', (c) => {
    err += c
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  const { cookie } = await adminSession(base, SPAWNED_ADMIN_PASSWORD)
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: {
        cookie: cookie!,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.headers as Record<string, string> | undefined),
      },
    })

  return {
    base,
    dataDir,
    stdout: () => out.split('\n').filter(Boolean),
    stderr: () => err,
    exitCode: () => child.exitCode,
    running: () => child.exitCode === null && child.signalCode === null,
    kill,
    admin,
    async pair(screenId) {
      const started = (await (await fetch(`${base}/api/pairing`, { method: 'POST' })).json()) as {
        id: string
        code: string
        secret: string
      }
      const paired = await admin(`/api/screens/${screenId}/pair`, {
        method: 'POST',
        body: JSON.stringify({ code: started.code }),
      })
      if (!paired.ok) throw new Error(`pairing ${screenId}: ${paired.status} ${await paired.text()}`)
      const state = (await (
        await fetch(`${base}/api/pairing/${started.id}`, {
          headers: { authorization: `Bearer ${started.secret}` },
        })
      ).json()) as { token: string }
      return state.token
    },
    async stop() {
      await kill('SIGKILL')
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A player's socket on a spawned server, connected (or the connection's refusal as an error). */
export function connectSocket(base: string, namespace: string, auth: object): Promise<Socket> {
  const socket = io(`${base}${namespace}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (error) => {
      socket.close()
      reject(error)
    })
  })
}
