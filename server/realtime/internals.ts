import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Adapter } from 'socket.io-adapter'
import * as parser from 'socket.io-parser'
import { gatecastParser, rawJsonWithTail, sharedTail, sharedTailAdapter, textFrameHeader } from './raw-json'

/**
 * The pre-serialised broadcasts (raw-json.ts) use three things the socket.io libraries do not
 * promise: socket.io-parser's `Encoder#encodeAsString`, socket.io-adapter's `_encode` (which
 * `broadcast` calls to encode a packet once for every socket), and engine.io's WebSocket transport
 * writing a frame given as `options.wsPreEncodedFrame` as it is. A library upgrade that dropped
 * one would not fail loudly: documents would go out encoded per socket, or not at all. So each is
 * exercised once at start-up, on small stand-ins for a namespace and a WebSocket, and the server
 * refuses to start, naming the versions found, if any of them no longer does what we rely on.
 * package.json pins these packages exactly for that reason (README "Realtime").
 */

export const PINNED_SOCKET_PACKAGES = [
  'socket.io',
  'socket.io-parser',
  'socket.io-adapter',
  'engine.io',
] as const
type SocketPackage = (typeof PINNED_SOCKET_PACKAGES)[number]

/** The modules the probes run on: the installed ones, or stand-ins in tests. */
export interface SocketLibraries {
  versions: Record<SocketPackage, string>
  parser: { Encoder: new () => unknown }
  Adapter: unknown
  /** engine.io's `transports.websocket`, as socket.io's own engine.io exports it. */
  WebSocketTransport: unknown
}

export class SocketInternalsMissing extends Error {
  override name = 'SocketInternalsMissing'
}

const ownRequire = createRequire(import.meta.url)

/** A package's version, from the package.json above its resolved entry (few export that file). */
function versionOf(require: NodeJS.Require, name: string): string {
  let dir = dirname(require.resolve(name))
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === name && pkg.version) return pkg.version
    } catch {
      // No package.json at this level (a build folder): keep going up.
    }
    const up = dirname(dir)
    if (up === dir) return 'unknown'
    dir = up
  }
}

/** The libraries the server runs with; engine.io as socket.io itself resolves it (not our dependency). */
export function installedSocketLibraries(): SocketLibraries {
  const socketIoRequire = createRequire(ownRequire.resolve('socket.io'))
  const engine = socketIoRequire('engine.io') as { transports: { websocket: unknown } }
  return {
    versions: {
      'socket.io': versionOf(ownRequire, 'socket.io'),
      'socket.io-parser': versionOf(ownRequire, 'socket.io-parser'),
      'socket.io-adapter': versionOf(ownRequire, 'socket.io-adapter'),
      'engine.io': versionOf(socketIoRequire, 'engine.io'),
    },
    parser,
    Adapter,
    WebSocketTransport: engine.transports.websocket,
  }
}

const EVENT = parser.PacketType.EVENT

/** socket.io-parser: the packet text without the search for binary data. */
function probeParser(libs: SocketLibraries): string | null {
  const encoder = new libs.parser.Encoder() as { encodeAsString?: (p: parser.Packet) => string }
  if (typeof encoder.encodeAsString !== 'function')
    return 'socket.io-parser: Encoder#encodeAsString is gone (raw-json.ts writes every packet through it)'
  const text = encoder.encodeAsString({ type: EVENT, nsp: '/', data: ['probe', { n: 1 }] })
  return text === '2["probe",{"n":1}]'
    ? null
    : `socket.io-parser: Encoder#encodeAsString wrote ${JSON.stringify(text)} for an event packet, not 2["probe",{"n":1}]`
}

/** socket.io-adapter: broadcast() encodes through `_encode`, whose frame reaches each socket. */
function probeAdapter(libs: SocketLibraries): string | null {
  const written: { wsPreEncodedFrame?: Buffer[] }[] = []
  const socket = { client: { writeToEngine: (_packets: unknown, opts: object) => written.push(opts) } }
  const nsp = {
    name: '/probe',
    server: { encoder: new gatecastParser.Encoder() },
    sockets: new Map([['probe-socket', socket]]),
  }
  try {
    const adapter = new (sharedTailAdapter(libs.Adapter) as unknown as new (n: unknown) => Adapter)(nsp)
    adapter.addAll('probe-socket', new Set(['probe-room']))
    const document = rawJsonWithTail('{"start":1,', sharedTail('"tail":2}'))
    adapter.broadcast(
      { type: EVENT, nsp: '/probe', data: ['document', document] },
      {
        rooms: new Set(['probe-room']),
        except: new Set(),
        flags: {},
      },
    )
  } catch (error) {
    return `socket.io-adapter: a broadcast through the shared-tail adapter failed (${(error as Error).message})`
  }
  const text = Buffer.from('42/probe,["document",{"start":1,"tail":2}]')
  const expected = Buffer.concat([textFrameHeader(text.length), text])
  const frame = written[0]?.wsPreEncodedFrame
  if (written.length !== 1 || !frame || !Buffer.concat(frame).equals(expected))
    return 'socket.io-adapter: broadcast() no longer encodes through Adapter#_encode, so the shared tail is not written as one frame'
  return null
}

/** engine.io: a WebSocket transport writes a pre-encoded frame as it is, without encoding the packet. */
function probeEngine(libs: SocketLibraries): string | null {
  const frames: unknown[] = []
  const websocket = Object.assign(new EventEmitter(), {
    _sender: { sendFrame: (list: unknown) => frames.push(list) },
    send: () => frames.push('encoded again'),
  })
  const frame = [Buffer.from('probe')]
  try {
    const Transport = libs.WebSocketTransport as new (req: unknown) => { send(packets: unknown[]): void }
    new Transport({ _query: { EIO: '4' }, websocket }).send([
      { type: 'message', data: 'probe', options: { wsPreEncodedFrame: frame } },
    ])
  } catch (error) {
    return `engine.io: its WebSocket transport failed on a pre-encoded frame (${(error as Error).message})`
  }
  return frames.length === 1 && frames[0] === frame
    ? null
    : 'engine.io: the WebSocket transport no longer writes options.wsPreEncodedFrame as it is'
}

/** Throws SocketInternalsMissing naming the versions found and every internal that failed its probe. */
export function checkSocketInternals(libs: SocketLibraries = installedSocketLibraries()): void {
  const missing = [probeParser, probeAdapter, probeEngine]
    .map((probe) => probe(libs))
    .filter((m) => m !== null)
  if (missing.length === 0) return
  const versions = PINNED_SOCKET_PACKAGES.map((name) => `${name} ${libs.versions[name]}`).join(', ')
  throw new SocketInternalsMissing(
    `the socket.io internals that pushed documents rely on (server/realtime/raw-json.ts) are not what ` +
      `this Gatecast was built for. Found ${versions}. ${missing.join('; ')}. Install the versions ` +
      'pinned in package.json (npm ci), or adapt raw-json.ts to the new ones.',
  )
}
