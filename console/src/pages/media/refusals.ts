import type { ApiError } from '../../api'
import { statusMessage } from '../../i18n/common'
import { formatBytes, formatNumber } from '../../i18n/i18n'
import { tm } from './messages'
import { CANCELLED } from './upload'

/**
 * Why the server refused a file, as a sentence in the reader's language. The server explains in
 * English and says what it found in `details` (server/media/refusal.ts, claims.ts, image.ts,
 * inspect.ts, video.ts, store.ts); the sentence is chosen from those details, never from the
 * English words, and the console shows the English beside it for the specifics.
 */

/** Names of formats and codecs: the same in every language. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'video/mp4': 'MP4',
  'video/webm': 'WebM',
  'video/quicktime': 'QuickTime (.mov)',
  'video/matroska': 'Matroska (.mkv)',
  'video/vnd.avi': 'AVI',
  'video/x-ms-asf': 'Windows Media',
  'video/x-flv': 'Flash Video',
  'video/mpeg': 'MPEG-1/2',
  'video/mp2t': 'MPEG-TS (.ts)',
  'video/3gpp': '3GP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'image/avif': 'AVIF',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
  'image/svg+xml': 'SVG',
}

const CODEC_NAMES: Readonly<Record<string, string>> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  mpeg4: 'MPEG-4 Part 2 (DivX/Xvid)',
  prores: 'Apple ProRes',
  mjpeg: 'Motion JPEG',
  h263: 'H.263',
  theora: 'Theora',
}

const formatName = (type: unknown) => (typeof type === 'string' ? (FORMAT_NAMES[type] ?? type) : '?')
const megabytes = (bytes: number) => formatNumber(bytes / (1024 * 1024), { maximumFractionDigits: 1 })
const megapixels = (pixels: number) => formatNumber(pixels / 1_000_000, { maximumFractionDigits: 1 })

type Details = Record<string, unknown>

/** The translated reason an upload failed; `file` is what the browser sent. */
export function refusalText(error: ApiError, file: { name: string; size: number }): string {
  const d: Details = error.details && typeof error.details === 'object' ? (error.details as Details) : {}
  if (error.kind === CANCELLED) return tm('refused.cancelled')
  switch (error.status) {
    case 0:
      return tm('refused.network')
    case 400:
      return file.size === 0 ? tm('refused.empty') : tm('refused.bad-request')
    case 408:
      return tm('refused.stalled')
    case 413:
      return tooLarge(d, file)
    case 415:
      return unsupported(d, file)
    case 422:
      return unreadable(d)
    default:
      return statusMessage(error.status)
  }
}

function tooLarge(d: Details, file: { size: number }): string {
  if (typeof d.limitPixels === 'number' && typeof d.width === 'number' && typeof d.height === 'number') {
    return tm('refused.pixels', {
      width: d.width,
      height: d.height,
      megapixels: megapixels(d.width * d.height),
      limit: megapixels(d.limitPixels),
    })
  }
  const limit = typeof d.limitBytes === 'number' ? megabytes(d.limitBytes) : '?'
  const size = typeof d.bytes === 'number' ? d.bytes : file.size
  return tm('refused.too-large', { size: formatBytes(size), limit })
}

function unsupported(d: Details, file: { name: string }): string {
  if (typeof d.named === 'string') {
    return tm('refused.misnamed', { name: file.name, named: d.named, detected: formatName(d.detected) })
  }
  if (typeof d.declared === 'string') {
    return tm('refused.mislabelled', { declared: d.declared, detected: formatName(d.detected) })
  }
  switch (d.refused) {
    case 'svg-active-content':
      return tm('refused.svg-script')
    case 'svg':
      return tm('refused.svg')
    case 'program':
      return tm('refused.program')
    case 'archive':
      return tm('refused.archive')
    case 'html':
      return tm('refused.html')
  }
  if (typeof d.profile === 'number') return tm('refused.h264-profile')
  if (typeof d.videoCodec === 'string') {
    const codec = CODEC_NAMES[d.videoCodec] ?? d.videoCodec
    return tm(d.container === 'webm' ? 'refused.codec-webm' : 'refused.codec-mp4', { codec })
  }
  if (typeof d.detected === 'string') {
    const format = formatName(d.detected)
    if (d.detected.startsWith('video/')) return tm('refused.format-video', { format })
    if (d.detected.startsWith('image/')) return tm('refused.format-image', { format })
    return tm('refused.format-other', { format })
  }
  return tm('refused.unknown')
}

function unreadable(d: Details): string {
  if (typeof d.trailingBytes === 'number') {
    const key = d.kind === 'video' ? 'refused.hidden-data-video' : 'refused.hidden-data'
    return tm(key, { size: formatBytes(d.trailingBytes) })
  }
  if (d.refused === 'frame-outside')
    return tm('refused.frame-outside', { frame: typeof d.frame === 'number' ? d.frame : '?' })
  if ('videoCodec' in d && d.videoCodec === null) return tm('refused.no-picture')
  return tm('refused.damaged')
}
