import type { FileReader } from './file-reader'

/**
 * A WebP's layout, read from its RIFF chunks: the canvas it declares and where its chunks end.
 * The RIFF header states the file's length too, but it is only a number: a polyglot can make
 * it cover whatever it appends. The chunks are walked instead, and must end where the RIFF
 * header says, at the end of the file.
 */
export interface WebpLayout {
  /** 8 + the length the RIFF header declares. */
  riffEnd: number
  /** Just after the last chunk that belongs to a WebP; null when a chunk is cut short. */
  end: number | null
  /** The canvas (extended format) or the picture's size (simple format); 0 when not found. */
  width: number
  height: number
}

/** Every chunk the WebP container defines; anything else is not part of the picture. */
const CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP', 'EXIF', 'XMP '])
/** "RIFF", its length, "WEBP". */
const HEADER_BYTES = 12

/** Walks the chunks. The whole file is read at once: an image, so at most IMAGE_BYTES_MAX. */
export async function readWebp(reader: FileReader): Promise<WebpLayout> {
  const data = await reader.read(0, reader.size)
  const layout: WebpLayout = { riffEnd: 0, end: null, width: 0, height: 0 }
  if (data.length < HEADER_BYTES) return layout
  layout.riffEnd = 8 + data.readUInt32LE(4)
  let p = HEADER_BYTES
  let first = true
  while (p + 8 <= data.length) {
    const fourcc = data.toString('latin1', p, p + 4)
    if (!CHUNKS.has(fourcc)) break
    const size = data.readUInt32LE(p + 4)
    const payload = data.subarray(p + 8, p + 8 + size)
    if (payload.length < size) return { ...layout, end: null }
    // Chunks are padded to an even length; a writer may leave out the last pad byte.
    p = Math.min(p + 8 + size + (size & 1), data.length)
    if (first) Object.assign(layout, canvasOf(fourcc, payload))
    // The simple formats are one picture chunk and nothing else.
    if (first && fourcc !== 'VP8X') {
      layout.end = p
      return layout
    }
    first = false
    layout.end = p
  }
  return layout
}

/** The size the first chunk declares (WebP container specification, "Simple" and "Extended"). */
function canvasOf(fourcc: string, payload: Buffer): { width: number; height: number } {
  if (fourcc === 'VP8X' && payload.length >= 10) {
    return { width: payload.readUIntLE(4, 3) + 1, height: payload.readUIntLE(7, 3) + 1 }
  }
  // A VP8 key frame: 3 bytes of frame tag, the start code 9D 01 2A, then 14-bit sizes.
  if (fourcc === 'VP8 ' && payload.length >= 10) {
    return { width: payload.readUInt16LE(6) & 0x3fff, height: payload.readUInt16LE(8) & 0x3fff }
  }
  // VP8L: the signature 0x2F, then 14 bits of width − 1 and 14 of height − 1.
  if (fourcc === 'VP8L' && payload.length >= 5) {
    const bits = payload.readUInt32LE(1)
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  return { width: 0, height: 0 }
}
