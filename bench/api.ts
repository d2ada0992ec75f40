import { spawn } from 'node:child_process'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { round } from './browser'
import type { BenchResult } from './run'

/**
 * `api`: autocannon against the player's document endpoint and a console list endpoint, each
 * against a bare Fastify route serving the same bytes in the same run (servers in a child
 * process, see api-servers.ts). `rps`/`p99_ms` are the document route's; `ratio` is the lower
 * of the two routes' rps ratios. `pipeline_ratio`: /api/health, anonymous, against the bare
 * document route (the request pipeline's own cost).
 */

const DURATION_S = 5
const CONNECTIONS = 20

interface Measured {
  rps: number
  p99: number
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Measured> {
  // A short warm-up first: the JIT and SQLite's page cache, not the first second, are measured.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1 })
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return { rps: result.requests.average, p99: result.latency.p99 }
}

export async function apiBench(): Promise<BenchResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'api-servers.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
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
    const document = await load(gatecast('/api/screens/chi-ma-led/document'), auth)
    const bareDocument = await load(bare('document'))
    const list = await load(gatecast('/api/playlists'), auth)
    const bareList = await load(bare('list'))
    // For information: Gatecast's whole request pipeline (hooks, rate limit, security headers,
    // metrics) around a near-empty public route, no credentials. Its ratio to the bare route is
    // about the most any route behind that pipeline can reach.
    const pipeline = await load(gatecast('/api/health'))
    const documentRatio = document.rps / bareDocument.rps
    const listRatio = list.rps / bareList.rps
    return {
      bench: 'api',
      rps: round(document.rps, 0),
      p99_ms: document.p99,
      list_rps: round(list.rps, 0),
      list_p99_ms: list.p99,
      document_ratio: round(documentRatio),
      list_ratio: round(listRatio),
      pipeline_rps: round(pipeline.rps, 0),
      pipeline_ratio: round(pipeline.rps / bareDocument.rps),
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      baseline: {
        rps: round(bareDocument.rps, 0),
        p99_ms: bareDocument.p99,
        list_rps: round(bareList.rps, 0),
        list_p99_ms: bareList.p99,
      },
      ratio: round(Math.min(documentRatio, listRatio)),
    }
  } finally {
    child.kill('SIGTERM')
  }
}
