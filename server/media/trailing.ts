import type { FileReader } from './file-reader'
import { readGif } from './gif'
import { mp4Boxes, webmSegmentEnd } from './integrity'
import { readWebp } from './webp'

/**
 * Bytes hidden after the end of a picture or video: the shape of a polyglot (a JPEG that is
 * also a ZIP, an HTML page or a script) and of files carrying something that is not the picture
 * (a phone's "motion photo" video). Chromium shows only the picture, but a border gate's library
 * keeps nothing it cannot account for. A little padding (zeros or 0xFF, which cameras write) is fine.
 */
export const TRAILING_PADDING_MAX = 64

/**
 * How many bytes follow the file's true end, not counting padding; 0 for a clean file, and for
 * one whose end cannot be found (cut short or broken: integrity.ts refuses those).
 */
export async function trailingBytes(reader: FileReader, mime: string): Promise<number> {
  const end = await fileEnd(reader, mime)
  if (end === null || end >= reader.size) return 0
  const rest = await reader.read(end, reader.size - end)
  const padding = rest.every((b) => b === 0x00 || b === 0xff)
  return padding && rest.length <= TRAILING_PADDING_MAX ? 0 : rest.length
}

/** Where the format says the file ends, found by walking its structure from the start. */
async function fileEnd(reader: FileReader, mime: string): Promise<number | null> {
  const read = (position: number, length: number) => reader.read(position, length)
  switch (mime) {
    case 'image/jpeg':
      return jpegEnd(reader)
    case 'image/png':
    case 'image/apng':
      return pngEnd(reader)
    case 'image/gif':
      return (await readGif(reader)).end
    case 'image/webp':
      return (await readWebp(reader)).end
    case 'video/mp4':
    case 'video/x-m4v':
      return (await mp4Boxes(read, reader.size)).end
    case 'video/webm': {
      // A Segment of unknown size runs to the end of the file by definition: nothing to count.
      const end = await webmSegmentEnd(read)
      return typeof end === 'number' ? end : null
    }
    default:
      return null
  }
}

/** After the IEND chunk, walking the chunks from the signature. */
async function pngEnd(reader: FileReader): Promise<number | null> {
  let position = 8
  for (let chunks = 0; position + 12 <= reader.size && chunks < 1_000_000; chunks++) {
    const header = await reader.read(position, 8)
    const length = header.readUInt32BE(0)
    position += 12 + length
    if (header.subarray(4, 8).toString('latin1') === 'IEND') return position
  }
  return null
}

/**
 * After the EOI marker, walking the segments (each declares its length) and, after a start of
 * scan, the entropy-coded data up to the next marker that is not a stuffed 0xFF or a restart.
 */
async function jpegEnd(reader: FileReader): Promise<number | null> {
  const data = await reader.read(0, reader.size)
  let p = 2
  while (p + 1 < data.length) {
    if (data[p] !== 0xff) return null
    const marker = data[p + 1]!
    if (marker === 0xff) {
      p++ // fill byte
      continue
    }
    if (marker === 0xd9) return p + 2
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2
      continue
    }
    if (p + 3 >= data.length) return null
    p += 2 + data.readUInt16BE(p + 2)
    if (marker === 0xda) {
      // Entropy-coded data: 0xFF00 is a stuffed byte, 0xFFD0–D7 restarts; anything else is a marker.
      while (p + 1 < data.length) {
        if (data[p] === 0xff) {
          const next = data[p + 1]!
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break
        }
        p++
      }
    }
  }
  return null
}
