/**
 * Cache Storage names, shared by the service worker (player/sw.ts) and the page (offline.ts):
 * both run on the same origin and so open the same caches.
 */

/** Every cache Gatecast owns starts with this; the worker deletes the ones it no longer uses. */
export const CACHE_PREFIX = 'gatecast-'

/**
 * Media files, keyed by absolute URL. Written only by the page, after a download's length and
 * hash check; read by the worker. Names are content hashes, so an entry never goes stale.
 */
export const MEDIA_CACHE = `${CACHE_PREFIX}media-v1`

/** The bundled font files: their paths carry the package version, so they never go stale either. */
export const FONTS_CACHE = `${CACHE_PREFIX}fonts-v1`

/** The player shell (page, script, styles, font list); each build gets `<prefix><content hash>`. */
export const SHELL_CACHE_PREFIX = `${CACHE_PREFIX}shell-`

/** Media files the worker serves from MEDIA_CACHE: `/media/<sha256>.<ext>` (thumbnails are not). */
export const MEDIA_PATH = /^\/media\/[0-9a-f]{64}\.[a-z0-9]+$/
