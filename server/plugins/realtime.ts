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
    let closing = false
    const io = new Server(app.server, {
      serveClient: false,
      // While closing, refuse new connections: a player that reconnects in the instant between
      // disconnect and close would otherwise hold the server open until its ping times out.
      allowRequest: (_req, callback) => callback(closing ? 'server is shutting down' : null, !closing),
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD_BYTES,
      // Screens sit behind flaky links: notice a dead peer within ~45 s rather than minutes.
      pingInterval: 20_000,
      pingTimeout: 25_000,
    })
    app.decorate('io', io)
    app.addHook('preClose', async () => {
      closing = true
      io.local.disconnectSockets(true)
      io.engine.close()
    })
    app.addHook('onClose', async () => {
      await new Promise<void>((resolve) => {
        io.close(() => resolve())
      })
    })
  },
  { name: 'realtime' },
)
