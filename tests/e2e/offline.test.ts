import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FONTS_CACHE, MEDIA_CACHE, SHELL_CACHE_PREFIX } from '@player/caches'
import { PLAYER_NAMESPACE } from '@playlists/events'
import type { ScreenDocument } from '@playlists/schemas/document'
import { instantOf } from '@playlists/time/zone'
import { resolve } from '@playlists/timeline'
import type { AppOptions } from '@server/app'
import { PLAYER_DIST } from '@server/paths'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createRestartableApp, type RestartableApp, slide } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { launchChromium, launchPersistentChromium } from '../helpers/browser'
import { screenToken, playerUrl as urlWithToken } from '../helpers/pairing'
import { PLAYER_COLD_START_MS, startPlayerAt, waitForPlayer } from '../helpers/player'
import { nothingHappensWithin, until } from '../helpers/wait'

/**
 * The offline player (issue 5, item 1) in Chromium against a real server that the tests stop
 * and start again: the service worker, the prefetch-then-swap of documents, video from the
 * cache with Range requests, a browser restart with the server down, days without a server
 * across dayparts, and the reconnection when it returns.
 *
 * Each server listens on a port chosen at random and keeps it across restarts: the worker and
 * the caches belong to the origin, so a restarted server must be the same origin.
 */

const VIEWPORT = { width: 960, height: 480 }

let browser: Browser
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
})

interface Ack {
  version: number
  atMs: number
}

/** A seeded server on a fixed port, recording every `document:applied` it receives. */
class TestServer {
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

async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options })
  cleanups.push(() => context.close())
  return context
}

/** `time=local`: the timeline runs on the page's clock, which some tests move. */
/** One token per screen per server, so a page reopened while the server is down finds it stored. */
const tokens = new WeakMap<TestServer, Map<string, string>>()
const playerUrl = (server: TestServer, screenId: string) => {
  const mine = tokens.get(server) ?? new Map<string, string>()
  tokens.set(server, mine)
  const token = mine.get(screenId) ?? screenToken(server.r.app, screenId)
  mine.set(screenId, token)
  return urlWithToken(server.base, token, 'time=local')
}

/** Polls `predicate` in the page until it holds; fails after `ms` saying what it waited for. */
async function waitInPage<A>(
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

const versionIs = (page: Page, version: number, ms = 10_000) =>
  waitInPage(page, `version ${version}`, (v) => window.gatecast?.version === v, version, ms)

/** The first install precaches every font file: a cold-start cost, bounded like the player's start. */
const controlled = (page: Page) =>
  waitInPage(
    page,
    'the service worker to control the page',
    () => navigator.serviceWorker.controller !== null && window.gatecast?.offline.swActive,
    null,
    PLAYER_COLD_START_MS,
  )

/** Which of `urls` the media cache holds, read in the page (the page and worker share caches). */
const cachedMedia = (page: Page, urls: string[]) =>
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
const allCached = (page: Page) =>
  page.evaluate(async () => {
    const all: Record<string, string[]> = {}
    for (const name of await caches.keys()) {
      all[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)
    }
    return all
  })

/** Resolves when the server has acknowledged `version`, returning when. */
async function ackOf(server: TestServer, version: number, ms = 10_000): Promise<Ack> {
  const ack = () => server.acks.find((a) => a.version === version)
  await until(() => ack() !== undefined, ms, `document:applied for version ${version}`, 20)
  return ack() as Ack
}

/** A route handler that holds requests until `release()` is called. */
function gate() {
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

const image = (id: string, mediaId: string, durationMs = 60_000) => ({
  id,
  kind: 'image',
  mediaId,
  durationMs,
  fit: 'cover',
})

describe('offline player: prefetch, then swap', () => {
  it('caches the shell, the fonts and every asset before acknowledging a document; a slow or failed download keeps the old document playing', async () => {
    const server = await TestServer.start()
    const [gateJpg, marketJpg, mountainJpg] = await Promise.all([
      server.media('huu-nghi-gate.jpg'),
      server.media('ky-lua-market.jpg'),
      server.media('mau-son-mountain.jpg'),
    ])
    const intro = slide('intro', 'Offline', 60_000)
    const first = await server.screen('offline-swap', [intro, image('gate', gateJpg.id)])

    const context = await newContext()
    const page = await context.newPage()
    await page.clock.install({ time: Date.now() })
    const loadStarted = Date.now()
    await page.goto(playerUrl(server, 'offline-swap'))
    await waitForPlayer(page)
    await versionIs(page, first.version)
    const firstAck = await ackOf(server, first.version)
    await controlled(page)
    console.log(
      `offline: first document prefetched and applied ${firstAck.atMs - loadStarted} ms after load; worker installed and in control after ${Date.now() - loadStarted} ms`,
    )

    // The shell and every font file are precached; the document's assets are in the media cache.
    const stored = await page.evaluate(
      async ({ fontsName, shellPrefix }) => {
        const names = await caches.keys()
        const shellName = names.find((n) => n.startsWith(shellPrefix))
        const shell = shellName ? await caches.open(shellName) : null
        const shellUrls = shell ? (await shell.keys()).map((r) => new URL(r.url).pathname) : []
        const fonts = await (await caches.open(fontsName)).keys()
        const manifest = (await (await fetch('fonts.json')).json()) as { files: unknown[]; bytes: number }
        const estimate = await navigator.storage.estimate()
        return {
          names,
          shellUrls,
          fonts: fonts.length,
          fontFiles: manifest.files.length,
          fontBytes: manifest.bytes,
          usage: estimate.usage,
        }
      },
      { fontsName: FONTS_CACHE, shellPrefix: SHELL_CACHE_PREFIX },
    )
    expect(stored.shellUrls.sort()).toEqual(
      [
        '/player/',
        '/player/fonts.css',
        '/player/fonts.json',
        '/player/player.css',
        '/player/player.js',
      ].sort(),
    )
    expect(stored.fonts).toBe(stored.fontFiles)
    // The socket and the API are never cached.
    const everything = Object.values(await allCached(page)).flat()
    expect(everything.filter((p) => p.startsWith('/api/') || p.startsWith('/socket.io'))).toEqual([])
    expect((await cachedMedia(page, [gateJpg.url])).held).toEqual([gateJpg.url])
    const persisted = await page.evaluate(() => window.gatecast.offline.persisted)
    console.log(
      `offline: caches ${stored.names.join(', ')}; ${stored.fonts} font files (${(stored.fontBytes / 1e6).toFixed(1)} MB); origin usage ${((stored.usage ?? 0) / 1e6).toFixed(1)} MB; persisted=${persisted}`,
    )

    // A slow download: the new version waits for it while the old one keeps playing.
    const slow = gate()
    await context.route(`**/media/${marketJpg.sha256}.*`, slow.handler)
    const second = await server.publish(
      'offline-swap',
      [intro, image('gate', gateJpg.id), image('market', marketJpg.id)],
      'offline-swap',
    )
    await waitInPage(
      page,
      'the new version pending',
      (v) => window.gatecast.offline.pendingVersion === v,
      second,
    )
    await expect.poll(() => slow.held, { timeout: 5_000 }).toBeGreaterThan(0)
    // A swap that did not wait for the held file would come at once; its absence has no later
    // event short of the next item (a minute away) to wait on.
    await nothingHappensWithin(500)
    expect(await page.evaluate(() => window.gatecast.version)).toBe(first.version)
    expect(server.acks.map((a) => a.version)).not.toContain(second)
    slow.release()
    await versionIs(page, second)
    const secondAck = await ackOf(server, second)
    expect(secondAck.atMs).toBeGreaterThanOrEqual(slow.releasedAt)
    expect((await cachedMedia(page, [gateJpg.url, marketJpg.url])).held).toEqual([gateJpg.url, marketJpg.url])
    await context.unroute(`**/media/${marketJpg.sha256}.*`)

    // A failed download: the old version plays on, the error is shown, and a retry applies it.
    const failing = (route: Route) => route.abort('connectionreset')
    await context.route(`**/media/${mountainJpg.sha256}.*`, failing)
    const third = await server.publish(
      'offline-swap',
      [intro, image('gate', gateJpg.id), image('mountain', mountainJpg.id)],
      'offline-swap',
    )
    await waitInPage(page, 'the asset error', () => window.gatecast.offline.lastAssetError !== null, null)
    const failed = await page.evaluate(() => window.gatecast.offline)
    expect(failed).toMatchObject({ pendingVersion: third })
    expect(failed.lastAssetError).toContain(mountainJpg.url)
    expect(await page.evaluate(() => window.gatecast.version)).toBe(second)
    await context.unroute(`**/media/${mountainJpg.sha256}.*`)
    // The first retry is due within 5 s: jump the page's clock rather than wait.
    await page.clock.fastForward(5_000)
    await versionIs(page, third)
    await ackOf(server, third)
    expect(await page.evaluate(() => window.gatecast.offline)).toMatchObject({
      pendingVersion: null,
      lastAssetError: null,
    })

    // A newer document supersedes one still downloading: only the newer is applied and acknowledged.
    const stuck = gate()
    await context.route(`**/media/${marketJpg.sha256}.*`, stuck.handler)
    const fourth = await server.publish(
      'offline-swap',
      [intro, image('market', marketJpg.id)],
      'offline-swap',
    )
    await waitInPage(
      page,
      'the newer version pending',
      (v) => window.gatecast.offline.pendingVersion === v,
      fourth,
    )
    const fifth = await server.publish('offline-swap', [intro], 'offline-swap')
    await versionIs(page, fifth)
    await ackOf(server, fifth)
    expect(server.acks.map((a) => a.version)).not.toContain(fourth)
    // Files no document in use needs are dropped from the cache once the new one is applied.
    await expect
      .poll(async () => (await cachedMedia(page, [gateJpg.url, mountainJpg.url])).held, { timeout: 5_000 })
      .toEqual([])
    stuck.release()
    await context.unroute(`**/media/${marketJpg.sha256}.*`)
  })

  it('replaces its shell cache when a new build is deployed', async () => {
    // A copy of the build that the test changes as a deployment would.
    const dir = mkdtempSync(join(tmpdir(), 'gatecast-player-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    cpSync(PLAYER_DIST, dir, { recursive: true })
    const server = await TestServer.start({ playerDir: dir })
    const doc = await server.screen('upgraded', [slide('s', 'Upgrade', 60_000)])
    const context = await newContext()
    const page = await context.newPage()
    await page.goto(playerUrl(server, 'upgraded'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    await controlled(page)
    const before = Object.keys(await allCached(page)).find((n) => n.startsWith(SHELL_CACHE_PREFIX))!
    // The worker script is always revalidated, so browsers see a new one at their next check.
    expect((await fetch(`${server.base}/player/sw.js`)).headers.get('cache-control')).toBe('no-cache')

    // The new build: other styles, and so a worker naming another shell cache.
    const build = before.slice(SHELL_CACHE_PREFIX.length)
    const next = 'feedfacefeedface'
    writeFileSync(
      join(dir, 'player.css'),
      `${readFileSync(join(dir, 'player.css'), 'utf8')}\n/* next build */\n`,
    )
    writeFileSync(join(dir, 'sw.js'), readFileSync(join(dir, 'sw.js'), 'utf8').replaceAll(build, next))
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update())
    await expect
      .poll(async () => Object.keys(await allCached(page)).filter((n) => n.startsWith(SHELL_CACHE_PREFIX)), {
        timeout: 10_000,
      })
      .toEqual([`${SHELL_CACHE_PREFIX}${next}`])
    const css = await page.evaluate(async (name) => {
      const cached = await (await caches.open(name)).match('player.css')
      return cached?.text()
    }, `${SHELL_CACHE_PREFIX}${next}`)
    expect(css).toContain('/* next build */')
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated')
  })

  it('still plays online without a service worker or Cache Storage', async () => {
    const server = await TestServer.start()
    const gateJpg = await server.media('huu-nghi-gate.jpg')
    const doc = await server.screen('no-worker', [image('gate', gateJpg.id)])
    // As in an insecure context (plain HTTP on a LAN address): no worker, no caches.
    const context = await newContext({ serviceWorkers: 'block' })
    await context.addInitScript(() => Object.defineProperty(window, 'caches', { value: undefined }))
    const page = await context.newPage()
    await page.goto(playerUrl(server, 'no-worker'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    await ackOf(server, doc.version)
    await waitInPage(
      page,
      'the picture',
      () => (document.querySelector<HTMLImageElement>('.layer.showing img')?.naturalWidth ?? 0) > 0,
      null,
    )
    expect(await page.evaluate(() => window.gatecast.offline)).toMatchObject({
      swActive: false,
      pendingVersion: null,
      lastAssetError: null,
    })
  })
})

describe('offline player: server gone', () => {
  it('plays a video from the cache with Range requests after a reload with the server stopped', async () => {
    const server = await TestServer.start()
    const clip = await server.media('border-clouds.mp4')
    const doc = await server.screen('offline-video', [
      { id: 'clouds', kind: 'video', mediaId: clip.id, durationMs: 60_000, fit: 'cover' },
    ])
    const context = await newContext()
    const page = await context.newPage()
    await page.goto(playerUrl(server, 'offline-video'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    await controlled(page)
    expect((await cachedMedia(page, [clip.url])).held).toEqual([clip.url])

    await server.stop()
    const media: { status: number; range: string | undefined; fromWorker: boolean }[] = []
    page.on('response', (response) => {
      if (!response.url().includes('/media/')) return
      media.push({
        status: response.status(),
        range: response.request().headers().range,
        fromWorker: response.fromServiceWorker(),
      })
    })
    await page.reload()
    await waitForPlayer(page)
    await waitInPage(
      page,
      'the video to play from the cache',
      () => {
        const v = document.querySelector<HTMLVideoElement>('.layer.showing video')
        return v && !v.paused && v.readyState >= 3 && v.currentTime > 0.5
      },
      null,
      15_000,
    )
    expect(await page.evaluate(() => window.gatecast.connected)).toBe(false)
    expect(media.some((m) => m.status === 206 && m.fromWorker && m.range?.startsWith('bytes='))).toBe(true)

    // The worker's answers to ranges, checked byte for byte.
    const answers = await page.evaluate(async (url) => {
      const get = async (range: string) => {
        const r = await fetch(url, { headers: { Range: range } })
        return {
          status: r.status,
          range: r.headers.get('Content-Range'),
          bytes: (await r.arrayBuffer()).byteLength,
        }
      }
      return {
        head: await get('bytes=0-99'),
        open: await get('bytes=1000-'),
        suffix: await get('bytes=-10'),
        past: await get('bytes=999999999-'),
      }
    }, clip.url)
    const size = doc.assets.find((a) => a.url === clip.url)!.bytes
    expect(answers).toEqual({
      head: { status: 206, range: `bytes 0-99/${size}`, bytes: 100 },
      open: { status: 206, range: `bytes 1000-${size - 1}/${size}`, bytes: size - 1000 },
      suffix: { status: 206, range: `bytes ${size - 10}-${size - 1}/${size}`, bytes: 10 },
      past: { status: 416, range: `bytes */${size}`, bytes: 0 },
    })
  })

  it('boots from the cache when Chromium restarts with the server down, showing the right item', async () => {
    const server = await TestServer.start()
    const doc = await server.document('tan-thanh-led')
    const profile = mkdtempSync(join(tmpdir(), 'gatecast-profile-'))
    cleanups.push(async () => rmSync(profile, { recursive: true, force: true }))
    const size = { width: doc.screen.width / 2, height: doc.screen.height / 2 }

    let context = await launchPersistentChromium(profile, { viewport: size })
    cleanups.push(() => context.close())
    let page = context.pages()[0] ?? (await context.newPage())
    const loadStarted = Date.now()
    await page.goto(playerUrl(server, 'tan-thanh-led'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    const kb = Math.round(doc.assets.reduce((n, a) => n + a.bytes, 0) / 1024)
    console.log(
      `offline: tan-thanh-led's ${doc.assets.length} assets (${kb} KB) prefetched and applied ${(await ackOf(server, doc.version)).atMs - loadStarted} ms after load`,
    )
    await controlled(page)
    await waitInPage(page, 'every asset cached', () => window.gatecast.offline.pendingVersion === null, null)
    expect(
      (
        await cachedMedia(
          page,
          doc.assets.map((a) => a.url),
        )
      ).held,
    ).toHaveLength(doc.assets.length)
    await context.close()
    await server.stop()

    // The instant the restarted screen opens at: a second into the trilingual greeting.
    const items = doc.playlists.welcome!.items
    const loop = items.reduce((sum, i) => sum + i.durationMs, 0)
    const at = doc.epochMs + Math.ceil((Date.now() - doc.epochMs) / loop) * loop + 1_000
    const expected = resolve(doc, at).playing!
    expect(expected.item.id).toBe('welcome-greeting')

    context = await launchPersistentChromium(profile, { viewport: size })
    cleanups.push(() => context.close())
    page = context.pages()[0] ?? (await context.newPage())
    // Its clock stands at that instant until it plays: the restart may be slow on this machine.
    await startPlayerAt(page, playerUrl(server, 'tan-thanh-led'), at)
    expect(await page.locator('#stage').getAttribute('data-item-id')).toBe(expected.item.id)
    expect(await page.evaluate(() => window.gatecast.version)).toBe(doc.version)
    // Chinese text renders in the bundled face, with the server gone.
    const zh = page.locator('[data-zone-id="main"] .layer.showing [data-lang="zh"] h1')
    expect(await zh.textContent()).toBe('欢迎您来到谅山')
    const faces = await page.evaluate(async () => {
      const loaded = await document.fonts.load('700 40px "Gatecast Sans SC"', '欢迎您来到谅山')
      return loaded.map((f) => f.status)
    })
    expect(faces.length).toBeGreaterThan(0)
    expect(faces.every((s) => s === 'loaded')).toBe(true)
  })

  it('switches dayparts on time through days without a server', async () => {
    // The server's clock: 2026-12-01 10:00 in Vietnam. The evening daypart starts at 18:00.
    const zone = 'Asia/Ho_Chi_Minh'
    const now = instantOf(zone, { year: 2026, month: 12, day: 1 }, 10 * 60)
    const server = await TestServer.start({ clock: () => now })
    const entry = await server.api<{ id: string }>('POST', '/api/schedules', {
      name: 'Evening tourism',
      playlistId: 'tourism',
      target: { type: 'screen', id: 'tan-thanh-led' },
      window: { start: '18:00', end: '22:00' },
    })
    await approveAndPublish(server.r.app, 'schedule', entry.id)
    const doc = await server.document('tan-thanh-led')
    // The document carries 21 days of rules, from the start of the server's UTC day.
    expect(doc.horizon.untilMs - doc.horizon.fromMs).toBe(21 * 86_400_000)

    const context = await newContext({ viewport: { width: 960, height: 480 } })
    const page = await context.newPage()
    await page.clock.install({ time: now })
    await page.goto(playerUrl(server, 'tan-thanh-led'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    // The screen's first session online must last until the worker has installed.
    await controlled(page)
    await server.stop()
    await waitInPage(page, 'the disconnect', () => window.gatecast.connected === false, null)

    const mainPlaylist = () =>
      page.evaluate(() => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)?.playlistId)
    // Nineteen days and eight hours later (the document covers 21), five seconds into the evening daypart.
    const evening = instantOf(zone, { year: 2026, month: 12, day: 20 }, 18 * 60)
    expect(evening).toBeLessThan(doc.horizon.untilMs)
    const opening = resolve(doc, evening + 5_000).playing!
    expect(opening).toMatchObject({ playlistId: 'tourism', startMs: evening })
    await page.clock.fastForward(evening + 5_000 - now)
    // The player's own record of what it showed, not what is up now: after nineteen days of
    // hourly plays to write, a busy machine may draw the item late enough that it has already
    // ended by the time a poll of the stage would look.
    await waitInPage(
      page,
      `${opening.item.id}, the evening playlist's first item`,
      (id) => window.gatecast.transitions.some((t) => t.zoneId === 'main' && t.itemId === id),
      opening.item.id,
      30_000,
    )
    const shown = await page.evaluate(
      (id) => window.gatecast.transitions.find((t) => t.zoneId === 'main' && t.itemId === id),
      opening.item.id,
    )
    expect(shown).toMatchObject({ playlistId: 'tourism', dueMs: evening })

    // The daypart's picture comes from the cache: the server has been gone for days.
    const picture = doc.playlists.tourism!.items.find((i) => i.kind === 'image')!
    let pictureAt = evening
    for (const item of doc.playlists.tourism!.items) {
      if (item.id === picture.id) break
      pictureAt += item.durationMs
    }
    await page.clock.fastForward(pictureAt + 1_000 - (evening + 5_000))
    await waitInPage(
      page,
      `${picture.id} decoded`,
      (id) =>
        document.getElementById('stage')?.dataset.itemId === id &&
        (document.querySelector<HTMLImageElement>('[data-zone-id="main"] .layer.showing img')?.naturalWidth ??
          0) > 0,
      picture.id,
    )

    // At 22:00 the default playlist returns.
    const late = instantOf(zone, { year: 2026, month: 12, day: 20 }, 22 * 60)
    await page.clock.fastForward(late + 5_000 - (pictureAt + 1_000))
    await expect.poll(mainPlaylist, { timeout: 5_000 }).toBe('welcome')
    expect(resolve(doc, late + 5_000).playing!.playlistId).toBe('welcome')
  })

  it('reconnects when the server returns and gets the document published while it was away', async () => {
    const server = await TestServer.start()
    const doc = await server.screen('offline-return', [slide('before', 'Before', 60_000)])
    const context = await newContext()
    const page = await context.newPage()
    await page.goto(playerUrl(server, 'offline-return'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    await waitInPage(page, 'the connection', () => window.gatecast.connected, null)

    await server.stop()
    await waitInPage(page, 'the disconnect', () => window.gatecast.connected === false, null)
    // The server comes back on the same data and port, with a document the screen has not seen.
    await server.r.start()
    const newer = await server.publish('offline-return', [slide('after', 'After', 60_000)], 'offline-return')
    expect(newer).toBeGreaterThan(doc.version)
    await server.listen()
    const back = Date.now()
    await waitInPage(page, 'the reconnection', () => window.gatecast.connected, null, 30_000)
    const reconnectMs = Date.now() - back
    await versionIs(page, newer)
    await ackOf(server, newer)
    console.log(
      `offline: reconnected ${reconnectMs} ms after the server returned; version ${newer} applied ${Date.now() - back} ms after`,
    )
    expect(reconnectMs).toBeLessThan(30_000)
    expect(await page.locator('#stage').getAttribute('data-item-id')).toBe('after')
  })
})
