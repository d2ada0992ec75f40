import { existsSync } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
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
  /** Fetches a media file the folder lacks from the shared store (nodes on several hosts). */
  ensureMedia?: (name: string) => Promise<boolean>
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
      await page.evaluate(`(${HOLD_VIDEOS_AT})(${Math.trunc(at)})`)
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
    if (path.startsWith('/media/') && this.sources.ensureMedia) {
      // Not fetched (the store out of reach, the file damaged): answered 404 below, as a player would see.
      await this.sources.ensureMedia(path.slice('/media/'.length)).catch(() => false)
    }
    const file = path === '/player/' ? join(this.sources.playerDir, 'index.html') : this.fileOf(path)
    if (!file || !existsSync(file)) return route.fulfill({ status: 404, body: '' })
    const type = VIDEO_TYPES[extname(file)]
    return type ? fulfilRange(route, file, type) : route.fulfill({ path: file })
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

/**
 * In the page: each video on screen paused on its frame for the instant. The preview's clock
 * stands still, but a video plays on by itself while the page settles: a second later, the
 * sunrise in the seed video has visibly moved. The item's start is the player's own record of it
 * (window.gatecastPreview.transitions). Text, not a function: the server compiles without the DOM.
 */
const HOLD_VIDEOS_AT = `async (at) => {
  const { transitions } = window.gatecastPreview
  const videos = [...document.querySelectorAll('#stage .layer.showing video')]
  await Promise.all(videos.map((video) => {
    const itemId = video.closest('.layer')?.dataset.itemId
    const shown = transitions.findLast((t) => t.itemId === itemId)
    video.pause()
    if (!shown || !(video.duration > 0)) return undefined
    const target = ((at - shown.dueMs) / 1000) % video.duration
    if (Math.abs(video.currentTime - target) < 0.02) return undefined
    return new Promise((done) => {
      video.addEventListener('seeked', () => done(), { once: true })
      setTimeout(done, 2000)
      video.currentTime = target
    })
  }))
}`

const VIDEO_TYPES: Readonly<Record<string, string>> = { '.mp4': 'video/mp4', '.webm': 'video/webm' }
/** A video is sent in slices of at most this: the player seeks, and Chromium asks for more. */
const RANGE_SLICE_BYTES = 4 * 1024 * 1024

/**
 * A video answered by byte ranges, as the server's static route does: Chromium seeks a video
 * only when its server takes ranges, and the expected frame is the one at the capture instant,
 * not the video's first seconds.
 */
async function fulfilRange(route: Route, file: string, type: string): Promise<void> {
  const size = (await stat(file)).size
  const range = /^bytes=(\d+)-(\d*)$/.exec(route.request().headers().range ?? '')
  const start = range ? Number(range[1]) : 0
  if (start >= size) return route.fulfill({ status: 416, headers: { 'content-range': `bytes */${size}` } })
  const end = Math.min(size - 1, range?.[2] ? Number(range[2]) : start + RANGE_SLICE_BYTES - 1)
  const body = Buffer.alloc(end - start + 1)
  const handle = await open(file)
  try {
    await handle.read(body, 0, body.length, start)
  } finally {
    await handle.close()
  }
  return route.fulfill({
    status: 206,
    body,
    headers: {
      'content-type': type,
      'accept-ranges': 'bytes',
      'content-range': `bytes ${start}-${end}/${size}`,
    },
  })
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no picture within ${ms / 1000} s`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
