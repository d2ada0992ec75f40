import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { startPostgres } from '../tests/helpers/postgres'
import { round } from './browser'
import type { BenchResult } from './run'

/**
 * `api`: autocannon against the player's document endpoint and a console list endpoint, each
 * against a bare Fastify route sending the very same bytes (body and headers) in the same run,
 * from a child process (api-servers.ts). The five routes take turns, ROUNDS times, and each
 * figure is the median of its rounds: on a shared machine, a slow second hits one round of one
 * route, not a whole series. `rps`/`p99_ms` are the document route's; `ratio` is the lower of
 * the two routes' ratios. `pipeline_ratio`: /api/health, anonymous, against the bare document
 * route (the request pipeline's own cost). `cpu_us`: the server process's CPU time per request
 * (user and system, from /proc), steadier than a rate when the machine is noisy.
 */

const ROUNDS = 3
const DURATION_S = 3
const CONNECTIONS = 20

interface Measured {
  rps: number
  p99: number
  cpuUs: number
}

/** The server process's CPU time so far, in µs (Linux; NaN elsewhere). */
function cpuUs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return Number.NaN
  }
}

async function load(pid: number, url: string, headers: Record<string, string>, seconds: number) {
  const before = cpuUs(pid)
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuUs: (cpuUs(pid) - before) / result.requests.total,
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** On SQLite (the data folder's file), or on the PostgreSQL database at `databaseUrl`. */
export async function apiBench(databaseUrl?: string): Promise<BenchResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'api-servers.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl ?? '' },
  })
  try {
    const ports = await new Promise<{ gatecast: number; bare: number; token: string }>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk) => {
        out += chunk
        const line = out.split('\n').find((l) => l.startsWith('{'))
        if (line) resolve(JSON.parse(line))
      })
      child.once('exit', (code) => reject(new Error(`api servers exited (${code})`)))
    })
    const auth = { authorization: `Bearer ${ports.token}` }
    const gatecast = (path: string) => `http://127.0.0.1:${ports.gatecast}${path}`
    const bare = (name: string) => `http://127.0.0.1:${ports.bare}/${name}`
    const routes: Record<string, [string, Record<string, string>]> = {
      document: [gatecast('/api/screens/chi-ma-led/document'), auth],
      bareDocument: [bare('document'), {}],
      list: [gatecast('/api/playlists'), auth],
      bareList: [bare('list'), {}],
      // For information: Gatecast's whole request pipeline (hooks, rate limit, security headers,
      // metrics) around a near-empty public route, no credentials.
      pipeline: [gatecast('/api/health'), {}],
    }
    // A warm-up first: the JIT and the database's caches, not the first second, are measured.
    for (const [url, headers] of Object.values(routes)) await load(child.pid!, url, headers, 1)
    const rounds = new Map<string, Measured[]>(Object.keys(routes).map((name) => [name, []]))
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, [url, headers]] of Object.entries(routes)) {
        rounds.get(name)?.push(await load(child.pid!, url, headers, DURATION_S))
      }
    }
    const m = (name: string, figure: keyof Measured) => median((rounds.get(name) ?? []).map((r) => r[figure]))
    /** One route's medians, named as the JSON line names them. */
    const figures = (name: string, prefix = ''): Record<string, number> => ({
      [`${prefix}rps`]: round(m(name, 'rps'), 0),
      [`${prefix}p99_ms`]: m(name, 'p99'),
      [`${prefix}cpu_us`]: round(m(name, 'cpuUs'), 1),
    })
    const documentRatio = m('document', 'rps') / m('bareDocument', 'rps')
    const listRatio = m('list', 'rps') / m('bareList', 'rps')
    return {
      bench: databaseUrl ? 'api-postgres' : 'api',
      engine: databaseUrl ? 'postgres' : 'sqlite',
      ...figures('document'),
      ...figures('list', 'list_'),
      document_ratio: round(documentRatio),
      list_ratio: round(listRatio),
      pipeline_rps: round(m('pipeline', 'rps'), 0),
      pipeline_ratio: round(m('pipeline', 'rps') / m('bareDocument', 'rps')),
      connections: CONNECTIONS,
      rounds: ROUNDS,
      duration_s: DURATION_S,
      baseline: { ...figures('bareDocument'), ...figures('bareList', 'list_') },
      ratio: round(Math.min(documentRatio, listRatio)),
    }
  } finally {
    child.kill('SIGTERM')
  }
}

/**
 * `api-postgres`: the same routes with the Gatecast server on PostgreSQL (a throwaway server on
 * loopback, tests/helpers/postgres.ts), against the same bare routes: what the request path
 * costs once the data is a network round trip away (issue 21 part 1 reports both engines).
 */
export async function apiPostgresBench(): Promise<BenchResult> {
  const server = await startPostgres()
  try {
    return await apiBench(await server.createDatabase('api_bench'))
  } finally {
    await server.stop()
  }
}
