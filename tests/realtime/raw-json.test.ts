import { createServer, type Server as HttpServer } from 'node:http'
import {
  frameStart,
  gatecastParser,
  rawJson,
  rawJsonWithTail,
  sharedTail,
  sharedTailAdapter,
  textFrameHeader,
} from '@server/realtime/raw-json'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { until } from '../helpers/wait'

/**
 * The wire encoding of pushed documents (server/realtime/raw-json.ts): JSON written as it is,
 * and a broadcast's shared tail written as bytes encoded once, in a WebSocket frame built by
 * hand. Each client decodes with the standard socket.io parser, so any mistake in a frame's
 * length or text shows up as a wrong or missing message.
 */
let http: HttpServer
let server: Server
let clients: { socket: Socket; got: unknown[][] }[]

beforeAll(async () => {
  http = createServer()
  server = new Server(http, { parser: gatecastParser, adapter: sharedTailAdapter(), serveClient: false })
  server.of('/player').on('connection', (socket) => void socket.join('room'))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(http.address() as { port: number }).port}/player`
  clients = (['websocket', 'polling'] as const).map((transport) => {
    const socket = connect(base, { transports: [transport], forceNew: true, reconnection: false })
    const got: unknown[][] = []
    socket.on('message', (...args: unknown[]) => got.push(args))
    return { socket, got }
  })
  await until(() => server.of('/player').sockets.size === 2, 5_000, 'two clients')
})
afterAll(async () => {
  for (const c of clients) c.socket.close()
  await new Promise((resolve) => server.close(resolve))
})

/** Broadcasts `args` to the room; resolves with what each client (WebSocket, polling) received. */
async function broadcast(...args: unknown[]): Promise<unknown[][][]> {
  for (const c of clients) c.got.length = 0
  server
    .of('/player')
    .to('room')
    .emit('message', ...args)
  await until(() => clients.every((c) => c.got.length === 1), 5_000, 'the broadcast')
  return clients.map((c) => c.got)
}

// Byte lengths that cross the frame header's three forms (≤125, ≤65,535, more), with text in
// all three languages so that characters and bytes differ.
const SIZES = [10, 100, 125, 126, 1_000, 65_530, 65_536, 70_000]
const textOf = (bytes: number) => {
  const unit = 'Hữu Nghị 友谊 gate '
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))).slice(0, bytes)
}

describe('documents on the wire', () => {
  it.each(SIZES)('delivers a document whose shared part is about %i bytes, intact', async (size) => {
    const programme = { title: textOf(size), items: [1, 2, 3] }
    const tail = sharedTail(JSON.stringify(programme).slice(1))
    const raw = rawJsonWithTail('{"screenId":"gate-1","version":7,', tail)
    const expected = { screenId: 'gate-1', version: 7, ...programme }
    for (const received of await broadcast(raw)) expect(received).toEqual([[expected]])
  })

  it('keeps the arguments before a shared tail, and plain RawJson and objects as they were', async () => {
    const tail = sharedTail('"b":"友谊"}')
    for (const received of await broadcast('first', { n: 1 }, rawJsonWithTail('{"a":1,', tail)))
      expect(received).toEqual([['first', { n: 1 }, { a: 1, b: '友谊' }]])
    for (const received of await broadcast(rawJson('{"plain":"Lạng Sơn"}'), 2))
      expect(received).toEqual([[{ plain: 'Lạng Sơn' }, 2]])
    for (const received of await broadcast({ ordinary: ['vi', 'zh', 'en'] }))
      expect(received).toEqual([[{ ordinary: ['vi', 'zh', 'en'] }]])
  })

  it('shares one buffer of the tail between every frame', () => {
    const tail = sharedTail('"x":1}')
    expect(tail.bytes.toString()).toBe('"x":1}]')
  })

  it('writes frame headers in the three lengths RFC 6455 allows', () => {
    expect([...textFrameHeader(125)]).toEqual([0x81, 125])
    expect([...textFrameHeader(126)]).toEqual([0x81, 126, 0, 126])
    expect([...textFrameHeader(65_535)]).toEqual([0x81, 126, 0xff, 0xff])
    expect([...textFrameHeader(65_536)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0])
  })

  it("puts a frame's header and its text's start in one buffer, counting the tail's bytes in its length", () => {
    // Vietnamese and Chinese: the length is in bytes, not characters.
    const start = '4/player,["document",{"screen":"Hữu Nghị 友谊",'
    for (const tail of [10, 100, 70_000]) {
      const frame = frameStart(start, tail)
      const bytes = Buffer.byteLength(start)
      expect(frame.subarray(0, frame.length - bytes)).toEqual(textFrameHeader(bytes + tail))
      expect(frame.subarray(frame.length - bytes).toString()).toBe(start)
    }
  })
})
