import { isIPv6, type Socket } from 'node:net'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AddressCaps, type CapReached } from '../connections/address-caps'
import { addressKey } from '../connections/address-key'
import { hasBody, watchBodyPace } from '../connections/body-pace'
import type { ConnectionLimits } from '../connections/limits'
import { answerAndClose } from '../connections/raw-answer'
import { errorBody } from '../errors'
import { addressList } from '../net'

interface Options {
  limits: ConnectionLimits
  /** The app's trustProxy: connections from these addresses carry other clients' requests. */
  trustProxy: boolean | string[]
}

/** A direct connection's place in the caps. */
interface Counted {
  key: string
  anonymous: boolean
}

/**
 * Slow clients are cut and their number held per address (issue 16): the body pace
 * (connections/body-pace.ts) on every request with a body, and the per-address caps of
 * ConnectionLimits. The HTTP server's own timeouts are Fastify's options (limits.ts).
 *
 * A direct connection counts against its address from the moment it opens, as anonymous until
 * it sends a whole request, upgrades to a websocket, or a request on it proves a credential.
 * Over a cap it is answered 429 and closed at once, before it is read.
 *
 * Connections from a trusted proxy (TRUST_PROXY) carry many clients each and are not counted;
 * the proxy reads slow headers itself, and what reaches the server is a body at the client's
 * pace. So a request arriving through the proxy without credentials and with a body counts
 * against the client's own address (its X-Forwarded-For, as Fastify reads it) until it is done,
 * and over the anonymous cap is answered 429.
 *
 * Listens on the HTTP server itself, after socket.io has attached to it: its polling requests
 * never reach Fastify, and must prove their connections as well.
 */
export const connectionsPlugin = fp<Options>(
  async (app, { limits, trustProxy }) => {
    const proxies = addressList(Array.isArray(trustProxy) ? trustProxy : [])
    const viaProxy = (address: string) =>
      trustProxy === true || proxies.check(address, isIPv6(address) ? 'ipv6' : 'ipv4')

    const direct = new AddressCaps(limits)
    const proxied = new AddressCaps(limits)
    const counted = new WeakMap<Socket, Counted>()
    const fromProxy = new WeakSet<Socket>()
    // One warning per address while it stays over a cap, not one per refused connection.
    const warned = new Set<string>()

    const refuse = (caps: AddressCaps, key: string, cap: CapReached) => {
      if (warned.has(key)) return
      warned.add(key)
      app.log.warn(
        { address: key, ...caps.holding(key), cap },
        'refusing connections over the per-address cap',
      )
    }
    const release = (caps: AddressCaps, key: string, anonymous: boolean) => {
      if (caps.release(key, anonymous)) warned.delete(key)
    }
    const prove = (socket: Socket) => {
      const entry = counted.get(socket)
      if (!entry?.anonymous) return
      entry.anonymous = false
      direct.prove(entry.key)
    }

    app.server.on('connection', (socket: Socket) => {
      if (socket.remoteAddress === undefined) return // closed already
      if (viaProxy(socket.remoteAddress)) return void fromProxy.add(socket)
      const key = addressKey(socket.remoteAddress)
      const cap = direct.admit(key)
      if (cap) {
        refuse(direct, key, cap)
        return answerAndClose(
          socket,
          429,
          'rate-limit.connections',
          cap === 'open'
            ? `Too many connections from your address (the limit is ${limits.perAddress}); close some and try again.`
            : `Too many connections from your address are still waiting to send a request (the limit is ${limits.anonymousPerAddress}); try again shortly.`,
        )
      }
      const entry = { key, anonymous: true }
      counted.set(socket, entry)
      socket.once('close', () => release(direct, key, entry.anonymous))
    })
    app.server.on('upgrade', (req) => prove(req.socket))
    // What each connection had read when its last request was whole: the next one's start.
    const readThrough = new WeakMap<Socket, number>()
    app.server.on('request', (req, res) => {
      const socket = req.socket
      if (!hasBody(req)) {
        readThrough.set(socket, socket.bytesRead)
        return prove(socket)
      }
      watchBodyPace(req, res, limits, readThrough.get(socket) ?? 0)
      req.once('close', () => {
        readThrough.set(socket, socket.bytesRead)
        if (req.complete) prove(socket)
      })
    })

    // After authentication (registered after the auth plugin): the actor is known.
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const socket = request.raw.socket
      if (request.actor.kind !== 'anonymous') prove(socket)
      else if (hasBody(request.raw) && fromProxy.has(socket)) {
        const key = addressKey(request.ip)
        const cap = proxied.admit(key)
        if (cap) {
          refuse(proxied, key, cap)
          return void reply
            .code(429)
            .header('connection', 'close')
            .send(
              errorBody(
                429,
                'rate-limit.connections',
                `Too many requests from your address are still sending their bodies (the limit is ${limits.anonymousPerAddress}); wait for them to finish and try again.`,
                { params: { limit: limits.anonymousPerAddress } },
              ),
            )
        }
        // Whichever comes first: a request answered before its body was read may never close.
        const finished = () => {
          request.raw.off('close', finished)
          socket.off('close', finished)
          release(proxied, key, true)
        }
        request.raw.once('close', finished)
        socket.once('close', finished)
      }
      done()
    })
  },
  { name: 'connections', dependencies: ['realtime', 'auth'] },
)
