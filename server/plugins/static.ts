import { existsSync, readFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/** For files whose URL changes whenever their content does. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/**
 * The icon's URL never changes, so it cannot be immutable; a day spares every page load a
 * revalidation while a new icon still shows by the next day.
 */
const ICON = 'public, max-age=86400'
const FAVICON = 'favicon.svg'

/**
 * The bundled player at `/player/`, the console at `/console/` and media files at `/media/`.
 * Media names are content hashes, so they are cached forever; the player's HTML must always be
 * revalidated so that a new build reaches screens. The player's fonts sit under a folder named for
 * their package version (`fonts/noto-sans-5.3.0/…`), so they too are cached forever.
 */
export async function registerStatic(
  app: FastifyInstance,
  dirs: { player: string; console: string; media: string },
  /**
   * Called before a media file is served: with a shared store, fetches a file the folder lacks
   * (MediaStore.ensure); the file is then served from the folder like any other.
   */
  ensureMedia?: (name: string) => Promise<boolean>,
): Promise<void> {
  if (existsSync(dirs.player)) {
    const fonts = join(dirs.player, 'fonts') + sep
    await app.register(fastifyStatic, {
      root: dirs.player,
      prefix: '/player/',
      cacheControl: false,
      setHeaders: (reply, path) =>
        reply.header('Cache-Control', path.startsWith(fonts) ? IMMUTABLE : 'no-cache'),
    })
  } else {
    app.log.warn({ dir: dirs.player }, 'player bundle missing: run `npm run build`')
  }
  if (existsSync(dirs.console)) {
    // Small and rebuilt with the server: always revalidated, so a new build shows at once.
    await app.register(fastifyStatic, {
      root: dirs.console,
      prefix: '/console/',
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('Cache-Control', path.endsWith(FAVICON) ? ICON : 'no-cache'),
    })
    // Browsers ask for /favicon.ico on pages that name no icon (the API docs, a JSON answer).
    const icon = join(dirs.console, FAVICON)
    if (existsSync(icon)) {
      const bytes = readFileSync(icon)
      app.get('/favicon.ico', async (_req, reply) =>
        reply.type('image/svg+xml').header('Cache-Control', ICON).send(bytes),
      )
    }
  } else {
    app.log.warn({ dir: dirs.console }, 'console bundle missing: run `npm run build`')
  }
  await app.register(async (media) => {
    if (ensureMedia) {
      media.addHook('onRequest', async (request) => {
        const path = request.url.split('?')[0] ?? ''
        if (!path.startsWith('/media/')) return
        let name: string
        try {
          name = decodeURIComponent(path.slice('/media/'.length))
        } catch {
          return // not a name the store could hold; the static handler answers it
        }
        await ensureMedia(name)
      })
    }
    await media.register(fastifyStatic, {
      root: dirs.media,
      prefix: '/media/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
      // Partial uploads live in a dot-folder; never serve them.
      dotfiles: 'deny',
    })
  })
  app.get('/', async (_req, reply) => reply.redirect('/console/'))
}
