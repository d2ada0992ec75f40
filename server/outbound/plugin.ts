import fp from 'fastify-plugin'
import { Outbound, type OutboundOptions } from './request'

declare module 'fastify' {
  interface FastifyInstance {
    /** The only way the server makes requests to addresses someone typed (server/outbound/request.ts). */
    outbound: Outbound
  }
}

export const outboundPlugin = fp<OutboundOptions>(
  async (app, options) => {
    app.decorate('outbound', new Outbound(options))
  },
  { name: 'outbound' },
)
