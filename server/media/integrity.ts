import type { FileReader } from './file-reader'
import { readGif } from './gif'
import { readWebp } from './webp'

/**
 * Cheap structural checks that catch the commonest broken upload: a file cut short (a dropped
 * connection, a half-copied USB stick). Each format has an end marker or a declared length
 * that a truncated file cannot satisfy. Full decoding is a separate, slower step.
 */
export async function looksComplete(reader: FileReader, mime: string): Promise<boolean> {
  const read: Read = (position, length) => reader.read(position, length)
  const { size } = reader
  switch (mime) {
    case 'image/png':
    case 'image/apng': {
      // Every PNG ends with the 12-byte IEND chunk.
      const tail = await read(size - 12, 12)
      return tail.subarray(4, 8).toString('latin1') === 'IEND'
    }
    case 'image/jpeg': {
      // End-of-image marker; some cameras append padding after it, so look near the end.
      const tail = await read(Math.max(0, size - 1024), Math.min(size, 1024))
      return tail.lastIndexOf(Buffer.from([0xff, 0xd9])) >= 0
    }
    case 'image/gif':
      // The blocks reach the trailer, and the trailer is the last byte.
      return (await readGif(reader)).end === size
    case 'image/webp': {
      // The chunks end where the RIFF header says, and that is the end of the file.
      const webp = await readWebp(reader)
      return webp.end === size && webp.riffEnd === size
    }
    case 'video/mp4':
    case 'video/x-m4v': {
      // Without a moov box there is no index: Chromium cannot play it.
      const mp4 = await mp4Boxes(read, size)
      return mp4.end === size && mp4.sawMoov
    }
    case 'video/webm': {
      const end = await webmSegmentEnd(read)
      return end === 'open' || (end !== null && end <= size)
    }
    default:
      return true
  }
}

type Read = (position: number, length: number) => Promise<Buffer>

/**
 * Top-level box types of the MP4 files Chromium plays (ISO/IEC 14496-12 and QuickTime's few).
 * Only used to tell a box cut short (a truncated file) from bytes that are not a box at all.
 */
const MP4_TOP_LEVEL = new Set(
  'ftyp styp moov mdat free skip wide uuid meta moof mfra sidx ssix pdin prft emsg udta'.split(' '),
)

/**
 * Walks the top-level boxes. `end` is after the last box that fits in the file: the file's size
 * for a whole file; less when bytes that are not a box follow (trailing.ts counts them); null
 * when a box is cut short.
 */
export async function mp4Boxes(read: Read, size: number): Promise<{ end: number | null; sawMoov: boolean }> {
  let position = 0
  let sawMoov = false
  for (let boxes = 0; position < size && boxes < 10_000; boxes++) {
    const header = await read(position, 16)
    const type = header.subarray(4, 8).toString('latin1')
    let boxSize = header.length < 8 ? 0 : header.readUInt32BE(0)
    if (boxSize === 1 && header.length === 16) boxSize = Number(header.readBigUInt64BE(8))
    else if (boxSize === 0 && header.length >= 8) boxSize = size - position // "extends to end of file"
    if (boxSize < 8 || position + boxSize > size) {
      return { end: MP4_TOP_LEVEL.has(type) ? null : position, sawMoov }
    }
    if (type === 'moov') sawMoov = true
    position += boxSize
  }
  return { end: position === size ? size : null, sawMoov }
}

/**
 * Where the Segment ends, from the EBML header and the Segment's declared size: 'open' for a
 * Segment of unknown size (live recordings: it runs to the end of the file), null for a file
 * whose header is not there.
 */
export async function webmSegmentEnd(read: Read): Promise<number | 'open' | null> {
  const head = await read(0, 64)
  let p = 0
  const vint = (withMarker: boolean): { value: number; length: number; unknown: boolean } | null => {
    const first = head[p]
    if (first === undefined || first === 0) return null
    const length = Math.clz32(first) - 23
    if (p + length > head.length) return null
    let value = withMarker ? first : first & (0xff >> length)
    let allOnes = (first & (0xff >> length)) === 0xff >> length
    for (let i = 1; i < length; i++) {
      const b = head[p + i]!
      value = value * 256 + b
      if (b !== 0xff) allOnes = false
    }
    p += length
    return { value, length, unknown: allOnes }
  }
  const ebmlId = vint(true)
  const ebmlSize = vint(false)
  if (ebmlId?.value !== 0x1a45dfa3 || !ebmlSize) return null
  p += ebmlSize.value
  const segmentId = vint(true)
  const segmentSize = vint(false)
  if (segmentId?.value !== 0x18538067 || !segmentSize) return null
  return segmentSize.unknown ? 'open' : p + segmentSize.value
}
