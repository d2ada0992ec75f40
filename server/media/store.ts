import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileTypeFromFile } from 'file-type'
import { imageSizeFromFile } from 'image-size/fromFile'
import { HttpError, payloadTooLarge, unsupportedMedia } from '../errors'
import type { NewMedia } from '../repositories/media'
import { mediaFileName } from '../repositories/media'
import { PLAYABLE_FORMATS, PLAYABLE_LIST } from './formats'
import { looksComplete } from './integrity'

/** A file received whole, checked, and moved under its content address. */
export type StoredFile = Omit<NewMedia, 'originalName'>

/**
 * Media files on disk: `<dir>/<sha256>.<ext>`, written to `<dir>/.incoming/` first and renamed
 * into place only once complete and accepted, so a crash never leaves a half file visible.
 */
export class MediaStore {
  readonly dir: string
  private readonly incoming: string

  constructor(dir: string) {
    this.dir = dir
    this.incoming = join(dir, '.incoming')
  }

  /** Creates the folders and removes partial uploads left by a crash. */
  async init(): Promise<void> {
    await mkdir(this.incoming, { recursive: true })
    for (const name of await readdir(this.incoming)) await rm(join(this.incoming, name), { force: true })
  }

  path(sha256: string, ext: string): string {
    return join(this.dir, mediaFileName(sha256, ext))
  }

  /**
   * Streams `source` to a temporary file while hashing it, then decides from the bytes whether
   * it is something a screen can play. `isTruncated` tells whether the multipart limit cut it.
   */
  async receive(source: Readable, isTruncated: () => boolean, maxBytes: number): Promise<StoredFile> {
    const temp = join(this.incoming, randomUUID())
    const hash = createHash('sha256')
    let bytes = 0
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        bytes += chunk.length
        done(null, chunk)
      },
    })
    try {
      await pipeline(source, meter, createWriteStream(temp, { flags: 'wx' }))
      if (isTruncated()) {
        throw payloadTooLarge(`The file is larger than the upload limit of ${formatBytes(maxBytes)}.`, {
          limitBytes: maxBytes,
        })
      }
      if (bytes === 0) throw new HttpError(400, 'The file is empty.')
      const detected = await fileTypeFromFile(temp)
      const format = detected && PLAYABLE_FORMATS[detected.mime]
      if (!detected || !format) {
        throw unsupportedMedia(
          `This file is ${detected ? `${detected.mime}` : 'not a recognised image or video'}; screens can play ${PLAYABLE_LIST}.`,
          { detected: detected?.mime ?? null },
        )
      }
      if (bytes > format.maxBytes) {
        throw payloadTooLarge(
          `This ${format.kind} is ${formatBytes(bytes)}; the limit for ${format.kind}s is ${formatBytes(format.maxBytes)}.`,
          { limitBytes: format.maxBytes, bytes },
        )
      }
      if (!(await looksComplete(temp, detected.mime, bytes))) {
        throw new HttpError(
          422,
          `The ${format.kind} could not be read: it looks truncated or damaged. Export or copy it again.`,
        )
      }
      let width: number | null = null
      let height: number | null = null
      if (format.kind === 'image') {
        const size = await imageSizeFromFile(temp).catch(() => undefined)
        if (!size?.width || !size.height) {
          throw new HttpError(
            422,
            'The image could not be read: it looks truncated or damaged. Export it again.',
          )
        }
        width = size.width
        height = size.height
      }
      const sha256 = hash.digest('hex')
      const target = this.path(sha256, format.ext)
      const already = await stat(target).then(
        (s) => s.size === bytes,
        () => false,
      )
      if (already) await rm(temp, { force: true })
      else await rename(temp, target)
      return { sha256, kind: format.kind, contentType: detected.mime, ext: format.ext, bytes, width, height }
    } catch (error) {
      await rm(temp, { force: true })
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw payloadTooLarge(`The file is larger than the upload limit of ${formatBytes(maxBytes)}.`, {
          limitBytes: maxBytes,
        })
      }
      throw error
    }
  }

  async remove(sha256: string, ext: string): Promise<void> {
    await rm(this.path(sha256, ext), { force: true })
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`
  if (n >= 1024) return `${Math.round(n / 1024)} KB`
  return `${n} bytes`
}
