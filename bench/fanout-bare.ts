import { createServer } from 'node:http'
import { Server } from 'socket.io'

/**
 * The fanout benchmark's baseline server: a bare socket.io server, in a process of its own as
 * Gatecast's server is, so that both are measured alike (the same /proc figures for memory, an
 * event loop of their own for latency). The parent sends `{ type: 'start', payload }`, then
 * `{ type: 'emit' }` for each round; this process answers `listening` with its port, and
 * `emitted` with the instant it broadcast the payload to every client.
 */
export type BareCommand = { type: 'start'; payload: unknown } | { type: 'emit' } | { type: 'close' }

export type BareMessage = { type: 'listening'; port: number } | { type: 'emitted'; t0: number }

const send = (m: BareMessage) => process.send?.(m)
let payload: unknown

const http = createServer()
const io = new Server(http, { serveClient: false, transports: ['websocket'] })
// It answers each acknowledgement, as Gatecast does once it has recorded it.
io.on('connection', (socket) => socket.on('document:applied', (_payload, ack) => ack?.({ ok: true })))

process.on('message', (m: BareCommand) => {
  if (m.type === 'start') {
    payload = m.payload
    http.listen(0, '127.0.0.1', () =>
      send({ type: 'listening', port: (http.address() as { port: number }).port }),
    )
  } else if (m.type === 'emit') {
    const t0 = Date.now()
    io.emit('payload', payload)
    send({ type: 'emitted', t0 })
  } else io.close(() => process.exit(0))
})
