import fp from 'fastify-plugin'
import { PLAYER_NAMESPACE, screenRoom } from '../../playlists/events'
import type { Clock } from '../clock'
import { Publisher } from '../publishing/publisher'
import { createRepositories, type Repositories } from '../repositories'

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories
    publisher: Publisher
    clock: Clock
  }
}

/** Repositories over the database and the publisher that pushes to players' rooms. */
export const servicesPlugin = fp<{ clock: Clock }>(
  async (app, { clock }) => {
    const repos = createRepositories(app.db, clock)
    app.decorate('clock', clock)
    app.decorate('repos', repos)
    app.decorate(
      'publisher',
      new Publisher(app.db, repos, clock, (document) => {
        app.io.of(PLAYER_NAMESPACE).to(screenRoom(document.screenId)).emit('document', document)
      }),
    )
  },
  { name: 'services', dependencies: ['db', 'realtime'] },
)
