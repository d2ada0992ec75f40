import type { FileReader } from './file-reader'

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
      return (await read(size - 1, 1))[0] === 0x3b
    case 'image/webp': {
      // RIFF header declares the length of everything after its first 8 bytes.
      const head = await read(0, 8)
      return head.length === 8 && head.readUInt32LE(4) + 8 <= size
    }
    case 'video/mp4':
    case 'video/x-m4v':
      return await mp4BoxesComplete(read, size)
    case 'video/webm':
      return await webmSegmentComplete(read, size)
    default:
      return true
  }
}

type Read = (position: number, length: number) => Promise<Buffer>

/** Walks the top-level boxes; a truncated file's last box claims bytes that are not there. */
async function mp4BoxesComplete(read: Read, size: number): Promise<boolean> {
  let position = 0
  let sawMoov = false
  for (let boxes = 0; position < size && boxes < 10_000; boxes++) {
    const header = await read(position, 16)
    if (header.length < 8) return false
    let boxSize = header.readUInt32BE(0)
    const type = header.subarray(4, 8).toString('latin1')
    if (type === 'moov') sawMoov = true
    if (boxSize === 1) {
      if (header.length < 16) return false
      boxSize = Number(header.readBigUInt64BE(8))
    } else if (boxSize === 0) {
      boxSize = size - position // "extends to end of file"
    }
    if (boxSize < 8) return false
    position += boxSize
  }
  // Without a moov box there is no index: Chromium cannot play it.
  return position === size && sawMoov
}

/** Reads the EBML header and the Segment's declared size (unknown size is allowed: live files). */
async function webmSegmentComplete(read: Read, size: number): Promise<boolean> {
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
  if (ebmlId?.value !== 0x1a45dfa3 || !ebmlSize) return false
  p += ebmlSize.value
  const segmentId = vint(true)
  const segmentSize = vint(false)
  if (segmentId?.value !== 0x18538067 || !segmentSize) return false
  if (segmentSize.unknown) return true
  return p + segmentSize.value <= size
}
