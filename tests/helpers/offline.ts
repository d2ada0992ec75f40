import type { AddressInfo } from 'node:net'
import { MEDIA_CACHE } from '@player/caches'
import { PLAYER_NAMESPACE } from '@playlists/events'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { AppOptions } from '@server/app'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import { createRestartableApp, type RestartableApp } from './app'
import { approveAndPublish } from './approval'
import { screenToken, playerUrl as urlWithToken } from './pairing'
import { PLAYER_COLD_START_MS } from './player'
import { until } from './wait'

/**
 * What the offline player's browser tests (tests/e2e/offline-*.spec.ts) share: a seeded server
 * the tests stop and start again on the same port, recording the players' acknowledgements, and
 * ways to look into the page's caches and state.
 *
 * Each server listens on a port chosen at random and keeps it across restarts: the worker and
 * the caches belong to the origin, so a restarted server must be the same origin.
 */

export const VIEWPORT = { width: 960, height: 480 }

/**
 * What the running test opened (servers, browser contexts, folders), closed after it in reverse
 * order by runCleanups, which each file's afterEach calls: a worker runs one test at a time.
 */
export const cleanups: (() => Promise<void>)[] = []

export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
}

export interface Ack {
  version: number
  atMs: number
}

/** A seeded server on a fixed port, recording every `document:applied` it receives. */
export class TestServer {
  readonly acks: Ack[] = []
  port = 0

  private constructor(readonly r: RestartableApp) {}

  static async start(options: Partial<AppOptions> = {}): Promise<TestServer> {
    const server = new TestServer(await createRestartableApp({ seed: true, ...options }))
    cleanups.push(() => server.r.close())
    await server.listen()
    return server
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Listens on the port of the first run, watching the players' acknowledgements. */
  async listen(): Promise<void> {
    const { app } = this.r
    app.io.of(PLAYER_NAMESPACE).on('connection', (socket) => {
      socket.on('document:applied', (payload: { version: number }) => {
        this.acks.push({ version: payload.version, atMs: Date.now() })
      })
    })
    await app.listen({ port: this.port, host: '127.0.0.1' })
    this.port = (app.server.address() as AddressInfo).port
  }

  stop(): Promise<void> {
    return this.r.stop()
  }

  async api<T = unknown>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> {
    const res = await this.r.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) })
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
    return res.json() as T
  }

  document(screenId: string): Promise<ScreenDocument> {
    return this.api('GET', `/api/screens/${screenId}/document`)
  }

  /** A seeded medium by file name. */
  async media(name: string): Promise<{ id: string; url: string; sha256: string }> {
    const all = await this.api<{ id: string; url: string; sha256: string; originalName: string }[]>(
      'GET',
      '/api/media',
    )
    const found = all.find((m) => m.originalName === name)
    if (!found) throw new Error(`no seeded medium ${name}`)
    return found
  }

  /** Creates (or replaces) and publishes a playlist; returns the version it gave `screenId`. */
  async publish(playlistId: string, items: unknown[], screenId?: string): Promise<number> {
    const exists = (await this.r.app.inject({ method: 'GET', url: `/api/playlists/${playlistId}` }))
      .statusCode
    if (exists === 404) await this.api('POST', '/api/playlists', { id: playlistId, name: playlistId, items })
    else await this.api('PUT', `/api/playlists/${playlistId}`, { name: playlistId, items })
    const published: { screens: { screenId: string; version: number }[] } = await approveAndPublish(
      this.r.app,
      'playlist',
      playlistId,
    )
    return published.screens.find((s) => s.screenId === screenId)?.version ?? 0
  }

  /** A screen of the Tân Thanh site playing `items` in one full-screen zone. */
  async screen(screenId: string, items: unknown[]): Promise<ScreenDocument> {
    await this.publish(screenId, items)
    await this.api('POST', '/api/screens', {
      id: screenId,
      siteId: 'tan-thanh',
      name: screenId,
      width: VIEWPORT.width,
      height: VIEWPORT.height,
      defaultPlaylistId: screenId,
    })
    return this.document(screenId)
  }
}

export async function newContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options })
  cleanups.push(() => context.close())
  return context
}

/** One token per screen per server, so a page reopened while the server is down finds it stored. */
const tokens = new WeakMap<TestServer, Map<string, string>>()

/** The screen's player, with `time=local`: the timeline runs on the page's clock, which some tests move. */
export const playerUrl = (server: TestServer, screenId: string) => {
  const mine = tokens.get(server) ?? new Map<string, string>()
  tokens.set(server, mine)
  const token = mine.get(screenId) ?? screenToken(server.r.app, screenId)
  mine.set(screenId, token)
  return urlWithToken(server.base, token, 'time=local')
}

/** Polls `predicate` in the page until it holds; fails after `ms` saying what it waited for. */
export async function waitInPage<A>(
  page: Page,
  what: string,
  predicate: (arg: A) => unknown,
  arg: A,
  ms = 10_000,
): Promise<void> {
  try {
    await page.waitForFunction(predicate as (arg: unknown) => unknown, arg as unknown, {
      timeout: ms,
      polling: 50,
    })
  } catch (error) {
    const state = await page
      .evaluate(() => ({ ...window.gatecast.offline, version: window.gatecast.version }))
      .catch(() => null)
    throw new Error(
      `waiting for ${what}: ${(error as Error).message}\nplayer state: ${JSON.stringify(state)}`,
    )
  }
}

export const versionIs = (page: Page, version: number, ms = 10_000) =>
  waitInPage(page, `version ${version}`, (v) => window.gatecast?.version === v, version, ms)

/** The first install precaches every font file: a cold-start cost, bounded like the player's start. */
export const controlled = (page: Page) =>
  waitInPage(
    page,
    'the service worker to control the page',
    () => navigator.serviceWorker.controller !== null && window.gatecast?.offline.swActive,
    null,
    PLAYER_COLD_START_MS,
  )

/** Which of `urls` the media cache holds, read in the page (the page and worker share caches). */
export const cachedMedia = (page: Page, urls: string[]) =>
  page.evaluate(
    async ({ name, urls }) => {
      const cache = await caches.open(name)
      const held: string[] = []
      for (const url of urls) if (await cache.match(new URL(url, location.href).href)) held.push(url)
      return { held, total: (await cache.keys()).length }
    },
    { name: MEDIA_CACHE, urls },
  )

/** Every URL in every cache of the origin, by cache. */
export const allCached = (page: Page) =>
  page.evaluate(async () => {
    const all: Record<string, string[]> = {}
    for (const name of await caches.keys()) {
      all[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)
    }
    return all
  })

/** Resolves when the server has acknowledged `version`, returning when. */
export async function ackOf(server: TestServer, version: number, ms = 10_000): Promise<Ack> {
  const ack = () => server.acks.find((a) => a.version === version)
  await until(() => ack() !== undefined, ms, `document:applied for version ${version}`, 20)
  return ack() as Ack
}

/** A route handler that holds requests until `release()` is called. */
export function gate() {
  let release!: () => void
  const opened = new Promise<void>((r) => {
    release = r
  })
  let releasedAt = 0
  let held = 0
  return {
    get held() {
      return held
    },
    get releasedAt() {
      return releasedAt
    },
    release: () => {
      releasedAt = Date.now()
      release()
    },
    handler: async (route: Route) => {
      held++
      await opened
      await route.continue().catch(() => undefined)
    },
  }
}

export const image = (id: string, mediaId: string, durationMs = 60_000) => ({
  id,
  kind: 'image',
  mediaId,
  durationMs,
  fit: 'cover',
})
