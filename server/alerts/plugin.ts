import { CONSOLE_NAMESPACE } from '@playlists/events'
import fp from 'fastify-plugin'
import { type AlertOptions, AlertService } from './service'

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertService
  }
}

/** The alert service, pushing incident changes to the consoles; its requests end when the app closes. */
export const alertsPlugin = fp<AlertOptions>(
  async (app, options) => {
    const service = new AlertService(
      app.db,
      app.repos,
      app.log,
      (incident) => {
        app.io.of(CONSOLE_NAMESPACE).emit('alert:incident', incident)
      },
      app.outbound,
      options,
    )
    app.decorate('alerts', service)
    app.addHook('onClose', async () => {
      await service.close()
    })
  },
  { name: 'alerts', dependencies: ['services', 'outbound'] },
)
