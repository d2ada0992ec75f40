/**
 * The player's service worker, served from /player/sw.js with scope /player/. It lets a screen
 * boot and play with the server gone:
 *
 * - the shell (the page for any /player/ navigation, player.js, player.css, fonts.css,
 *   fonts.json): network first, so a new build reaches screens at once, falling back to the
 *   cache when the server does not answer within SHELL_NETWORK_TIMEOUT_MS or answers with an
 *   error (behind a TLS proxy a stopped server is a 502, not a refused connection). Precached on
 *   install into a cache named for the build, so an upgrade replaces it whole;
 * - font files and /media/<sha256>.<ext>: cache first, since their URLs change with their
 *   content. Fonts are all precached on install (a Chinese slide must render offline, and which
 *   of the ~100 unicode-range chunks it needs depends on its text); media are put in the cache
 *   by the page before it applies a document (offline.ts), and served with Range support;
 * - everything else (/socket.io, /api, thumbnails, source maps): not touched, never cached.
 */
import { rangeResponse } from './src/byte-range'
import { CACHE_PREFIX, FONTS_CACHE, MEDIA_CACHE, MEDIA_PATH, SHELL_CACHE_PREFIX } from './src/caches'

/** A hash of the shell files, set by scripts/build.mjs: a new build is a new worker and cache. */
declare const SHELL_VERSION: string

// lib.dom has no service-worker scope, and lib.webworker clashes with lib.dom in one program:
// the few members used here, typed by hand.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(response: Response | Promise<Response>): void
}
interface WorkerScope {
  readonly registration: ServiceWorkerRegistration
  readonly clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
}
const worker = self as unknown as WorkerScope

/**
 * How long the shell waits for the server before using its cached copy. A stopped server
 * refuses at once; this covers a link that hangs (a gate's uplink dropping packets), which would
 * otherwise leave a rebooted screen blank until the browser gives up, minutes later.
 */
const SHELL_NETWORK_TIMEOUT_MS = 3_000

const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${SHELL_VERSION}`
const SCOPE = new URL(worker.registration.scope)
const at = (path: string) => new URL(path, SCOPE).href
/** The page is cached once, under the scope's URL, whatever query string it was opened with. */
const PAGE = at('./')
const SHELL = new Map<string, string>([
  [PAGE, PAGE],
  [at('index.html'), PAGE],
  ...['player.js', 'player.css', 'fonts.css', 'fonts.json'].map((f) => [at(f), at(f)] as [string, string]),
])
const FONTS_DIR = at('fonts/')

interface FontManifest {
  files: { url: string; bytes: number }[]
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE)
      // `reload`: straight from the server, not from an HTTP cache that may hold the last build.
      await shell.addAll([...new Set(SHELL.values())].map((url) => new Request(url, { cache: 'reload' })))
      const fonts = await caches.open(FONTS_CACHE)
      const missing: string[] = []
      for (const url of await fontUrls(shell)) if (!(await fonts.match(url))) missing.push(url)
      await fonts.addAll(missing)
      // The new worker takes over at once: its strategies serve any older page just as well.
      await worker.skipWaiting()
    })(),
  )
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, FONTS_CACHE, MEDIA_CACHE])
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && !keep.has(name)) await caches.delete(name)
      }
      // Font files of a package version this build no longer uses.
      const shell = await caches.open(SHELL_CACHE)
      const wanted = new Set(await fontUrls(shell))
      const fonts = await caches.open(FONTS_CACHE)
      for (const request of await fonts.keys()) if (!wanted.has(request.url)) await fonts.delete(request)
      // Control the page that registered this worker too, not only the next one.
      await worker.clients.claim()
    })(),
  )
})

worker.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== SCOPE.origin) return
  const href = url.origin + url.pathname
  if (MEDIA_PATH.test(url.pathname)) {
    event.respondWith(fromMediaCache(request, href))
  } else if (href.startsWith(FONTS_DIR)) {
    event.respondWith(cacheFirst(request, href, FONTS_CACHE))
  } else if (request.mode === 'navigate' ? href === PAGE || href === at('index.html') : SHELL.has(href)) {
    event.respondWith(networkFirst(request, SHELL.get(href)!))
  }
  // Anything else goes to the network untouched: /socket.io, /api, thumbnails, source maps.
})

async function fontUrls(shell: Cache): Promise<string[]> {
  const manifest = await shell.match(at('fonts.json'))
  if (!manifest) return []
  return ((await manifest.json()) as FontManifest).files.map((f) => at(f.url))
}

/** A media file from the cache, Range requests answered from it; the network if not cached. */
async function fromMediaCache(request: Request, href: string): Promise<Response> {
  const cached = await (await caches.open(MEDIA_CACHE)).match(href)
  if (!cached) return fetch(request)
  const range = request.headers.get('Range')
  return range ? rangeResponse(cached, range) : cached
}

async function cacheFirst(request: Request, href: string, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName)
  const cached = await cache.match(href)
  if (cached) return cached
  const response = await fetch(request)
  if (cacheable(response)) await cache.put(href, response.clone())
  return response
}

async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE)
  const network = fetch(request).then(async (response) => {
    if (cacheable(response)) await cache.put(key, response.clone())
    return response
  })
  // Settled later or never used: never an unhandled rejection.
  network.catch(() => undefined)
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), SHELL_NETWORK_TIMEOUT_MS)
  })
  const first = await Promise.race([network, timeout]).catch(() => null)
  clearTimeout(timer)
  if (first && (first.ok || first.type === 'opaqueredirect')) return first
  // No answer, a refused connection or an error status: the cached copy if there is one.
  const cached = await cache.match(key)
  if (cached) return cached
  return first ?? network
}

/** A complete, same-origin answer: not an error, a redirect or a partial response. */
function cacheable(response: Response): boolean {
  return response.status === 200 && response.type === 'basic' && !response.redirected
}
