import { type ChildProcess, fork, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ScreenDocument } from '@playlists/schemas/document'
import { buildApp } from '@server/app'
import { ROOT } from '@server/paths'
import Database from 'better-sqlite3'
import { Server } from 'socket.io'
import { buildServer } from '../scripts/build.mjs'
import { freePort } from '../tests/helpers/redis'
import { percentile, round } from './browser'
import type { PlayersMessage, PlayersSetup } from './fanout-players'
import type { BenchResult } from './run'

/**
 * `fanout`: N simulated players (socket.io-client, in child processes), each a paired screen
 * with its own token; an approver puts a new playlist version on air through the REST API (over
 * HTTP); measured from the request until each player has its new document, and until the server
 * has every player's acknowledgement. The server is the production bundle in its own process,
 * whose peak resident memory is reported. Baseline, in the same run: a bare socket.io server
 * broadcasting one payload of the same size to as many clients, which acknowledge it as players
 * do (and are answered). `--players=10000` for the big run.
 *
 * Both fleets stay connected and the rounds alternate (Gatecast, then the baseline): a noisy
 * neighbour on the machine slows both alike instead of one whole series. A first round of each
 * warms up and is not counted (JIT, schemas compiled on first use).
 */

const ROUNDS = 8
const PROCESSES = 4
const PLAYLIST = 'fanout'

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
}

interface Fleet {
  children: ChildProcess[]
  /** Resolves with every socket's arrival time once all of them received the next message. */
  next: () => Promise<number[]>
  close: () => void
}

async function startFleet(setups: PlayersSetup[]): Promise<Fleet> {
  const children = setups.map(() =>
    fork(join(import.meta.dirname, 'fanout-players.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  const waiting = new Map<ChildProcess, (m: PlayersMessage) => void>()
  for (const child of children) {
    child.on('message', (m: PlayersMessage) => {
      if (m.type === 'error') throw new Error(`fanout players: ${m.message}`)
      waiting.get(child)?.(m)
    })
  }
  const expect = (child: ChildProcess, type: PlayersMessage['type']) =>
    new Promise<PlayersMessage>((resolve) =>
      waiting.set(child, (m) => {
        if (m.type === type) resolve(m)
      }),
    )
  await Promise.all(
    children.map((child, i) => {
      const ready = expect(child, 'ready')
      child.send(setups[i]!)
      return ready
    }),
  )
  return {
    children,
    next: async () => {
      const all = await Promise.all(children.map((c) => expect(c, 'received')))
      return all.flatMap((m) => (m.type === 'received' ? m.times : []))
    },
    close: () => {
      for (const c of children) c.send({ type: 'close' })
    },
  }
}

const split = <T>(items: T[], parts: number): T[][] =>
  Array.from({ length: parts }, (_, p) => items.filter((_, i) => i % parts === p))

/** One side of the comparison, connected: `round()` measures one publish's latencies. */
interface Side {
  round: (n: number) => Promise<number[]>
  close: () => Promise<void>
}

/** The bare socket.io server and its clients: a round is one broadcast of `payload` to every client. */
async function bareSide(players: number, payload: unknown): Promise<Side> {
  const http = createServer()
  const io = new Server(http, { serveClient: false, transports: ['websocket'] })
  // It answers each acknowledgement, as Gatecast does once it has recorded it.
  io.on('connection', (socket) => socket.on('document:applied', (_payload, ack) => ack?.({ ok: true })))
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()))
  const base = `http://127.0.0.1:${(http.address() as { port: number }).port}`
  const fleet = await startFleet(
    split(
      Array.from({ length: players }, (_, i) => i),
      PROCESSES,
    ).map((part) => ({ mode: 'bare' as const, base, count: part.length })),
  )
  return {
    round: async () => {
      const arrived = fleet.next()
      const t0 = Date.now()
      io.emit('payload', payload)
      return (await arrived).map((t) => t - t0)
    },
    close: async () => {
      fleet.close()
      await new Promise((r) => io.close(r))
    },
  }
}

interface GatecastSide extends Side {
  /** One screen's newest stored document (the baseline broadcasts one of the same size). */
  sample: () => ScreenDocument
  /** The time until the server had every player's acknowledgement, per round. */
  allAckedMs: number[]
  /** The server process's peak resident memory (VmHWM) and its resident memory now, in MB. */
  memory: () => { peak: number; now: number }
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}`, 'content-type': 'application/json' })

const slides = (round: number) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `s${i}`,
    kind: 'slide',
    durationMs: 10_000,
    text: {
      vi: { title: `Chào mừng ${round}.${i}`, body: 'Cửa khẩu quốc tế Hữu Nghị' },
      zh: { title: `欢迎 ${round}.${i}`, body: '友谊国际口岸' },
      en: { title: `Welcome ${round}.${i}`, body: 'Huu Nghi international border gate' },
    },
  }))

/**
 * The data a run needs, written before the server starts: accounts, the playlist on air and
 * `players` screens with a token each (straight in the repositories: the API's per-request cost
 * is not what is measured).
 */
async function prepare(dataDir: string, players: number) {
  const app = await buildApp({ dataDir, seed: true, logger: false })
  try {
    const { repos } = app
    const member = (username: string, role: 'editor' | 'approver') => {
      const user = repos.users.create({ username, displayName: username, role, passwordHash: 'x' })
      return bearer(repos.apiTokens.create({ name: 'fanout', userId: user.id, role }).secret)
    }
    const editor = member('fanout.editor', 'editor')
    const approver = member('fanout.approver', 'approver')
    repos.playlists.create({ id: PLAYLIST, name: 'Fan-out', items: slides(0) } as never)
    app.approvals.approveAsSystem([{ type: 'playlist', id: PLAYLIST }], 'fanout setup')
    const tokens = app.db.transaction(() =>
      Array.from({ length: players }, (_, i) => {
        const id = `fanout-${i}`
        repos.screens.create({
          id,
          siteId: 'huu-nghi',
          name: `Fan-out ${i}`,
          width: 1920,
          height: 1080,
          defaultPlaylistId: PLAYLIST,
        } as never)
        return repos.screenTokens.issue(id).secret
      }),
    )()
    app.publisher.republish(tokens.map((_, i) => `fanout-${i}`))
    return { editor, approver, tokens }
  } finally {
    await app.close()
  }
}

/** The production bundle in a process of its own, as a gate's server runs it. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  await buildServer()
  const port = await freePort()
  // FANOUT_SERVER_FLAGS: Node flags for the server, to look inside it (e.g. "--cpu-prof").
  const flags = process.env.FANOUT_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...flags, join(ROOT, 'dist/server/main.js')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED: 'false',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      // Every player of the run connects from this machine's one address.
      CONNECTIONS_PER_ADDRESS: '0',
      ANONYMOUS_CONNECTIONS_PER_ADDRESS: '0',
      BACKUP_CRON: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error('fanout: the server exited')
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, base }
    if (tries > 600) throw new Error('fanout: the server did not start')
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** VmHWM (peak) and VmRSS of a process, in MB, from /proc. */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 }
}

async function gatecastSide(players: number): Promise<GatecastSide> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-fanout-'))
  const { editor, approver, tokens } = await prepare(dataDir, players)
  const { child, base } = await startServer(dataDir)
  const db = new Database(join(dataDir, 'gatecast.sqlite'), { readonly: true })
  const call = async (method: string, url: string, headers: object, body?: object) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: headers as Record<string, string>,
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
    return res.json() as Promise<Record<string, unknown>>
  }
  // FANOUT_MEMORY=1: the server's memory after each step, resident and as V8 sees it.
  const trace = async (label: string) => {
    if (!process.env.FANOUT_MEMORY) return
    const metrics = await (await fetch(`${base}/metrics`, { headers: approver })).text()
    const mb = (name: string) =>
      Math.round(Number(new RegExp(`^${name} (\\S+)`, 'm').exec(metrics)?.[1] ?? 0) / 2 ** 20)
    console.error(label, {
      ...memoryOf(child.pid!),
      heapUsed: mb('nodejs_heap_size_used_bytes'),
      heapTotal: mb('nodejs_heap_size_total_bytes'),
      external: mb('nodejs_external_memory_bytes'),
    })
  }
  const stop = async () => {
    db.close()
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await trace('started')
    const fleet = await startFleet(
      split(tokens, PROCESSES).map((part) => ({ mode: 'gatecast' as const, base, tokens: part })),
    )
    await trace('players connected')
    const latest = () =>
      JSON.parse(
        db
          .prepare(
            "SELECT body FROM published_documents WHERE screen_id = 'fanout-0' ORDER BY version DESC LIMIT 1",
          )
          .pluck()
          .get() as string,
      ) as ScreenDocument
    const acked = db
      .prepare("SELECT count(*) FROM screen_status WHERE screen_id LIKE 'fanout-%' AND applied_version = ?")
      .pluck()
    const allAckedMs: number[] = []
    return {
      sample: latest,
      allAckedMs,
      memory: () => memoryOf(child.pid!),
      round: async (round) => {
        await call('PUT', `/api/playlists/${PLAYLIST}`, editor, { name: 'Fan-out', items: slides(round) })
        const { number } = await call('POST', `/api/playlists/${PLAYLIST}/submit`, editor, {})
        await call('POST', `/api/playlists/${PLAYLIST}/versions/${number}/approve`, approver, {})
        const arrived = fleet.next()
        const t0 = Date.now()
        await call('POST', `/api/playlists/${PLAYLIST}/publish`, approver, { version: number })
        const latencies = (await arrived).map((t) => t - t0)
        const version = latest().version
        while ((acked.get(version) as number) < players) await new Promise((r) => setTimeout(r, 5))
        allAckedMs.push(Date.now() - t0)
        await trace(`round ${round}`)
        return latencies
      },
      close: async () => {
        fleet.close()
        await stop()
      },
    }
  } catch (error) {
    await stop()
    throw error
  }
}

export async function fanoutBench(): Promise<BenchResult> {
  const players = Number(arg('players') ?? 1000)
  const gatecast = await gatecastSide(players)
  let bare: Side | undefined
  try {
    bare = await bareSide(players, gatecast.sample())
    const latencies: number[] = []
    const bareLatencies: number[] = []
    for (let round = 0; round <= ROUNDS; round++) {
      const ours = await gatecast.round(round + 1)
      const theirs = await bare.round(round + 1)
      if (round === 0) continue // the warm-up
      latencies.push(...ours)
      bareLatencies.push(...theirs)
    }
    const memory = gatecast.memory()
    const p99 = percentile(latencies, 99)
    const bareP99 = percentile(bareLatencies, 99)
    return {
      bench: 'fanout',
      players,
      rounds: ROUNDS,
      p50_ms: round(percentile(latencies, 50)),
      p99_ms: round(p99),
      max_ms: round(Math.max(...latencies)),
      // The warm-up's publish too: the slowest of all.
      all_acked_ms: round(Math.max(...gatecast.allAckedMs)),
      // The server process's peak resident memory over the whole run (VmHWM).
      rss_mb: round(memory.peak, 1),
      rss_end_mb: round(memory.now, 1),
      document_bytes: Buffer.byteLength(JSON.stringify(gatecast.sample())),
      baseline: {
        p50_ms: round(percentile(bareLatencies, 50)),
        p99_ms: round(bareP99),
        max_ms: round(Math.max(...bareLatencies)),
      },
      ratio: round(p99 / Math.max(bareP99, 1)),
    }
  } finally {
    await bare?.close()
    await gatecast.close()
  }
}
