import fp from 'fastify-plugin'
import { CONSOLE_NAMESPACE, PLAYER_NAMESPACE, screenRoom } from '../../playlists/events'
import type { ScreenDocument } from '../../playlists/schemas/document'
import { ApprovalService } from '../approvals/service'
import type { Clock } from '../clock'
import { Publisher } from '../publishing/publisher'
import { rawJson } from '../realtime/raw-json'
import { ScreenStatusService } from '../realtime/status'
import { createRepositories, type Repositories } from '../repositories'

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories
    publisher: Publisher
    approvals: ApprovalService
    clock: Clock
    screenStatus: ScreenStatusService
  }
}

/** Repositories over the database, the publisher that pushes to players' rooms, and screens' presence. */
export const servicesPlugin = fp<{ clock: Clock; primary: boolean }>(
  async (app, { clock, primary }) => {
    const repos = createRepositories(app.db, clock)
    app.decorate('clock', clock)
    app.decorate('repos', repos)
    app.decorate(
      'publisher',
      new Publisher(app.db, repos, clock, (document) => {
        const room = screenRoom(document.screenId)
        const players = app.io.of(PLAYER_NAMESPACE)
        // Sent as the JSON stored a moment ago: serialised once, however many players.
        players.to(room).emit('document', rawJson(document.json) as unknown as ScreenDocument)
        app.metrics.documentsPublished.inc()
        app.metrics.documentsPushed.inc(players.adapter.rooms.get(room)?.size ?? 0)
      }),
    )
    app.decorate('approvals', new ApprovalService(app.db, repos, app.publisher, clock))
    app.decorate(
      'screenStatus',
      new ScreenStatusService(
        repos.status,
        clock,
        (status) => {
          app.io.of(CONSOLE_NAMESPACE).emit('screen:status', status)
        },
        primary,
      ),
    )
  },
  { name: 'services', dependencies: ['db', 'realtime', 'metrics'] },
)
