/**
 * How long a client may take over each part of an exchange, and how many connections one address
 * may hold. Issue 16: 19,600 anonymous connections trickling their headers or bodies (one byte
 * every 10 s) held the server near its file-descriptor limit for minutes, and an upload sending
 * one byte every 20 s slipped under the 30 s stall cut and kept its temporary file.
 */
export interface ConnectionLimits {
  /** A request's headers must be whole this long after the connection opened or the previous answer. */
  headersTimeoutMs: number
  /**
   * A request body must arrive within `bodyTimeBaseMs` plus its size at `bodyMinBytesPerSecond`
   * (connections/body-pace.ts): a 1 MB form and a 500 MB video each get the time they need at
   * the slowest pace worth serving, a trickle is cut after the base allowance.
   */
  bodyTimeBaseMs: number
  bodyMinBytesPerSecond: number
  /** A connection that sends and receives nothing this long while a request is under way is closed. */
  idleTimeoutMs: number
  /** A connection between requests is closed after this long. */
  keepAliveTimeoutMs: number
  /** Connections one address may hold open at once; 0: no cap. */
  perAddress: number
  /**
   * Of those, connections that have not yet sent a whole request nor proved a credential:
   * what a slow-headers attack is made of; 0: no cap.
   */
  anonymousPerAddress: number
}

/**
 * Headers are under a kilobyte and come in one packet right after the connection opens; 20 s
 * covers a congested mobile link. Node's own default is 60 s.
 */
export const HEADERS_TIMEOUT_MS = 20_000

/** The same allowance as the stall cut (UPLOAD_STALL_MS): a body may be as slow to start as to resume. */
export const BODY_TIME_BASE_MS = 30_000

/**
 * 32 KiB/s is a 256 kbit/s uplink, below a poor 3G connection: a 512 MB video then gets 4.6 h.
 * A client must spend real bandwidth to hold a connection, not one byte every few seconds.
 */
export const BODY_MIN_BYTES_PER_SECOND = 32 * 1024

/**
 * Longer than socket.io holds a long-poll open with nothing to say (its ping interval, 20 s),
 * and than the upload stall cut (30 s), whose 408 explains itself where a closed connection
 * would not.
 */
export const IDLE_TIMEOUT_MS = 60_000

/**
 * Fastify's own default: longer than the 60 s idle of common load balancers and of the TLS
 * proxy's upstream connections (deploy/Caddyfile), which must give up an idle
 * connection before the server closes it, or a request sent into the closing one fails with 502.
 * Longer, too, than a polling player's 20 s between two requests.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 72_000

/**
 * A gate's screens and consoles share one NAT address: a hundred screens, each with a websocket
 * and up to six connections of its browser while it loads a document's media, stay under this
 * (a larger site raises CONNECTIONS_PER_ADDRESS). One address cannot take more than a small part
 * of the file descriptors.
 */
export const CONNECTIONS_PER_ADDRESS = 1_000

/**
 * A real client's connection is anonymous only for the milliseconds before its first request is
 * whole, so even screens restarting together after a power cut seldom have more than a few
 * dozen so at once. A slow-headers attack from one address is held to this many connections,
 * each for at most HEADERS_TIMEOUT_MS.
 */
export const ANONYMOUS_CONNECTIONS_PER_ADDRESS = 128

export const CONNECTION_LIMITS: Readonly<ConnectionLimits> = {
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  bodyTimeBaseMs: BODY_TIME_BASE_MS,
  bodyMinBytesPerSecond: BODY_MIN_BYTES_PER_SECOND,
  idleTimeoutMs: IDLE_TIMEOUT_MS,
  keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
  perAddress: CONNECTIONS_PER_ADDRESS,
  anonymousPerAddress: ANONYMOUS_CONNECTIONS_PER_ADDRESS,
}

/** The longest a body of `bytes` may take to arrive. */
export function bodyTimeMs(limits: ConnectionLimits, bytes: number): number {
  return limits.bodyTimeBaseMs + Math.ceil((bytes * 1000) / limits.bodyMinBytesPerSecond)
}

/**
 * A multipart upload is its file plus boundaries and up to ten small text fields
 * (routes/media.ts): a megabyte is far more than they take.
 */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024

/**
 * Node checks its header and request deadlines on a timer, every 30 s by default: a 20 s
 * deadline could run to 50 s. Once a second costs a walk over the connections still receiving.
 */
const DEADLINE_CHECK_INTERVAL_MS = 1_000

/**
 * The HTTP server's own timeouts, as Fastify's options. The body pace (body-pace.ts) cuts a slow
 * request; Node's `requestTimeout` is the backstop behind it, set to the longest any request
 * may take (headers, then the largest upload at the slowest pace), so it never cuts first.
 */
export function serverTimeouts(limits: ConnectionLimits, maxUploadBytes: number) {
  const requestTimeout =
    limits.headersTimeoutMs + bodyTimeMs(limits, maxUploadBytes + MULTIPART_OVERHEAD_BYTES)
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout,
      // Tests shorten the deadlines to fractions of a second: check a few times within one.
      connectionsCheckingInterval: Math.max(
        1,
        Math.min(DEADLINE_CHECK_INTERVAL_MS, Math.floor(limits.headersTimeoutMs / 4)),
      ),
    },
  }
}
