import { io, type Socket } from 'socket.io-client'

/**
 * Simulated players for the fanout benchmark, run in child processes so that the clients' work
 * does not share the server's event loop. The parent sends `{ mode, base, tokens | count }`;
 * this process connects every socket (websocket only, as a player on a good link), answers
 * `ready` once each holds its first document (or is connected, for the bare baseline), then
 * reports when each socket received the next one.
 */
export interface PlayersSetup {
  mode: 'gatecast' | 'bare'
  base: string
  /** Screen tokens (gatecast), one socket each. */
  tokens?: string[]
  /** How many sockets (bare). */
  count?: number
}

export type PlayersMessage =
  | { type: 'ready' }
  | { type: 'received'; times: number[] }
  | { type: 'error'; message: string }

const send = (m: PlayersMessage) => process.send?.(m)
const CONNECT_BATCH = 200
const CONNECT_TIMEOUT_MS = 120_000

async function connectAll(setup: PlayersSetup): Promise<Socket[]> {
  const n = setup.mode === 'gatecast' ? setup.tokens!.length : setup.count!
  const sockets: Socket[] = []
  for (let i = 0; i < n; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, n - i) }, (_, j) => {
      const url = setup.mode === 'gatecast' ? `${setup.base}/player` : setup.base
      const socket = io(url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        // Connecting is not measured: on a machine shared with other work, ten thousand
        // handshakes can take longer than socket.io's default 20 s for some.
        timeout: CONNECT_TIMEOUT_MS,
        ...(setup.mode === 'gatecast' ? { auth: { token: setup.tokens![i + j] } } : {}),
      })
      sockets.push(socket)
      return new Promise<void>((resolve, reject) => {
        if (setup.mode === 'gatecast') socket.once('document', () => resolve())
        else socket.once('connect', () => resolve())
        socket.once('connect_error', (e) => reject(e))
      })
    })
    await Promise.all(batch)
  }
  return sockets
}

process.once('message', async (setup: PlayersSetup) => {
  try {
    const sockets = await connectAll(setup)
    let times: number[] = []
    let got = 0
    const arrived = (i: number) => {
      times[i] = Date.now()
      if (++got === sockets.length) {
        send({ type: 'received', times })
        times = []
        got = 0
      }
    }
    sockets.forEach((socket, i) => {
      // A player acknowledges what it applied and the server answers. The baseline's clients
      // send the same acknowledgement, so that both runs ask the same work of the clients
      // (which share the machine's cores with the server): only the servers differ.
      const event = setup.mode === 'gatecast' ? 'document' : 'payload'
      socket.on(event, (doc: { version: number; hash: string }) => {
        arrived(i)
        socket.emit('document:applied', { version: doc.version, hash: doc.hash }, () => {})
      })
    })
    send({ type: 'ready' })
    process.on('message', (m: { type: string }) => {
      if (m.type === 'close') {
        for (const s of sockets) s.disconnect()
        process.exit(0)
      }
    })
  } catch (error) {
    send({ type: 'error', message: String(error) })
    process.exit(1)
  }
})
