import { CONSOLE_NAMESPACE } from '@playlists/events'
import fp from 'fastify-plugin'
import { type FeedOptions, FeedService } from './service'

declare module 'fastify' {
  interface FastifyInstance {
    feeds: FeedService
  }
}

/** The feed service, telling the consoles of each source's state; its fetches end when the app closes. */
export const feedsPlugin = fp<FeedOptions>(
  async (app, options) => {
    const service = new FeedService(
      app.repos,
      app.outbound,
      app.mediaStore,
      app.publisher,
      app.log,
      (source) => {
        app.io.of(CONSOLE_NAMESPACE).emit('feed:source', source)
      },
      options,
    )
    app.decorate('feeds', service)
    app.addHook('onClose', async () => {
      await service.close()
    })
  },
  { name: 'feeds', dependencies: ['services', 'outbound'] },
)
