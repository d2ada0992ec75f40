import { Adapter } from 'socket.io-adapter'
import * as parser from 'socket.io-parser'

/**
 * JSON text that goes on the wire as it is. A document is serialised once, when it is stored
 * (its JSON is what the database holds); pushing it to a thousand screens should not serialise
 * it again for each, nor walk it looking for binary data. The marker is a plain property, not a
 * class, so it survives the trip through Redis to another node's encoder.
 */
export const RAW_JSON = '$gatecastRawJson'

export interface RawJson {
  [RAW_JSON]: string
}

export const rawJson = (json: string): RawJson => ({ [RAW_JSON]: json })

const isRawJson = (value: unknown): value is RawJson =>
  typeof value === 'object' && value !== null && typeof (value as RawJson)[RAW_JSON] === 'string'

/**
 * The long end of JSON texts that many packets share (a programme sent to a thousand screens,
 * each document differing only in its first few hundred bytes): its UTF-8 bytes, with the "]"
 * that closes a packet's arguments, are encoded once and written to every socket as they are.
 */
export interface SharedTail {
  text: string
  bytes: Buffer
}

export const sharedTail = (text: string): SharedTail => ({ text, bytes: Buffer.from(`${text}]`) })

/** Which RawJson values end in a shared tail, and their own start. Kept off the value: a node's memory only. */
const TAILS = new WeakMap<RawJson, { start: string; tail: SharedTail }>()

/** `start + tail.text` as RawJson, whose shared tail a broadcast writes without encoding it again. */
export function rawJsonWithTail(start: string, tail: SharedTail): RawJson {
  const raw = rawJson(start + tail.text)
  TAILS.set(raw, { start, tail })
  return raw
}

/** The text of an event packet up to its arguments' "[" (socket.io's format: type, namespace, ack id). */
function packetStart(packet: parser.Packet): string {
  let text = String(packet.type)
  if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`
  if (packet.id !== undefined && packet.id !== null) text += packet.id
  return `${text}[`
}

/**
 * socket.io's encoder, writing RawJson arguments verbatim. Gatecast sends no binary data, so
 * the per-packet search for it (a walk of the whole document) is skipped too. The output is
 * ordinary socket.io text packets: clients keep the standard decoder.
 */
class Encoder {
  private readonly standard = new parser.Encoder()
  // Private in the typings, public at run time: the packet text without the binary search.
  private readonly asString = (
    this.standard as unknown as { encodeAsString(p: parser.Packet): string }
  ).encodeAsString.bind(this.standard)

  encode(packet: parser.Packet): (string | Buffer)[] {
    if (packet.type !== parser.PacketType.EVENT && packet.type !== parser.PacketType.ACK)
      return this.standard.encode(packet)
    const args = packet.data as unknown[] | undefined
    if (!Array.isArray(args) || !args.some(isRawJson)) return [this.asString(packet)]
    // Concatenated, not joined: `+` makes a rope pointing at the parts, where join() copies them
    // into a new flat string. A document sent to ten thousand screens was ten thousand copies of
    // its programme (5 KB each as two-byte text), kept until the sockets had written them: about
    // 420 MB of garbage over eight publishes (bench `fanout --players=10000`, heap sampling). The
    // packet's text is only read whole for a long-polling client.
    let text = packetStart(packet)
    for (let i = 0; i < args.length; i++) {
      const a = args[i]
      text += `${i === 0 ? '' : ','}${isRawJson(a) ? a[RAW_JSON] : JSON.stringify(a)}`
    }
    return [`${text}]`]
  }
}

export const gatecastParser = { ...parser, Encoder }

/** The size of the header of a WebSocket frame of `length` bytes (RFC 6455 §5.2). */
const headerSize = (length: number): number => (length < 126 ? 2 : length < 65_536 ? 4 : 10)

/** Writes the header of an unmasked, final WebSocket text frame of `length` bytes at the start of `target`. */
function putTextFrameHeader(target: Buffer, length: number): void {
  target[0] = 0x81
  if (length < 126) target[1] = length
  else if (length < 65_536) {
    target[1] = 126
    target.writeUInt16BE(length, 2)
  } else {
    target[1] = 127
    target.writeBigUInt64BE(BigInt(length), 2)
  }
}

/** The header of an unmasked, final WebSocket text frame of `length` bytes (RFC 6455 §5.2). */
export function textFrameHeader(length: number): Buffer {
  const header = Buffer.alloc(headerSize(length))
  putTextFrameHeader(header, length)
  return header
}

/**
 * A text frame's header and the start of its text, in one buffer, for a frame whose last
 * `tailLength` bytes follow in another. One allocation per screen, from Node's pool: the
 * header, the start and their concatenation were three (bench `fanout`, ten thousand a publish).
 */
export function frameStart(start: string, tailLength: number): Buffer {
  const startLength = Buffer.byteLength(start)
  const size = headerSize(startLength + tailLength)
  const buffer = Buffer.allocUnsafe(size + startLength)
  putTextFrameHeader(buffer, startLength + tailLength)
  buffer.write(start, size, 'utf8')
  return buffer
}

type EncodeForBroadcast = (packet: parser.Packet, options: { wsPreEncodedFrame?: Buffer[] }) => unknown[]

/**
 * A broadcast whose last argument ends in a shared tail gets its WebSocket frame built here:
 * the frame's header and the packet's own start in one small buffer, then the tail's bytes,
 * shared by every packet that ends in it. socket.io's adapter would encode the whole text to
 * UTF-8 for each packet (bench `fanout`: ten thousand 2.7 KB documents, each first copied to
 * a flat two-byte string, then to bytes). Engine.io writes a frame given in the broadcast's
 * options (`wsPreEncodedFrame`, what socket.io-adapter itself precomputes for a broadcast) as
 * it is to every WebSocket client; long-polling clients get the packet's text.
 */
function encodeWithSharedTail(
  standard: EncodeForBroadcast,
): (packet: parser.Packet, options: { wsPreEncodedFrame?: Buffer[] }) => unknown[] {
  const encoder = new Encoder()
  return (packet, options) => {
    const args = packet.data as unknown[] | undefined
    const last = Array.isArray(args) ? args.at(-1) : undefined
    const parts = packet.type === parser.PacketType.EVENT && isRawJson(last) ? TAILS.get(last) : undefined
    if (!parts) return standard(packet, options)
    const encoded = encoder.encode(packet)
    const before = (args as unknown[]).slice(0, -1).map((a) => `${JSON.stringify(a)},`)
    // "4": engine.io's message packet, then the socket.io packet up to the tail.
    const start = `4${packetStart(packet)}${before.join('')}${parts.start}`
    options.wsPreEncodedFrame = [frameStart(start, parts.tail.bytes.length), parts.tail.bytes]
    return encoded
  }
}

/**
 * The adapter socket.io builds for each namespace (the in-memory one, or the Redis one's
 * factory), with broadcasts encoding shared tails once. `new` on the factory function returns
 * the adapter it builds, as socket.io itself calls it.
 */
export function sharedTailAdapter(base: unknown = Adapter): typeof Adapter {
  const Base = base as new (nsp: unknown) => Adapter
  function SharedTailAdapter(nsp: unknown): Adapter {
    const adapter = new Base(nsp)
    // `_encode` is private in the typings; it is what broadcast() and broadcastWithAck() call.
    const internal = adapter as unknown as { _encode: EncodeForBroadcast }
    // Checked at start-up (internals.ts); this names the cause if a namespace is made regardless.
    if (typeof internal._encode !== 'function') throw new TypeError('Adapter#_encode is not a function')
    internal._encode = encodeWithSharedTail(internal._encode.bind(adapter))
    return adapter
  }
  return SharedTailAdapter as unknown as typeof Adapter
}
