import { IMAGE_BYTES_MAX, VIDEO_BYTES_MAX } from '../../playlists/limits'
import type { MediaKind } from '../../playlists/schemas/media'

/**
 * The formats a Chromium player can show, by the content type detected from the file's bytes.
 * Anything else is refused at upload: a file that cannot play must never reach a gate's screen.
 */
export interface MediaFormat {
  kind: MediaKind
  ext: string
  maxBytes: number
}

export const PLAYABLE_FORMATS: Readonly<Record<string, MediaFormat>> = {
  'image/jpeg': { kind: 'image', ext: 'jpg', maxBytes: IMAGE_BYTES_MAX },
  'image/png': { kind: 'image', ext: 'png', maxBytes: IMAGE_BYTES_MAX },
  'image/webp': { kind: 'image', ext: 'webp', maxBytes: IMAGE_BYTES_MAX },
  'image/gif': { kind: 'image', ext: 'gif', maxBytes: IMAGE_BYTES_MAX },
  'video/mp4': { kind: 'video', ext: 'mp4', maxBytes: VIDEO_BYTES_MAX },
  'video/webm': { kind: 'video', ext: 'webm', maxBytes: VIDEO_BYTES_MAX },
}

export const PLAYABLE_LIST = 'JPEG, PNG, WebP or GIF images, and MP4 or WebM videos'
