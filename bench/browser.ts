import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '@server/app'
import type { FastifyInstance } from 'fastify'
import { type Browser, chromium, type Page } from 'playwright-core'
import { buildPlayer } from '../scripts/build.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium'

export { skewClock } from '../scripts/chromium'

/** A seeded server on a loopback port and Debian's Chromium, for the benchmarks that play. */
export interface Stage {
  app: FastifyInstance
  base: string
  browser: Browser
  close: () => Promise<void>
}

export async function openStage(): Promise<Stage> {
  await buildPlayer()
  const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-bench-'))
  const app = await buildApp({ dataDir, seed: true, logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  })
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close()
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * A screen's player address, provisioned with a new token for the screen: the player takes it
 * from the fragment (pairing on screen is for real screens; tests/e2e/pairing.spec.ts covers it).
 */
export const playerUrl = ({ app, base }: Pick<Stage, 'app' | 'base'>, screenId: string, query = ''): string =>
  `${base}/player/${query ? `?${query}` : ''}#token=${app.repos.screenTokens.issue(screenId).secret}`

/** The benches act as the seeded server's first admin, through an API token made for them. */
const tokens = new WeakMap<FastifyInstance, { authorization: string }>()
export function adminHeaders(app: FastifyInstance): { authorization: string } {
  let headers = tokens.get(app)
  if (!headers) {
    const admin = app.repos.users.list().find((u) => u.role === 'admin')
    if (!admin) throw new Error('bench: the app has no admin')
    const { secret } = app.repos.apiTokens.create({ name: 'benchmarks', userId: admin.id, role: 'admin' })
    headers = { authorization: `Bearer ${secret}` }
    tokens.set(app, headers)
  }
  return headers
}

export async function post(app: FastifyInstance, url: string, payload?: object): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: adminHeaders(app),
    ...(payload ? { payload } : {}),
  })
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
}

/**
 * Puts a playlist's draft on air as the system does with the sample content: submitted and
 * approved by 'system', so a benchmark measures playback, not the four-eyes workflow.
 */
export function publishApproved(app: FastifyInstance, playlistId: string): void {
  app.approvals.approveAsSystem([{ type: 'playlist', id: playlistId }], 'benchmark content')
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits

/** The seeded media's ids by file name (`border-clouds.mp4` …): the benches build playlists from them. */
export async function seededMedia(app: FastifyInstance): Promise<(file: string) => string> {
  const media = (await app.inject({ url: '/api/media', headers: adminHeaders(app) })).json() as {
    id: string
    originalName: string
  }[]
  return (file) => {
    const found = media.find((m) => m.originalName === file)
    if (!found) throw new Error(`bench: no seeded medium ${file}`)
    return found.id
  }
}

/**
 * tsx compiles the benches with esbuild's keepNames, which wraps every named function in a
 * `__name(fn, "name")` call; a function handed to `page.evaluate` carries those calls into a page
 * that has no `__name`. This init script gives every document of the page a harmless one.
 */
export async function allowNamedFunctions(page: Page): Promise<void> {
  await page.addInitScript('globalThis.__name ??= (fn) => fn')
}
