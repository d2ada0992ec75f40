import type { Asset, ScreenDocument } from '@playlists/schemas/document'
import { CACHE_PREFIX, MEDIA_CACHE } from './caches'
import { DocumentSwap } from './document-swap'

/** What tests and the health report read about the player's offline readiness. */
export interface OfflineState {
  /** A service worker controls this page: it will boot and play from the cache. */
  swActive: boolean
  /** Whether the browser granted persistent storage (null: not asked, or not supported). */
  persisted: boolean | null
  /** A document waiting for its assets while the previous one keeps playing. */
  pendingVersion: number | null
  /** Why the pending document's assets could not be fetched, until one is applied. */
  lastAssetError: string | null
}

/** Where the page keeps each screen's last applied document, to boot from (one key per screen). */
export const DOCUMENT_KEY_PREFIX = 'gatecast:document:'

/**
 * Files up to this size are checked against their SHA-256 after download. WebCrypto cannot hash
 * a stream, so checking a file means holding all of it in memory at once; a 500 MB video on a
 * screen PC with little RAM could take the renderer down. Larger files are checked by length
 * only (a truncated download is the failure that happens; a corrupted one is caught by TCP and
 * TLS, and served under a hash the server computed itself).
 */
export const HASH_BYTES_MAX = 64 * 1024 * 1024

/** Downloads at once: enough to fill a gate's uplink, few enough to leave room for the socket. */
export const DOWNLOADS_AT_ONCE = 3

/** A download that receives nothing for this long is abandoned (and retried with the document). */
export const DOWNLOAD_STALL_MS = 30_000

/**
 * The page's side of offline playback: registers the service worker (player/sw.ts), asks for
 * persistent storage, downloads a document's assets into the media cache before the document
 * is applied, and drops files no document in use needs.
 *
 * Without Cache Storage (an insecure context: plain HTTP on anything but localhost) or a
 * service worker, the player still works online: assets are prefetched into the HTTP cache
 * (media are served immutable), so the swap still waits for them, but nothing survives a
 * restart with the server down.
 */
export class Offline {
  readonly state: OfflineState = {
    swActive: false,
    persisted: null,
    pendingVersion: null,
    lastAssetError: null,
  }
  /** In-flight downloads by URL, shared by every document that needs the file. */
  private readonly downloads = new Map<string, Promise<void>>()

  /** Registers the worker and asks for persistence; call early, before anything else loads. */
  start(): void {
    const container = navigator.serviceWorker as ServiceWorkerContainer | undefined
    if (container) {
      const update = () => {
        this.state.swActive = container.controller !== null
      }
      container.addEventListener('controllerchange', update)
      update()
    } else {
      console.warn('gatecast: no service worker (needs HTTPS or localhost); the player works online only')
    }
    void this.register()
    void this.persist()
  }

  /** Applies documents only once `prepareAssets` has them; see DocumentSwap. */
  documents(apply: (document: ScreenDocument) => void): DocumentSwap {
    const swap: DocumentSwap = new DocumentSwap({
      prepare: (document) => this.prepareAssets(document),
      apply,
      applied: (document) => {
        // A worker whose install failed (the server went away mid-download) is tried again:
        // a kiosk page may run for months without the reload that would otherwise retry it.
        if (!this.state.swActive) void this.register()
        const inUse = () => [document, swap.pendingDocument].filter((d) => d !== null)
        void this.pruneMedia(inUse).catch((error) =>
          console.warn('gatecast: could not prune the media cache', error),
        )
      },
      report: (pendingVersion, error) => {
        this.state.pendingVersion = pendingVersion
        this.state.lastAssetError = error
      },
    })
    return swap
  }

  /**
   * Resolves once every asset of `document` is in the media cache (downloading what is missing,
   * DOWNLOADS_AT_ONCE at a time, each checked for length and, up to HASH_BYTES_MAX, SHA-256);
   * rejects if any could not be fetched, after the others have finished.
   */
  async prepareAssets(document: ScreenDocument): Promise<void> {
    const cache = await openMediaCache()
    const failures: string[] = []
    const queue = [...document.assets]
    const run = async () => {
      for (let asset = queue.shift(); asset; asset = queue.shift()) {
        await this.ensure(asset, cache).catch((error: unknown) => {
          failures.push(error instanceof Error ? error.message : String(error))
        })
      }
    }
    await Promise.all(Array.from({ length: Math.min(DOWNLOADS_AT_ONCE, queue.length) }, run))
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${document.assets.length} assets failed: ${failures.join('; ')}`)
    }
  }

  /**
   * Fills in whatever the cache lacks for a document already playing (after a boot from the
   * saved document: storage evicted, or a player upgraded from one without a cache).
   */
  repair(document: ScreenDocument): void {
    void this.prepareAssets(document).catch((error) =>
      console.warn('gatecast: some assets of the current document are not cached', error),
    )
  }

  /**
   * Deletes cached media that neither the documents `inUse` returns (asked again before each
   * deletion: a document may arrive meanwhile and find its files cached) nor any screen's saved
   * document needs, nor a download in flight.
   */
  async pruneMedia(inUse: () => readonly ScreenDocument[]): Promise<void> {
    const cache = await openMediaCache()
    if (!cache) return
    const wanted = () => {
      const urls = new Set(this.downloads.keys())
      for (const document of [...inUse(), ...savedDocuments()]) {
        for (const asset of document.assets) urls.add(absolute(asset.url))
      }
      return urls
    }
    let keep = wanted()
    for (const request of await cache.keys()) {
      if (keep.has(request.url)) continue
      keep = wanted()
      if (!keep.has(request.url)) await cache.delete(request)
    }
  }

  /**
   * Drops every Gatecast cache and the service worker, so that the next load installs the worker
   * afresh and downloads everything again (the operator's "clear cache and re-download"). Deleting
   * the caches alone would leave the worker running without its precached shell and fonts.
   */
  async clearAll(): Promise<void> {
    if (typeof caches !== 'undefined') {
      for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX)) await caches.delete(name)
    }
    const registration = await navigator.serviceWorker?.getRegistration('./')
    await registration?.unregister()
  }

  private ensure(asset: Asset, cache: Cache | null): Promise<void> {
    const url = absolute(asset.url)
    let download = this.downloads.get(url)
    if (!download) {
      download = (async () => {
        if (cache && (await cache.match(url))) return
        await downloadAsset(url, asset, cache)
      })().finally(() => this.downloads.delete(url))
      this.downloads.set(url, download)
    }
    return download
  }

  private async register(): Promise<void> {
    // Undefined outside a secure context (plain HTTP on anything but localhost).
    const container = navigator.serviceWorker as ServiceWorkerContainer | undefined
    if (!container) return
    try {
      // `updateViaCache: 'none'`: every update check asks the server for sw.js, so a new build's
      // worker is found at the next check whatever HTTP caches sit in between.
      await container.register('./sw.js', { scope: './', updateViaCache: 'none' })
    } catch (error) {
      console.warn(
        'gatecast: the service worker could not be registered; the player works online only',
        error,
      )
    }
  }

  private async persist(): Promise<void> {
    const storage = navigator.storage as StorageManager | undefined
    if (!storage?.persist) return
    try {
      // Without persistence the browser may evict the caches under storage pressure; with it,
      // only the user can. Chromium decides by itself (no prompt), from how the site is used.
      this.state.persisted = (await storage.persisted()) || (await storage.persist())
    } catch {
      this.state.persisted = null
    }
  }
}

async function openMediaCache(): Promise<Cache | null> {
  // `caches` is undefined outside a secure context.
  if (typeof caches === 'undefined') return null
  try {
    return await caches.open(MEDIA_CACHE)
  } catch {
    return null
  }
}

/**
 * Downloads `url` whole, checks it against `asset`, and puts it in `cache`. Without a cache it
 * only checks it, leaving it in the HTTP cache. Rejects on an error status, a stall, a wrong
 * length or a wrong hash.
 */
async function downloadAsset(url: string, asset: Asset, cache: Cache | null): Promise<void> {
  const controller = new AbortController()
  let timer = setTimeout(() => controller.abort(), DOWNLOAD_STALL_MS)
  const alive = () => {
    clearTimeout(timer)
    timer = setTimeout(() => controller.abort(), DOWNLOAD_STALL_MS)
  }
  try {
    // `no-store` when the file goes into Cache Storage: a second copy in the HTTP cache would
    // only double the disk a screen's videos take.
    const response = await fetch(url, { cache: cache ? 'no-store' : 'default', signal: controller.signal })
    if (response.status !== 200 || !response.body) throw new Error(`${asset.url}: HTTP ${response.status}`)
    const watched = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          alive()
          out.enqueue(chunk)
        },
      }),
    )
    const blob = await new Response(watched).blob()
    if (blob.size !== asset.bytes) {
      throw new Error(`${asset.url}: received ${blob.size} bytes, expected ${asset.bytes}`)
    }
    // crypto.subtle too exists only in a secure context.
    if (blob.size <= HASH_BYTES_MAX && globalThis.crypto?.subtle) {
      const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
      const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
      if (hex !== asset.sha256) throw new Error(`${asset.url}: content does not match its SHA-256`)
    }
    if (cache) {
      await cache.put(
        url,
        new Response(blob, {
          headers: {
            'Content-Type': asset.contentType,
            'Content-Length': String(blob.size),
            'Accept-Ranges': 'bytes',
          },
        }),
      )
    }
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`${asset.url}: no data for ${DOWNLOAD_STALL_MS / 1000} s`)
    if (error instanceof TypeError) throw new Error(`${asset.url}: ${error.message}`)
    throw error
  } finally {
    clearTimeout(timer)
  }
}

const absolute = (url: string) => new URL(url, location.href).href

/** Every screen's saved document on this origin (a PC may drive more than one screen). */
function savedDocuments(): ScreenDocument[] {
  const documents: ScreenDocument[] = []
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (!key?.startsWith(DOCUMENT_KEY_PREFIX)) continue
      const document = JSON.parse(localStorage.getItem(key) ?? 'null') as ScreenDocument | null
      if (Array.isArray(document?.assets)) documents.push(document)
    }
  } catch {
    // Storage disabled: only the documents in use are kept.
  }
  return documents
}
