import { inflateSync } from 'node:zlib'

/**
 * Is a capture blank: one colour edge to edge (a white page where the player failed to draw, a
 * black one with the screen meant to be on)? The agent has no image library (the kiosk carries
 * only Node), so it reads the small PNG Chromium gives it here: 8-bit RGB or RGBA, not
 * interlaced, which is what Chromium's Page.captureScreenshot writes.
 */

/** Channel difference under which two pixels count as one colour (JPEG-free PNG, but dithered gradients). */
const SAME_COLOUR = 8
/** A frame this uniform is blank; anything on air (a line of text at 160 px wide) moves more pixels than 0.2 %. */
const BLANK_SHARE = 0.998

export interface Pixels {
  width: number
  height: number
  channels: 3 | 4
  data: Buffer
}

export function decodePng(png: Buffer): Pixels {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG')
  let offset = 8
  let width = 0
  let height = 0
  let channels: 3 | 4 = 4
  const idat: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const body = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]]
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0)
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`)
      channels = colour === 6 ? 4 : 3
    } else if (type === 'IDAT') idat.push(body)
    else if (type === 'IEND') break
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const data = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[y * stride + x - channels]! : 0
      const b = y > 0 ? data[(y - 1) * stride + x]! : 0
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels]! : 0
      const p = a + b - c
      const pa = Math.abs(p - a)
      const pb = Math.abs(p - b)
      const pc = Math.abs(p - c)
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter ?? 0] ?? 0
      data[y * stride + x] = (line[x]! + predictor) & 0xff
    }
  }
  return { width, height, channels, data }
}

/** The share of pixels of the frame's commonest colour (sampled against the top-left pixel's and the centre's). */
export function uniformShare({ width, height, channels, data }: Pixels): number {
  const at = (i: number) => [data[i]!, data[i + 1]!, data[i + 2]!]
  const references = [at(0), at(((height >> 1) * width + (width >> 1)) * channels)]
  let best = 0
  for (const ref of references) {
    let same = 0
    for (let i = 0; i < width * height * channels; i += channels) {
      if (
        Math.abs(data[i]! - ref[0]!) <= SAME_COLOUR &&
        Math.abs(data[i + 1]! - ref[1]!) <= SAME_COLOUR &&
        Math.abs(data[i + 2]! - ref[2]!) <= SAME_COLOUR
      )
        same++
    }
    best = Math.max(best, same / Math.max(1, width * height))
  }
  return best
}

export const isBlank = (png: Buffer): boolean => uniformShare(decodePng(png)) >= BLANK_SHARE
