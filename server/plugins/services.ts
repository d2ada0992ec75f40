import fp from 'fastify-plugin'
import { CONSOLE_NAMESPACE, PLAYER_NAMESPACE, screenRoom } from '../../playlists/events'
import type { Clock } from '../clock'
import { Publisher } from '../publishing/publisher'
import { ScreenStatusService } from '../realtime/status'
import { createRepositories, type Repositories } from '../repositories'

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories
    publisher: Publisher
    clock: Clock
    screenStatus: ScreenStatusService
  }
}

/** Repositories over the database, the publisher that pushes to players' rooms, and screens' presence. */
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
    app.decorate(
      'screenStatus',
      new ScreenStatusService(repos.status, clock, (status) => {
        app.io.of(CONSOLE_NAMESPACE).emit('screen:status', status)
      }),
    )
  },
  { name: 'services', dependencies: ['db', 'realtime'] },
)
