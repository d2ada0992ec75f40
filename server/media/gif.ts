import type { FileReader } from './file-reader'

/**
 * A GIF's layout, read from its blocks: the logical screen (the canvas Chromium sizes the
 * picture by), every frame's rectangle on it, and where the trailer ends the file. sharp
 * cannot be asked for these: its GIF loader measures the first frame when the screen is much
 * larger, so a 60000×60000 screen around a 1×1 frame looks like a 1×1 picture to it.
 */
export interface GifLayout {
  width: number
  height: number
  frames: GifFrame[]
  /** Just after the trailer (0x3B); null when the blocks end or break before it. */
  end: number | null
}

export interface GifFrame {
  left: number
  top: number
  width: number
  height: number
}

const EXTENSION = 0x21
const IMAGE = 0x2c
const TRAILER = 0x3b
/** Header "GIF89a" and the logical screen descriptor. */
const SCREEN_END = 13

/**
 * Walks the blocks from the header to the trailer. The whole file is read at once: it is an
 * image, so at most IMAGE_BYTES_MAX, and the walk hops over every 255-byte sub-block.
 */
export async function readGif(reader: FileReader): Promise<GifLayout> {
  const data = await reader.read(0, reader.size)
  const layout: GifLayout = { width: 0, height: 0, frames: [], end: null }
  if (data.length < SCREEN_END) return layout
  layout.width = data.readUInt16LE(6)
  layout.height = data.readUInt16LE(8)
  let p = SCREEN_END + colourTableBytes(data[10]!)
  while (p < data.length) {
    const block = data[p]!
    if (block === TRAILER) {
      layout.end = p + 1
      break
    }
    if (block === EXTENSION) {
      p = skipSubBlocks(data, p + 2)
    } else if (block === IMAGE) {
      if (p + 10 > data.length) break
      layout.frames.push({
        left: data.readUInt16LE(p + 1),
        top: data.readUInt16LE(p + 3),
        width: data.readUInt16LE(p + 5),
        height: data.readUInt16LE(p + 7),
      })
      // Descriptor, local colour table, then the LZW code size byte before the data's sub-blocks.
      p = skipSubBlocks(data, p + 10 + colourTableBytes(data[p + 9]!) + 1)
    } else {
      break // Not a block: the picture's data ended before its trailer.
    }
  }
  return layout
}

/** A global or local colour table follows its descriptor when the packed byte's top bit says so. */
const colourTableBytes = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0)

/** Past a chain of sub-blocks (a length byte, that many bytes) and its zero terminator. */
function skipSubBlocks(data: Buffer, from: number): number {
  let p = from
  while (p < data.length) {
    const length = data[p]!
    p += 1 + length
    if (length === 0) return p
  }
  return data.length // Cut short: no trailer follows.
}
