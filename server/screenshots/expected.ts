import { existsSync } from 'node:fs'
import { join, normalize, sep } from 'node:path'
import { previewAddress } from '@playlists/preview-protocol'
import type { FastifyBaseLogger } from 'fastify'
import { type Browser, chromium, type Route } from 'playwright-core'
import { CHROMIUM_ARGS } from '../chromium'
import type { ExpectedRenderer } from './service'

/**
 * The expected picture, rendered by the player's own code: a headless Chromium on the server
 * opens the player's preview mode for the screen at the capture instant (clock stopped there),
 * fed the screen's on-air document, and takes its picture at the screen's size scaled to the
 * capture's. The page never touches the network: every request is answered here, from the
 * player's bundle, the media folder and the database, so it needs no session, no port and no
 * route through a proxy, and cannot reach anything else.
 *
 * One browser, started on first use and kept; one render at a time (a server has two cores and
 * players to serve); each bounded by RENDER_TIMEOUT_MS.
 */

/** A render longer than this is given up: the verdict falls back to the checks needing no picture. */
export const RENDER_TIMEOUT_MS = 20_000
/** After the player says it plays, let a video's seek land and a web font paint. */
const SETTLE_MS = 750
/** A video plays without a click, silently: the server has no one to hear it. */
const CHROMIUM_FLAGS = [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required', '--mute-audio']
/** The page's own origin, answered only by the route handler below. */
const ORIGIN = 'http://gatecast-render.invalid'

export interface RenderSources {
  chromiumPath: string
  playerDir: string
  mediaDir: string
  /** The screen's on-air document, as stored (JSON), or undefined. */
  documentJson: (screenId: string) => string | undefined
  log: FastifyBaseLogger
}

export class ChromiumRenderer implements ExpectedRenderer {
  private browser: Promise<Browser> | null = null
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly sources: RenderSources) {}

  render(screenId: string, at: number, size: { width: number; height: number }): Promise<Buffer> {
    // The queue waits for the work itself, not its timeout: a slow render still ends (each of its
    // steps has a bound of its own) before the next one starts.
    const work = this.queue.then(() => this.renderNow(screenId, at, size))
    this.queue = work.catch(() => undefined)
    return withTimeout(work, RENDER_TIMEOUT_MS)
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => null)
    this.browser = null
    await browser?.close().catch(() => undefined)
  }

  private launch(): Promise<Browser> {
    if (!existsSync(this.sources.chromiumPath))
      return Promise.reject(new Error(`no Chromium at ${this.sources.chromiumPath}`))
    this.browser ??= chromium
      .launch({ executablePath: this.sources.chromiumPath, args: CHROMIUM_FLAGS })
      .then((browser) => {
        // A crashed browser is started again at the next render.
        browser.on('disconnected', () => {
          this.browser = null
        })
        return browser
      })
      .catch((error: unknown) => {
        this.browser = null
        throw error
      })
    return this.browser
  }

  private async renderNow(screenId: string, at: number, size: { width: number; height: number }) {
    const json = this.sources.documentJson(screenId)
    if (!json) throw new Error('the screen has no document')
    const { screen } = JSON.parse(json) as { screen: { width: number; height: number } }
    const browser = await this.launch()
    const context = await browser.newContext({
      viewport: { width: screen.width, height: screen.height },
      // The capture may be scaled down by the agent: render at its size.
      deviceScaleFactor: size.width / screen.width,
    })
    try {
      await context.route('**/*', (route) => this.answer(route, screenId, json, at))
      const page = await context.newPage()
      const address = previewAddress({ screenId, atMs: at, running: false, draft: null })
      await page.goto(`${ORIGIN}${address}`)
      await page.waitForSelector('#stage[data-status="playing"]', { timeout: RENDER_TIMEOUT_MS })
      await page.waitForTimeout(SETTLE_MS)
      return await page.screenshot({ type: 'png' })
    } finally {
      await context.close().catch(() => undefined)
    }
  }

  /** Every request of the page: the player's files, media, the document and the clock; nothing else. */
  private async answer(route: Route, screenId: string, json: string, at: number): Promise<void> {
    const url = new URL(route.request().url())
    if (url.origin !== ORIGIN) return route.abort('blockedbyclient')
    const path = decodeURIComponent(url.pathname)
    if (path === `/api/screens/${screenId}/preview-document`)
      return route.fulfill({ status: 200, contentType: 'application/json', body: json })
    if (path === '/api/clock')
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ nowMs: at }),
      })
    const file = path === '/player/' ? join(this.sources.playerDir, 'index.html') : this.fileOf(path)
    if (file && existsSync(file)) return route.fulfill({ path: file })
    return route.fulfill({ status: 404, body: '' })
  }

  private fileOf(path: string): string | null {
    for (const [prefix, dir] of [
      ['/player/', this.sources.playerDir],
      ['/media/', this.sources.mediaDir],
    ] as const) {
      if (!path.startsWith(prefix)) continue
      const file = normalize(join(dir, path.slice(prefix.length)))
      return file.startsWith(dir + sep) ? file : null
    }
    return null
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no picture within ${ms / 1000} s`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
