import { IMAGE_BYTES_MAX, VIDEO_BYTES_MAX } from '@playlists/limits'
import type { MediaKind } from '@playlists/schemas/media'

/**
 * The formats a Chromium player can show, by the content type detected from the file's bytes.
 * Anything else is refused at upload: a file that cannot play must never reach a gate's screen.
 */
export interface MediaFormat {
  kind: MediaKind
  /** The type stored and served; variants (APNG, M4V) are stored as their family. */
  contentType: string
  /** The extension it is stored under. */
  ext: string
  /** Every extension a file of this format may honestly carry. */
  exts: readonly string[]
  /** How people call it, in messages: "a JPEG image". */
  label: string
  maxBytes: number
}

const JPEG: MediaFormat = {
  kind: 'image',
  contentType: 'image/jpeg',
  ext: 'jpg',
  exts: ['jpg', 'jpeg', 'jpe', 'jfif'],
  label: 'a JPEG image',
  maxBytes: IMAGE_BYTES_MAX,
}
const PNG: MediaFormat = {
  kind: 'image',
  contentType: 'image/png',
  ext: 'png',
  exts: ['png', 'apng'],
  label: 'a PNG image',
  maxBytes: IMAGE_BYTES_MAX,
}
const MP4: MediaFormat = {
  kind: 'video',
  contentType: 'video/mp4',
  ext: 'mp4',
  exts: ['mp4', 'm4v'],
  label: 'an MP4 video',
  maxBytes: VIDEO_BYTES_MAX,
}

export const PLAYABLE_FORMATS: Readonly<Record<string, MediaFormat>> = {
  'image/jpeg': JPEG,
  'image/png': PNG,
  // Animated PNG: Chromium plays it like any PNG.
  'image/apng': { ...PNG, label: 'an animated PNG image' },
  'image/webp': {
    kind: 'image',
    contentType: 'image/webp',
    ext: 'webp',
    exts: ['webp'],
    label: 'a WebP image',
    maxBytes: IMAGE_BYTES_MAX,
  },
  'image/gif': {
    kind: 'image',
    contentType: 'image/gif',
    ext: 'gif',
    exts: ['gif'],
    label: 'a GIF image',
    maxBytes: IMAGE_BYTES_MAX,
  },
  'video/mp4': MP4,
  // Apple's M4V brand is an MP4 file; the codec check decides whether it plays.
  'video/x-m4v': MP4,
  'video/webm': {
    kind: 'video',
    contentType: 'video/webm',
    ext: 'webm',
    exts: ['webm'],
    label: 'a WebM video',
    maxBytes: VIDEO_BYTES_MAX,
  },
}

export const PLAYABLE_LIST = 'JPEG, PNG, WebP or GIF images, and MP4 or WebM videos'

/**
 * Formats people often try that screens do not play, with what to do instead. Anything not
 * named here gets the generic answer with the detected type.
 */
export const UNPLAYABLE_HINTS: Readonly<Record<string, string>> = {
  'video/quicktime': 'a QuickTime movie (.mov); re-export it as H.264 MP4',
  'video/matroska': 'a Matroska video (.mkv); re-export it as H.264 MP4 or VP9 WebM',
  'video/vnd.avi': 'an AVI video; re-export it as H.264 MP4',
  'video/x-ms-asf': 'a Windows Media video; re-export it as H.264 MP4',
  'video/x-flv': 'a Flash video; re-export it as H.264 MP4',
  'video/mpeg': 'an MPEG-1/2 video; re-export it as H.264 MP4',
  'video/mp2t': 'an MPEG transport stream (.ts); re-export it as H.264 MP4',
  'video/3gpp': 'a 3GP phone video; re-export it as H.264 MP4',
  'image/heic': 'a HEIC photo (iPhone); export it as JPEG',
  'image/heif': 'a HEIF photo; export it as JPEG',
  'image/avif': 'an AVIF image; export it as JPEG, PNG or WebP',
  'image/tiff': 'a TIFF image; export it as JPEG or PNG',
  'image/bmp': 'a BMP image; export it as PNG',
  'image/vnd.adobe.photoshop': 'a Photoshop file; export it as JPEG or PNG',
  'application/pdf': 'a PDF document; export the page as PNG',
  'audio/mpeg': 'an MP3 sound file; screens show pictures and videos',
  'audio/x-m4a': 'an M4A sound file; screens show pictures and videos',
  'audio/mp4': 'an MP4 sound file; screens show pictures and videos',
}
