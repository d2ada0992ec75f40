import type { MediaKind } from '@playlists/schemas/media'
import { fileTypeFromFile } from 'file-type'
import { payloadTooLarge } from '../errors'
import { checkClaims } from './claims'
import { withFileReader } from './file-reader'
import { type MediaFormat, PLAYABLE_FORMATS } from './formats'
import { inspectImage } from './image'
import { looksComplete } from './integrity'
import { damaged, hiddenData, refuseUnplayable } from './refusal'
import { trailingBytes } from './trailing'
import { inspectVideo } from './video'

/** What the client said about the file: checked against the content, never believed. */
export interface UploadClaims {
  fileName?: string
  contentType?: string
}

/** Everything the server measured about an accepted file. */
export interface Inspected {
  format: MediaFormat
  kind: MediaKind
  width: number
  height: number
  durationMs: number | null
  videoCodec: string | null
  audioCodec: string | null
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`
  if (n >= 1024) return `${Math.round(n / 1024)} KB`
  return `${n} bytes`
}

/**
 * Decides from the bytes alone what a received file is, and whether a screen can play it.
 * The checks run cheapest first — signature, claims, size, structure, then a real decode or
 * the video's headers — and every refusal says why, with a 4xx the uploader can act on.
 */
export async function inspectFile(
  path: string,
  bytes: number,
  claims: UploadClaims = {},
): Promise<Inspected> {
  const detected = (await fileTypeFromFile(path))?.mime
  return withFileReader(path, async (reader) => {
    const format = detected === undefined ? undefined : PLAYABLE_FORMATS[detected]
    if (!detected || !format) return refuseUnplayable(reader, detected)
    checkClaims(format, claims)
    if (bytes > format.maxBytes) {
      throw payloadTooLarge(
        'media.too-large',
        `This ${format.kind} is ${formatBytes(bytes)}; the limit for ${format.kind}s is ${formatBytes(format.maxBytes)}.`,
        { limitBytes: format.maxBytes, bytes },
      )
    }
    // Before the end-marker check: a picture with data glued after its end is not a truncated one.
    const hidden = await trailingBytes(reader, detected)
    if (hidden > 0) throw hiddenData(format.kind, hidden)
    if (!(await looksComplete(reader, detected))) throw damaged(format.kind)
    if (format.kind === 'image') {
      const image = await inspectImage(path, format, reader)
      return { format, kind: format.kind, ...image, durationMs: null, videoCodec: null, audioCodec: null }
    }
    const video = await inspectVideo(reader, format)
    return { format, kind: format.kind, ...video }
  })
}
