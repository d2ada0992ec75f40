import fp from 'fastify-plugin'
import { CapService } from './service'

declare module 'fastify' {
  interface FastifyInstance {
    /** Official alerts (CAP 1.2) from their sources to emergency messages. */
    cap: CapService
  }
}

export const capPlugin = fp(
  async (app) => {
    app.decorate('cap', new CapService(app))
  },
  { name: 'cap', dependencies: ['services', 'outbound', 'auth'] },
)
