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
    let text = String(packet.type)
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`
    if (packet.id !== undefined && packet.id !== null) text += packet.id
    return [`${text}[${args.map((a) => (isRawJson(a) ? a[RAW_JSON] : JSON.stringify(a))).join(',')}]`]
  }
}

export const gatecastParser = { ...parser, Encoder }
