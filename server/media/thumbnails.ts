import sharp from 'sharp'
import { DECODE_OPTIONS } from './image'
import { posterSvg } from './poster'

/**
 * Console thumbnails: small JPEGs fitted inside a square, so portrait kiosk content and
 * landscape LED content both fit a grid cell. JPEG because every browser shows it and at this
 * size it is a few KB.
 */
export const THUMBNAIL_BOX_PX = 320
const THUMBNAIL_QUALITY = 80
/** Transparent images are shown on the console's dark background. */
const THUMBNAIL_BACKGROUND = '#15191f'
/** A poster card is never smaller than this on its short side, so its digits stay legible. */
const POSTER_SHORT_SIDE_MIN_PX = 120

export const thumbnailName = (sha256: string): string => `${sha256}.jpg`

/** A thumbnail of the (first frame of the) image, upright as Chromium shows it. */
export async function writeImageThumbnail(source: string, target: string): Promise<void> {
  await sharp(source, DECODE_OPTIONS)
    .rotate()
    .resize({ width: THUMBNAIL_BOX_PX, height: THUMBNAIL_BOX_PX, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: THUMBNAIL_BACKGROUND })
    .jpeg({ quality: THUMBNAIL_QUALITY, mozjpeg: true })
    .toFile(target)
}

/** A poster card in the video's shape (see poster.ts for why not a frame). */
export async function writeVideoPoster(
  target: string,
  video: { width: number; height: number; durationMs: number },
): Promise<void> {
  const scale = THUMBNAIL_BOX_PX / Math.max(video.width, video.height)
  const side = (n: number) =>
    Math.max(POSTER_SHORT_SIDE_MIN_PX, Math.min(THUMBNAIL_BOX_PX, Math.round(n * scale)))
  const card = { width: side(video.width), height: side(video.height) }
  await sharp(Buffer.from(posterSvg(card, video)))
    .flatten({ background: THUMBNAIL_BACKGROUND })
    .jpeg({ quality: THUMBNAIL_QUALITY, mozjpeg: true })
    .toFile(target)
}
