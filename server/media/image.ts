import { IMAGE_PIXELS_MAX } from '@playlists/limits'
import sharp, { type Metadata } from 'sharp'
import type { FileReader } from './file-reader'
import type { MediaFormat } from './formats'
import { readGif } from './gif'
import { damaged, frameOutside, tooManyPixels } from './refusal'
import { readWebp } from './webp'

// Each upload is decoded once, from a temp name: libvips' operation cache would only hold
// memory and open files for images that are never read again.
sharp.cache(false)

/**
 * `failOn: 'warning'` (sharp's own default for untrusted input): libjpeg reports garbage scan
 * data ("bad Huffman code") only as a warning, so any laxer level accepts a JPEG whose picture
 * is noise. The price is refusing the rare camera file with a benign warning; re-exporting fixes it.
 */
export const DECODE_OPTIONS = { failOn: 'warning', limitInputPixels: IMAGE_PIXELS_MAX } as const

/** What sharp calls each playable image format. */
const SHARP_FORMATS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
}

export interface ImageFacts {
  /** As shown: Chromium applies the EXIF orientation, so a portrait photo is measured upright. */
  width: number
  height: number
}

/**
 * Measures an image and decodes every pixel of it (of the first frame, for animations), so a
 * file whose header is fine but whose data is garbage is refused here rather than showing as a
 * broken picture on a gate's screen. The size is checked from the header before decoding, so a
 * decompression bomb is refused without being inflated.
 */
export async function inspectImage(
  path: string,
  format: MediaFormat,
  reader: FileReader,
): Promise<ImageFacts> {
  const screen = await checkCanvas(reader, format.contentType)
  let meta: Metadata
  try {
    // Header only, no pixels: the size limit is checked below, with a message saying so.
    meta = await sharp(path, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata()
  } catch {
    throw damaged('image')
  }
  if (meta.format !== SHARP_FORMATS[format.contentType]) throw damaged('image')
  // Animated images report the height of one frame as pageHeight.
  const frameHeight = meta.pageHeight ?? meta.height
  const pixels = meta.width * frameHeight
  if (pixels > IMAGE_PIXELS_MAX) throw tooManyPixels(meta.width, frameHeight)
  try {
    await sharp(path, DECODE_OPTIONS).stats()
  } catch {
    throw damaged('image', 'its picture data is damaged and cannot be decoded')
  }
  if (screen) return screen
  // EXIF orientations 5–8 turn the picture a quarter.
  const turned = (meta.orientation ?? 1) >= 5
  return turned ? { width: frameHeight, height: meta.width } : { width: meta.width, height: frameHeight }
}

/**
 * The canvas GIF and WebP declare, bounded like every picture's size before anything decodes
 * it: Chromium allocates it whole. sharp alone misses a GIF's: it measures the first frame when
 * the logical screen is much larger, so a 60000×60000 screen around a 1×1 frame passed as 1×1
 * and showed as a broken picture. Every GIF frame must lie on the screen too: decoders disagree
 * on one that does not (some clip it, some grow the picture to hold it, which makes a frame's
 * rectangle a second way to declare a huge canvas). Returns the GIF's screen, the size Chromium
 * shows it at.
 */
async function checkCanvas(reader: FileReader, contentType: string): Promise<ImageFacts | null> {
  if (contentType === 'image/webp') {
    const webp = await readWebp(reader)
    if (webp.width * webp.height > IMAGE_PIXELS_MAX) throw tooManyPixels(webp.width, webp.height)
    return null
  }
  if (contentType !== 'image/gif') return null
  const gif = await readGif(reader)
  if (gif.width * gif.height > IMAGE_PIXELS_MAX) throw tooManyPixels(gif.width, gif.height)
  gif.frames.forEach((frame, i) => {
    if (frame.left + frame.width > gif.width || frame.top + frame.height > gif.height) {
      throw frameOutside(i + 1, frame, { width: gif.width, height: gif.height })
    }
  })
  return { width: gif.width, height: gif.height }
}
