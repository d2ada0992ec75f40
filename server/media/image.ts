import sharp, { type Metadata } from 'sharp'
import { IMAGE_PIXELS_MAX } from '../../playlists/limits'
import { payloadTooLarge } from '../errors'
import type { MediaFormat } from './formats'
import { damaged } from './refusal'

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
export async function inspectImage(path: string, format: MediaFormat): Promise<ImageFacts> {
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
  if (pixels > IMAGE_PIXELS_MAX) {
    throw payloadTooLarge(
      `This image is ${meta.width}×${frameHeight} pixels (${megapixels(pixels)} megapixels); the limit is ` +
        `${megapixels(IMAGE_PIXELS_MAX)} megapixels, far more than any screen shows. Scale it down to the ` +
        "screen's size and upload it again.",
      { width: meta.width, height: frameHeight, limitPixels: IMAGE_PIXELS_MAX },
    )
  }
  try {
    await sharp(path, DECODE_OPTIONS).stats()
  } catch {
    throw damaged('image', 'its picture data is damaged and cannot be decoded')
  }
  // EXIF orientations 5–8 turn the picture a quarter.
  const turned = (meta.orientation ?? 1) >= 5
  return turned ? { width: frameHeight, height: meta.width } : { width: meta.width, height: frameHeight }
}

const megapixels = (pixels: number): string => String(Math.round(pixels / 100_000) / 10)
