import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { OutboundPolicy, OutboundRefused, type ResolvedAddress, type Resolver } from './policy'

/**
 * Every request the server makes to an address someone typed (webhooks today; feeds and alert
 * sources later) goes through `Outbound.request`, and none through fetch or http.request
 * directly: it is the one place that decides where the server may reach (policy.ts).
 *
 * The host is resolved here and every address checked; the connection is then made to those
 * checked addresses only (a `lookup` that answers with them), so a name that resolves to a
 * public address for the check and to 127.0.0.1 for the connection (DNS rebinding) reaches
 * nothing. Redirects are followed here, hop by hop, each hop checked the same way.
 */

/** A request that has not finished in this long fails, redirects and slow bodies included. */
export const OUTBOUND_TIMEOUT_MS = 10_000
/** Redirects followed before giving up: real services move once or twice, a loop never ends. */
export const OUTBOUND_REDIRECTS_MAX = 5
/** Bytes of an answer read before the connection is closed: a feed is kilobytes, not a disk. */
export const OUTBOUND_RESPONSE_BYTES_MAX = 2 * 1024 * 1024
/** How long saving an address waits for its host to resolve: a person is waiting for the answer. */
const VET_RESOLVE_MS = 2_000

export interface OutboundOptions {
  /** OUTBOUND_ALLOW: addresses, CIDR ranges and host names allowed despite being private. */
  allow?: readonly string[]
  /** Tests stand in for DNS; the server uses the system's resolver. */
  resolve?: Resolver
}

export interface OutboundRequest {
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string | Buffer
  timeoutMs?: number
  /** Aborts the request (the server closing). */
  signal?: AbortSignal
  /** 0 answers 3xx as they are (a webhook's receiver that moved is reported, not chased). */
  maxRedirects?: number
  maxBytes?: number
  /** Whether to read the body of an answer with this status; when not, it is never downloaded. */
  readBody?: (status: number) => boolean
}

export interface OutboundResponse {
  status: number
  headers: IncomingHttpHeaders
  /** Where the answer came from, after redirects. */
  url: string
  body: Buffer
  /** The answer had more than maxBytes; `body` holds the first maxBytes. */
  truncated: boolean
}

/** The request did not finish in time; the message is what a delivery record shows. */
export class OutboundTimeout extends Error {
  override name = 'OutboundTimeout'
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`)
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** Credentials meant for one origin never follow a redirect to another. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization']

export class Outbound {
  readonly policy: OutboundPolicy

  constructor(options: OutboundOptions = {}) {
    this.policy = new OutboundPolicy(options.allow, options.resolve)
  }

  /** Sends the request, following allowed redirects; throws OutboundRefused, OutboundTimeout or the network's error. */
  async request(url: string, options: OutboundRequest = {}): Promise<OutboundResponse> {
    const timeoutMs = options.timeoutMs ?? OUTBOUND_TIMEOUT_MS
    const deadline = AbortSignal.timeout(timeoutMs)
    const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline
    try {
      return await this.follow(this.policy.target(url), options, signal)
    } catch (error) {
      if (deadline.aborted && !options.signal?.aborted) throw new OutboundTimeout(timeoutMs)
      throw error
    }
  }

  /**
   * The check when an address is saved (a webhook's), so a person hears at once that it will be
   * refused: the scheme, credentials, and where the host resolves now. A name that does not
   * resolve (yet) is let through: the check that counts is made again at every connection.
   */
  async vet(url: string): Promise<void> {
    const target = this.policy.target(url)
    try {
      await abortable(this.policy.addresses(target.hostname), AbortSignal.timeout(VET_RESOLVE_MS))
    } catch (error) {
      if (error instanceof OutboundRefused) throw error
    }
  }

  private async follow(first: URL, options: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
    const maxRedirects = options.maxRedirects ?? OUTBOUND_REDIRECTS_MAX
    let target = first
    let method = options.method ?? 'GET'
    let body = options.body
    const headers = { ...options.headers }
    for (let hop = 0; ; hop++) {
      const addresses = await abortable(this.policy.addresses(target.hostname), signal)
      const res = await exchange(target, addresses, { method, headers, body, signal })
      const location = res.headers.location
      if (!REDIRECTS.has(res.statusCode ?? 0) || !location || maxRedirects === 0) {
        const status = res.statusCode ?? 0
        const read = options.readBody?.(status) ?? true
        if (!read) res.destroy()
        const { bytes, truncated } = read
          ? await readCapped(res, options.maxBytes ?? OUTBOUND_RESPONSE_BYTES_MAX)
          : { bytes: Buffer.alloc(0), truncated: false }
        return { status, headers: res.headers, url: target.href, body: bytes, truncated }
      }
      res.destroy()
      if (hop >= maxRedirects) {
        throw new OutboundRefused(
          `more than ${maxRedirects} redirects, the last to ${location.slice(0, 200)}`,
          'redirects',
        )
      }
      const next = this.policy.target(location, target)
      // As browsers do: a 303, or a 301/302 after a POST, is followed with a GET and no body.
      if (res.statusCode === 303 || (method === 'POST' && res.statusCode !== 307 && res.statusCode !== 308)) {
        method = 'GET'
        body = undefined
        for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name]
      }
      if (next.origin !== target.origin) {
        for (const name of Object.keys(headers)) {
          if (ORIGIN_BOUND_HEADERS.includes(name.toLowerCase())) delete headers[name]
        }
      }
      target = next
    }
  }
}

/** Answers net.connect's lookup with the checked addresses, whatever it asks (one, or all for Happy Eyeballs). */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0
    const usable = family ? addresses.filter((a) => a.family === family) : addresses
    const first = usable[0]
    if (!first) {
      const error = Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' })
      callback(error, '', 0)
    } else if (options.all) {
      ;(callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, usable)
    } else {
      callback(null, first.address, first.family)
    }
  }
}

function exchange(
  target: URL,
  addresses: ResolvedAddress[],
  init: {
    method: string
    headers: Record<string, string>
    body: string | Buffer | undefined
    signal: AbortSignal
  },
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).request(
      {
        protocol: target.protocol,
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: init.method,
        headers: init.headers,
        signal: init.signal,
        // A connection of its own each time: a pooled one would not go through the lookup below.
        agent: false,
        lookup: pinnedLookup(addresses),
      },
      resolve,
    )
    request.on('error', reject)
    request.end(init.body)
  })
}

/** At most `maxBytes` of the body; the connection is closed as soon as that much has come. */
async function readCapped(
  res: IncomingMessage,
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = []
  let total = 0
  let truncated = false
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      if (total + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - total))
        truncated = true
        break
      }
      chunks.push(chunk)
      total += chunk.length
    }
  } finally {
    res.destroy()
  }
  return { bytes: Buffer.concat(chunks), truncated }
}

/** DNS lookups cannot be cancelled; the request stops waiting for one when it is aborted. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted()
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}
