import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/**
 * The bundled player at `/player/` and media files at `/media/`.
 * Media names are content hashes, so they are cached forever; the player's HTML must always be
 * revalidated so that a new build reaches screens.
 */
export async function registerStatic(
  app: FastifyInstance,
  dirs: { player: string; media: string },
): Promise<void> {
  if (existsSync(dirs.player)) {
    await app.register(fastifyStatic, {
      root: dirs.player,
      prefix: '/player/',
      cacheControl: false,
      setHeaders: (reply) => reply.header('Cache-Control', 'no-cache'),
    })
  } else {
    app.log.warn({ dir: dirs.player }, 'player bundle missing: run `npm run build`')
  }
  await app.register(fastifyStatic, {
    root: dirs.media,
    prefix: '/media/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    // Partial uploads live in a dot-folder; never serve them.
    dotfiles: 'deny',
  })
  app.get('/', async (_req, reply) => reply.redirect('/docs'))
}
