import { type ChildProcess, fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ScreenDocument } from '@playlists/schemas/document'
import Database from 'better-sqlite3'
import { startRedis, type TestRedis } from '../tests/helpers/redis'
import { percentile, round } from './browser'
import type { BareCommand, BareMessage } from './fanout-bare'
import type { PlayersMessage, PlayersSetup } from './fanout-players'
import { memoryOf, PLAYLIST, perConnectionKb, prepare, slides, startServer } from './fanout-server'
import type { BenchResult } from './run'

/**
 * `fanout`: N simulated players (socket.io-client, in child processes), each a paired screen
 * with its own token; an approver puts a new playlist version on air through the REST API (over
 * HTTP); measured from the request until each player has its new document, and until the server
 * has every player's acknowledgement. The server is the production bundle in its own process,
 * whose peak resident memory is reported, and its memory per connected player. Baseline, in
 * the same run: a bare socket.io server, in a process of its own too (bench/fanout-bare.ts),
 * broadcasting one payload of the same size to as many clients, which acknowledge it as players
 * do (and are answered). `--players=10000` for the big run; `--nodes=2` runs Gatecast as two
 * server processes sharing the data folder and a real redis-server, the players split between
 * them and every publish made on the first (README "More than one node").
 *
 * Both fleets stay connected and the rounds alternate (Gatecast, then the baseline): a noisy
 * neighbour on the machine slows both alike instead of one whole series. A first round of each
 * warms up and is not counted (JIT, schemas compiled on first use).
 */

const ROUNDS = 8
const PROCESSES = 4

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
  /** The server's memory per connected client, in KB (perConnectionKb). */
  perConnection: number
  round: (n: number) => Promise<number[]>
  close: () => Promise<void>
}

/** The bare socket.io server (its own process) and its clients: a round is one broadcast of `payload` to every client. */
async function bareSide(players: number, payload: unknown): Promise<Side> {
  const server = fork(join(import.meta.dirname, 'fanout-bare.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = <T extends BareMessage['type']>(type: T) =>
    new Promise<Extract<BareMessage, { type: T }>>((resolve) => {
      const on = (m: BareMessage) => {
        if (m.type !== type) return
        server.off('message', on)
        resolve(m as Extract<BareMessage, { type: T }>)
      }
      server.on('message', on)
    })
  const listening = next('listening')
  server.send({ type: 'start', payload } satisfies BareCommand)
  const base = `http://127.0.0.1:${(await listening).port}`
  const before = memoryOf(server.pid!)
  const fleet = await startFleet(
    split(
      Array.from({ length: players }, (_, i) => i),
      PROCESSES,
    ).map((part) => ({ mode: 'bare' as const, base, count: part.length })),
  )
  const perConnection = perConnectionKb(before, memoryOf(server.pid!), players)
  return {
    perConnection,
    round: async () => {
      const arrived = fleet.next()
      const emitted = next('emitted')
      server.send({ type: 'emit' } satisfies BareCommand)
      const { t0 } = await emitted
      return (await arrived).map((t) => t - t0)
    },
    close: async () => {
      fleet.close()
      const exited = new Promise((r) => server.once('exit', r))
      server.send({ type: 'close' } satisfies BareCommand)
      await exited
    },
  }
}

interface GatecastSide extends Side {
  /** One screen's newest stored document (the baseline broadcasts one of the same size). */
  sample: () => ScreenDocument
  /** The time until the server had every player's acknowledgement, per round. */
  allAckedMs: number[]
  /** How long each publish request took: compiling and storing every document, and the first slice pushed. */
  publishMs: number[]
  /** The server processes' peak resident memory (VmHWM) and resident memory now, in MB, all nodes together. */
  memory: () => { peak: number; now: number }
}

/**
 * Gatecast's side: `nodes` server processes sharing the data folder and, for more than one, a
 * real redis-server (REDIS_URL; the first node primary, the others secondary, as README "More
 * than one node" runs them). The player processes are spread over the nodes; every publish is
 * made on the first.
 */
async function gatecastSide(players: number, nodes: number): Promise<GatecastSide> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-fanout-'))
  const { editor, approver, tokens } = await prepare(dataDir, players)
  let redis: TestRedis | undefined
  const servers: Awaited<ReturnType<typeof startServer>>[] = []
  const db = new Database(join(dataDir, 'gatecast.sqlite'), { readonly: true })
  const stop = async () => {
    db.close()
    for (const { child } of servers) {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
    await redis?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    if (nodes > 1) redis = await startRedis()
    // One after the other: the primary resets screens' presence when it starts, secondaries do not.
    for (let i = 0; i < nodes; i++) {
      const role = i === 0 ? 'primary' : 'secondary'
      servers.push(await startServer(dataDir, redis ? { REDIS_URL: redis.url, NODE_ROLE: role } : {}))
    }
  } catch (error) {
    await stop()
    throw error
  }
  const { child, base } = servers[0]!
  const memory = () =>
    servers
      .map((s) => memoryOf(s.child.pid!))
      .reduce((all, m) => ({ peak: all.peak + m.peak, now: all.now + m.now }))
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
  try {
    await trace('started')
    const before = memory()
    const fleet = await startFleet(
      split(tokens, PROCESSES).map((part, p) => ({
        mode: 'gatecast' as const,
        base: servers[p % nodes]!.base,
        tokens: part,
      })),
    )
    const perConnection = perConnectionKb(before, memory(), players)
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
    const publishMs: number[] = []
    return {
      perConnection,
      sample: latest,
      allAckedMs,
      publishMs,
      memory,
      round: async (round) => {
        await call('PUT', `/api/playlists/${PLAYLIST}`, editor, { name: 'Fan-out', items: slides(round) })
        const { number } = await call('POST', `/api/playlists/${PLAYLIST}/submit`, editor, {})
        await call('POST', `/api/playlists/${PLAYLIST}/versions/${number}/approve`, approver, {})
        const arrived = fleet.next()
        const t0 = Date.now()
        await call('POST', `/api/playlists/${PLAYLIST}/publish`, approver, { version: number })
        publishMs.push(Date.now() - t0)
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
  const nodes = Number(arg('nodes') ?? 1)
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > PROCESSES) {
    throw new Error(
      `--nodes takes a whole number from 1 to ${PROCESSES} (the player processes spread over them)`,
    )
  }
  const gatecast = await gatecastSide(players, nodes)
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
      nodes,
      rounds: ROUNDS,
      p50_ms: round(percentile(latencies, 50)),
      p99_ms: round(p99),
      max_ms: round(Math.max(...latencies)),
      // The warm-up's publish too: the slowest of all.
      all_acked_ms: round(Math.max(...gatecast.allAckedMs)),
      publish_request_p50_ms: round(percentile(gatecast.publishMs, 50)),
      // The server processes' peak resident memory over the whole run (VmHWM), all nodes together.
      rss_mb: round(memory.peak, 1),
      rss_end_mb: round(memory.now, 1),
      // Resident memory per connected player (perConnectionKb), against the bare server's per client.
      kb_per_connection: round(gatecast.perConnection, 1),
      document_bytes: Buffer.byteLength(JSON.stringify(gatecast.sample())),
      baseline: {
        p50_ms: round(percentile(bareLatencies, 50)),
        p99_ms: round(bareP99),
        max_ms: round(Math.max(...bareLatencies)),
        kb_per_connection: round(bare.perConnection, 1),
      },
      ratio: round(p99 / Math.max(bareP99, 1)),
    }
  } finally {
    await bare?.close()
    await gatecast.close()
  }
}
