import { createAdapter } from '@socket.io/redis-streams-adapter'
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import { Server } from 'socket.io'
import type { RequestBudget } from '../auth/request-budget'
import { listenToCluster } from '../realtime/cluster'
import { checkSocketInternals, type SocketLibraries } from '../realtime/internals'
import { messageBudget } from '../realtime/message-budget'
import { gatecastParser, sharedTailAdapter } from '../realtime/raw-json'

declare module 'fastify' {
  interface FastifyInstance {
    io: Server
    /** What each socket may still send this minute; null when unlimited (server/realtime/message-budget.ts). */
    socketMessages: RequestBudget | null
  }
}

/** Payloads bigger than a large document are not something a player or console sends. */
export const SOCKET_MAX_PAYLOAD_BYTES = 1_000_000

/**
 * Screens sit behind flaky links: notice a dead peer within ~45 s rather than minutes. The
 * interval is also how long a polling player's request waits with nothing to say, which the
 * server's idle timeout must outlast (connections/limits.ts).
 */
export const SOCKET_PING_INTERVAL_MS = 20_000
const SOCKET_PING_TIMEOUT_MS = 25_000

/** How long a start waits for Redis before giving up with a message. */
export const REDIS_CONNECT_TIMEOUT_MS = 10_000

export class RedisUnavailable extends Error {
  override name = 'RedisUnavailable'
}

/** A connected Redis client, or a start refused with a message that names the address. */
async function connectRedis(url: string, log: { warn: (o: object, m: string) => void }): Promise<Redis> {
  let connected = false
  const client = new Redis(url, {
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    lazyConnect: true,
    // Commands wait for a reconnection instead of failing after a few tries: a broadcast made
    // while Redis restarts goes out once it is back.
    maxRetriesPerRequest: null,
    // A first connection that fails ends the start with a message. After that, reconnect for
    // ever with a capped delay: Redis restarting must not end the server; players on other nodes
    // just miss broadcasts meanwhile (they re-check their version on every heartbeat).
    retryStrategy: (times) => (connected ? Math.min(200 * 2 ** times, 5_000) : null),
  })
  client.on('error', (error: Error) => {
    if (connected) log.warn({ err: error }, 'redis connection error (retrying)')
  })
  try {
    await client.connect()
  } catch (error) {
    client.disconnect()
    throw new RedisUnavailable(`cannot reach Redis at ${url} (REDIS_URL): ${(error as Error).message}`)
  }
  connected = true
  return client
}

/**
 * socket.io attached to Fastify's HTTP server (it shares the port). Namespaces and their
 * handlers are registered by the realtime modules; this plugin owns only the server's lifetime.
 * With `redisUrl`, broadcasts reach the sockets of every node through Redis Streams
 * (@socket.io/redis-streams-adapter), so a publish on one node reaches a player on another.
 */
export const realtimePlugin = fp<{
  redisUrl?: string
  messagesPerMinute: number
  /** The libraries whose internals are checked before anything starts; tests pass stand-ins. */
  socketLibraries?: SocketLibraries
}>(
  async (app, { redisUrl, messagesPerMinute, socketLibraries }) => {
    checkSocketInternals(socketLibraries)
    let closing = false
    const redis = redisUrl ? await connectRedis(redisUrl, app.log) : null
    const io = new Server(app.server, {
      // Broadcasts write a programme's bytes encoded once to every screen (raw-json.ts).
      adapter: sharedTailAdapter(redis ? createAdapter(redis) : undefined),
      parser: gatecastParser,
      serveClient: false,
      // While closing, refuse new connections: a player that reconnects in the instant between
      // disconnect and close would otherwise hold the server open until its ping times out.
      allowRequest: (_req, callback) => callback(closing ? 'server is shutting down' : null, !closing),
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD_BYTES,
      pingInterval: SOCKET_PING_INTERVAL_MS,
      pingTimeout: SOCKET_PING_TIMEOUT_MS,
    })
    app.decorate('io', io)
    app.decorate('socketMessages', messageBudget(messagesPerMinute))
    if (redis) listenToCluster(app)
    app.addHook('preClose', async () => {
      closing = true
      io.local.disconnectSockets(true)
      io.engine.close()
    })
    app.addHook('onClose', async () => {
      await new Promise<void>((resolve) => {
        io.close(() => resolve())
      })
      await redis?.quit().catch(() => redis.disconnect())
    })
  },
  { name: 'realtime' },
)
