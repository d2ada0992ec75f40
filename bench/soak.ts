import { ITEM_DURATION_MS_MIN } from '@playlists/limits'
import { MAIN_ZONE } from '@playlists/schemas/layout'
import type { CDPSession, Page } from 'playwright-core'
import {
  adminHeaders,
  allowNamedFunctions,
  openStage,
  playerUrl,
  post,
  publishApproved,
  round,
  type Stage,
  seededMedia,
} from './browser'
import type { BenchResult } from './run'

const ITEM_MS = ITEM_DURATION_MS_MIN
const VIEWPORT = { width: 960, height: 540 }
/** Transitions before the first reading: caches, JIT and the player's bounded buffers fill up. */
const WARM_UP = 500
const TRANSITIONS = 10_000
/** A reading every this many transitions, so that a leak shows as a slope, not one number. */
const BATCH = 1_000
/** A video every this many items (see soakBench): each costs ~75 ms of real time to load. */
const VIDEO_EVERY = 25
/** A step whose item is not on screen within this much real time is counted as missed. */
const STEP_TIMEOUT_MS = 5_000
/** Heap growth below this is the noise of reading a heap at all; the baseline is floored at it. */
const HEAP_NOISE_MB = 0.1
const MB = 1_000_000
const SCREEN = 'bench-soak'

/**
 * `soak`: one player shows 10,000 one-second items on a fake clock, after 500 to warm up; the
 * JS heap (after forced full collections) and the DOM are read before, after, and every 1,000
 * transitions between.
 *
 * - Content: stacked and rotating slides (with and without a picture), the three seeded
 *   pictures (contain, cover, stretch) and, one item in VIDEO_EVERY, the seeded MP4 or WebM.
 *   Videos are real: the clock stands still while one buffers and decodes its first frame,
 *   then it plays a few ms of real time and is released, so the create → buffer → play →
 *   release path runs ~400 times (players that skip `load()` after removing `src` leak tens of
 *   MB per video; decoder memory is outside the heaps read here). More would not fit the time:
 *   a video step takes ~75 ms of real time, a picture or slide step ~5–13 ms.
 * - Time: Playwright's fake clock, paused, advanced by one item per step; after each step the
 *   bench waits (real time) until the zone has committed the next item, so every step is one
 *   transition and none is skipped because a picture was still decoding. The steps run inside
 *   the page, through the controller `page.clock` itself drives: `page.clock.runFor` costs
 *   ~11 ms of protocol round trips per call, two minutes over 10,000 steps.
 * - Counting: a MutationObserver on the main zone's `data-item-id`, which every commit sets
 *   once (`window.gatecast.transitions` keeps only the last 50).
 * - The socket stays live (heartbeats; proof of play sent and acknowledged). The server pings
 *   in real time while the client counts its ping timeout on the fake clock, so the bench
 *   relays the socket and widens that timeout in the handshake; otherwise the player would drop
 *   and reconnect every 45 fake seconds, which no real screen does. Other timeouts still run on
 *   fake time: proof of play's 30 s wait for an acknowledgement is ~0.3 s of real time here, so
 *   a few "operation has timed out" faults (`player_errors`) are the clock's doing, not the link's.
 * - Readings: CDP `HeapProfiler.collectGarbage` twice, then `Runtime.getHeapUsage` — V8's heap,
 *   the JS heap of the figure (`heap_growth_mb`), and Blink's garbage-collected heap, where DOM
 *   nodes live (`dom_heap_growth_mb`: a DOM leak shows there, not in the JS heap) — and
 *   `Memory.getDOMCounters`: every live node, attached or
 *   detached, so a leaked detached subtree counts (`dom_growth_nodes`); `element_growth` is the
 *   document's own element count.
 *
 * Baseline, same run, in parallel: a bare page on the same fake clock with the same driver
 * doing the same number of swaps the simplest correct way — a new layer with the same picture
 * (decoded), a block of text, or one of the same videos (released before its layer is
 * removed) shown by a class change, the old layer removed. It is what the harness and Chromium
 * grow by on their own. Ratio: the player's heap growth ÷ the baseline's, the baseline floored
 * at HEAP_NOISE_MB.
 */
export async function soakBench(): Promise<BenchResult> {
  const stage = await openStage()
  try {
    await setUp(stage)
    const [player, bare] = await Promise.all([
      soak(stage, playerUrl(stage, SCREEN, 'time=local')),
      soak(stage, `${stage.base}/bench/soak-swap.html`),
    ])
    return {
      bench: 'soak',
      transitions: player.transitions,
      heap_growth_mb: round(player.heapGrowthMb, 3),
      dom_growth_nodes: player.domGrowthNodes,
      // The detail behind the three figures above.
      dom_heap_growth_mb: round(player.domHeapGrowthMb, 3),
      element_growth: player.elementGrowth,
      listener_growth: player.listenerGrowth,
      heap_mb_every_1000: player.readings.map((r) => round(r.heapMb, 3)),
      dom_nodes_every_1000: player.readings.map((r) => r.nodes),
      missed_steps: player.missed,
      socket_connections: player.connections,
      // Distinct faults the player reported (numbers blanked), with how often in its last 20.
      player_errors: tally(player.errors.map((m) => m.replace(/\d+/g, 'N'))),
      seconds: player.seconds,
      baseline: {
        transitions: bare.transitions,
        heap_growth_mb: round(bare.heapGrowthMb, 3),
        dom_growth_nodes: bare.domGrowthNodes,
        dom_heap_growth_mb: round(bare.domHeapGrowthMb, 3),
        missed_steps: bare.missed,
        seconds: bare.seconds,
      },
      ratio: round(player.heapGrowthMb / Math.max(HEAP_NOISE_MB, bare.heapGrowthMb)),
    }
  } finally {
    await stage.close()
  }
}

const tally = (values: string[]): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1
  return counts
}

async function setUp({ app }: Stage): Promise<void> {
  const media = await seededMedia(app)
  const text = {
    vi: { title: 'Cửa khẩu Chi Ma', body: 'Giờ làm việc: 7:00 – 17:00.' },
    zh: { title: '爱店口岸', body: '工作时间：7:00 – 17:00。' },
    en: { title: 'Chi Ma border gate', body: 'Open 7:00 – 17:00.' },
  }
  const stills = [
    { kind: 'slide', text },
    { kind: 'image', mediaId: media('huu-nghi-gate.jpg') },
    { kind: 'slide', text, display: 'rotating', mediaId: media('ky-lua-market.jpg') },
    { kind: 'image', mediaId: media('ky-lua-market.jpg'), fit: 'cover' },
    { kind: 'slide', text, display: 'rotating' },
    { kind: 'image', mediaId: media('mau-son-mountain.jpg'), fit: 'stretch' },
    { kind: 'slide', text, mediaId: media('mau-son-mountain.jpg') },
  ]
  const run = Array.from({ length: VIDEO_EVERY - 1 }, (_, i) => stills[i % stills.length]!)
  const items = [
    ...run,
    { kind: 'video', mediaId: media('border-clouds.mp4') },
    ...run,
    { kind: 'video', mediaId: media('border-clouds.webm') },
  ].map((item) => ({ ...item, durationMs: ITEM_MS }))
  await post(app, '/api/playlists', { id: SCREEN, name: SCREEN, items })
  publishApproved(app, SCREEN)
  await post(app, '/api/screens', {
    id: SCREEN,
    siteId: 'chi-ma',
    name: SCREEN,
    ...VIEWPORT,
    defaultPlaylistId: SCREEN,
  })
}

interface Reading {
  heapMb: number
  domHeapMb: number
  nodes: number
  elements: number
  listeners: number
}

interface Soaked {
  transitions: number
  missed: number
  readings: Reading[]
  heapGrowthMb: number
  domHeapGrowthMb: number
  domGrowthNodes: number
  elementGrowth: number
  listenerGrowth: number
  connections: number
  /** The player's last 20 reported faults (it keeps no more). */
  errors: string[]
  seconds: number
}

async function soak({ app, browser, base }: Stage, url: string): Promise<Soaked> {
  const media = (await app.inject({ url: '/api/media', headers: adminHeaders(app) })).json() as {
    kind: string
    url: string
  }[]
  const urls = (kind: string) => media.filter((m) => m.kind === kind).map((m) => m.url)
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    await allowNamedFunctions(page)
    await page.route(`${base}/bench/soak-swap.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: SWAP_PAGE(ITEM_MS, VIDEO_EVERY, urls('image'), urls('video')),
      }),
    )
    const connections = await relaySocket(page)
    // Half way between two item boundaries (the playlist's epoch is a whole second), so that
    // each step of ITEM_MS crosses exactly one. The clock runs from install to pause: install
    // it a little earlier, since pausing in its past is refused.
    const start = Math.floor(Date.now() / ITEM_MS) * ITEM_MS + ITEM_MS / 2
    await page.clock.install({ time: start - ITEM_MS / 4 })
    await page.clock.pauseAt(start)
    await page.goto(url)
    await page.waitForSelector(`#stage .zone[data-zone-id="${MAIN_ZONE}"] > .layer.showing[data-item-id]`, {
      state: 'attached',
      timeout: 30_000,
    })
    await page.evaluate(installCounter, MAIN_ZONE)
    const cdp = await context.newCDPSession(page)
    const started = Date.now()
    const step = async (steps: number) =>
      (await page.evaluate(drive, { steps, stepMs: ITEM_MS, timeoutMs: STEP_TIMEOUT_MS })).missed
    const counted = () => page.evaluate(() => (window as unknown as { benchCount: number }).benchCount)

    let missed = await step(WARM_UP)
    const first = await counted()
    const readings = [await read(page, cdp)]
    for (let done = 0; done < TRANSITIONS; done += BATCH) {
      missed += await step(Math.min(BATCH, TRANSITIONS - done))
      readings.push(await read(page, cdp))
    }
    const transitions = (await counted()) - first
    const errors = await page.evaluate(() =>
      ((window as unknown as { gatecast?: { errors: { message: string }[] } }).gatecast?.errors ?? []).map(
        (e) => e.message,
      ),
    )
    const a = readings[0]!
    const z = readings.at(-1)!
    return {
      transitions,
      missed,
      readings,
      heapGrowthMb: z.heapMb - a.heapMb,
      domHeapGrowthMb: z.domHeapMb - a.domHeapMb,
      domGrowthNodes: z.nodes - a.nodes,
      elementGrowth: z.elements - a.elements,
      listenerGrowth: z.listeners - a.listeners,
      connections: connections(),
      errors,
      seconds: Math.round((Date.now() - started) / 1000),
    }
  } finally {
    await context.close()
  }
}

/**
 * Relays the player's socket.io WebSocket to the server unchanged, except the engine.io
 * handshake, whose ping timeout is widened so that fake time racing ahead of the server's
 * real-time pings does not read as a dead link. Returns a count of connections made.
 */
async function relaySocket(page: Page): Promise<() => number> {
  let connections = 0
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer()
    ws.onMessage((message) => server.send(message))
    server.onMessage((message) => {
      if (typeof message !== 'string' || !message.startsWith('0{')) return ws.send(message)
      connections++
      const open = JSON.parse(message.slice(1)) as { pingTimeout: number }
      // Longer than any run's fake time, and within a timer's 2^31 ms.
      open.pingTimeout = 1_000_000_000
      ws.send(`0${JSON.stringify(open)}`)
    })
  })
  return () => connections
}

/** Lets in-flight work settle, forces full collections, then reads the page's heaps and DOM. */
async function read(page: Page, cdp: CDPSession): Promise<Reading> {
  // IndexedDB writes and acknowledgements finish in real time; the fake clock stands still.
  await new Promise((r) => setTimeout(r, 500))
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const heap = await cdp.send('Runtime.getHeapUsage')
  const dom = await cdp.send('Memory.getDOMCounters')
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length)
  return {
    heapMb: heap.usedSize / MB,
    domHeapMb: heap.embedderHeapUsedSize / MB,
    nodes: dom.nodes,
    elements,
    listeners: dom.jsEventListeners,
  }
}

/** Runs in the page: counts commits on the main zone (each sets its `data-item-id` once). */
function installCounter(zoneId: string): void {
  const zone = document.querySelector(`#stage .zone[data-zone-id="${zoneId}"]`)!
  const w = window as unknown as { benchCount: number }
  w.benchCount = 0
  new MutationObserver((records) => {
    w.benchCount += records.length
  }).observe(zone, { attributes: true, attributeFilter: ['data-item-id'] })
}

/** What `page.clock` installs in the page (Playwright's injected clock). */
interface PlaywrightClock {
  controller: { runFor: (ms: number) => Promise<void> }
  builtins: { setTimeout: typeof setTimeout }
}

/**
 * Runs in the page: advances the fake clock `steps` times by `stepMs`, each time waiting (in
 * real time, at most `timeoutMs`) until one more item is committed.
 */
async function drive(args: {
  steps: number
  stepMs: number
  timeoutMs: number
}): Promise<{ missed: number }> {
  const clock = (globalThis as unknown as { __pwClock?: PlaywrightClock }).__pwClock
  if (!clock)
    throw new Error("Playwright's clock (globalThis.__pwClock) is not in the page: page.clock.install first")
  const w = window as unknown as { benchCount: number }
  const zone = document.querySelector('#stage .zone')!
  let missed = 0
  for (let i = 0; i < args.steps; i++) {
    const target = w.benchCount + 1
    await clock.controller.runFor(args.stepMs)
    if (w.benchCount >= target) continue
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (w.benchCount < target) return
        observer.disconnect()
        resolve()
      })
      observer.observe(zone, { attributes: true, attributeFilter: ['data-item-id'] })
      clock.builtins.setTimeout(() => {
        observer.disconnect()
        resolve()
      }, args.timeoutMs)
    })
    if (w.benchCount < target) missed++
  }
  return { missed }
}

/**
 * The baseline: the player's stage structure; at every whole `itemMs` of the (fake) clock, a
 * new hidden layer with a picture (decoded), a block of text or, every `videoEvery`, a video
 * (first frame decoded) is shown by a class change and the previous layer removed; a video is
 * released (`pause`, remove `src`, `load`) before its layer goes.
 */
const SWAP_PAGE = (
  itemMs: number,
  videoEvery: number,
  pictures: string[],
  videos: string[],
) => `<!doctype html>
<html><head><meta charset="utf-8"><style>
html, body { margin: 0; width: 100%; height: 100%; overflow: hidden; background: #000 }
#stage { position: fixed; inset: 0; overflow: hidden; background: #000 }
.zone, .layer { position: absolute; inset: 0; overflow: hidden }
.layer.preparing { visibility: hidden; z-index: 0 }
.layer.showing { z-index: 1 }
img, video { display: block; width: 100%; height: 100% }
section { height: 100%; background: #0f4c5c; color: #fff; font: 48px sans-serif; padding: 5vmin }
</style></head><body><main id="stage"><div class="zone" data-zone-id="main"></div></main><script type="module">
const pictures = ${JSON.stringify(pictures)}
const videos = ${JSON.stringify(videos)}
const zone = document.querySelector('.zone')
let n = 0
async function content(layer) {
  if (n % ${videoEvery} === 0) {
    const video = document.createElement('video')
    video.muted = true
    video.loop = true
    video.src = videos[(n / ${videoEvery}) % videos.length]
    layer.append(video)
    zone.append(layer)
    await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }))
  } else if (n % 2) {
    const img = document.createElement('img')
    img.src = pictures[n % pictures.length]
    layer.append(img)
    zone.append(layer)
    await img.decode().catch(() => undefined)
  } else {
    const text = document.createElement('section')
    text.textContent = 'Cửa khẩu Chi Ma · 爱店口岸 · Chi Ma border gate ' + n
    layer.append(text)
    zone.append(layer)
  }
}
async function swap() {
  n++
  const layer = document.createElement('div')
  layer.className = 'layer preparing'
  layer.dataset.itemId = 'swap-' + n
  await content(layer)
  for (const old of zone.querySelectorAll('.layer.showing')) {
    const video = old.querySelector('video')
    if (video) {
      video.pause()
      video.removeAttribute('src')
      video.load()
    }
    old.remove()
  }
  layer.className = 'layer showing'
  layer.querySelector('video')?.play().catch(() => undefined)
  zone.dataset.itemId = layer.dataset.itemId
  setTimeout(swap, ${itemMs} - (Date.now() % ${itemMs}))
}
swap()
</script></body></html>`
