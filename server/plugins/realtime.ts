import fp from 'fastify-plugin'
import { Server } from 'socket.io'

declare module 'fastify' {
  interface FastifyInstance {
    io: Server
  }
}

/** Payloads bigger than a large document are not something a player or console sends. */
export const SOCKET_MAX_PAYLOAD_BYTES = 1_000_000

/**
 * socket.io attached to Fastify's HTTP server (it shares the port). Namespaces and their
 * handlers are registered by the realtime modules; this plugin owns only the server's lifetime.
 */
export const realtimePlugin = fp(
  async (app) => {
    const io = new Server(app.server, {
      serveClient: false,
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD_BYTES,
      // Screens sit behind flaky links: notice a dead peer within ~45 s rather than minutes.
      pingInterval: 20_000,
      pingTimeout: 25_000,
    })
    app.decorate('io', io)
    app.addHook('preClose', async () => {
      io.local.disconnectSockets(true)
    })
    app.addHook('onClose', async () => {
      await new Promise<void>((resolve) => {
        io.close(() => resolve())
      })
    })
  },
  { name: 'realtime' },
)
