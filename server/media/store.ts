import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { Readable } from 'node:stream'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { UPLOAD_STALL_MS } from '@playlists/limits'
import { badRequest, DomainError, payloadTooLarge, serviceUnavailable } from '../errors'
import type { MeasuredMedia } from '../repositories/media'
import { mediaFileName, THUMBS_FOLDER } from '../repositories/media'
import { formatBytes, inspectFile, type UploadClaims } from './inspect'
import { type CacheLog, MediaCache } from './shared/cache'
import type { SharedMediaStore } from './shared/shared-store'
import { thumbnailName, writeImageThumbnail, writeVideoPoster } from './thumbnails'

declare module 'fastify' {
  interface FastifyInstance {
    /** The media folder: uploads, and the sweep of what crashes leave (job `media-sweep`). */
    mediaStore: MediaStore
  }
}

/** A file received whole, checked, and moved under its content address. */
export type StoredFile = MeasuredMedia

export interface MediaStoreOptions {
  /** Cut an upload that sends nothing for this long; lowered by tests. */
  stallMs?: number
  /**
   * Nodes on several hosts (DATABASE_URL is PostgreSQL): the store every file lives in, and the
   * bound of this node's folder, which then only caches it (shared/cache.ts).
   */
  shared?: { store: SharedMediaStore; cacheBytes: number; log: CacheLog }
}

/** The 408 of an upload that stopped sending; the route closes the connection after it. */
export class UploadStalledError extends DomainError {
  constructor(stallMs: number) {
    super(
      'upload.stalled',
      `The upload stopped: no data arrived for ${Math.round(stallMs / 1000)} s. Nothing was stored; ` +
        'check the connection and upload the file again.',
    )
  }
}

/**
 * With several nodes sharing the media folder, a file younger than this may belong to an upload
 * another node is finishing (its library row not yet written); uploads stall out after 30 s.
 */
export const ORPHAN_GRACE_MS = 10 * 60_000

/** `<sha256>.<ext>`, the names of stored media and of their thumbnails. */
const CONTENT_NAME = /^([0-9a-f]{64})\.[a-z0-9]+$/

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  )

/**
 * Media files on disk: `<dir>/<sha256>.<ext>` and console thumbnails in `<dir>/thumbs/`, all
 * written to `<dir>/.incoming/` first and renamed into place only once complete and accepted,
 * so a crash never leaves a half file visible.
 */
export class MediaStore {
  readonly dir: string
  readonly thumbsDir: string
  private readonly incoming: string
  private readonly stallMs: number
  /** With a shared store only: this node's folder as its cache. */
  readonly cache: MediaCache | undefined
  private readonly log: CacheLog | undefined

  constructor(dir: string, options: MediaStoreOptions = {}) {
    this.dir = dir
    this.thumbsDir = join(dir, THUMBS_FOLDER)
    this.incoming = join(dir, '.incoming')
    this.stallMs = options.stallMs ?? UPLOAD_STALL_MS
    const shared = options.shared
    this.cache = shared && new MediaCache(dir, this.incoming, shared.store, shared.cacheBytes, shared.log)
    this.log = shared?.log
  }

  /** Creates the folders; with a shared store, lists what the folder and the store hold. */
  async init(): Promise<void> {
    await mkdir(this.incoming, { recursive: true })
    await mkdir(this.thumbsDir, { recursive: true })
    await this.cache?.init()
  }

  /**
   * Before `/media/<name>` is served: true when the folder holds the file, fetched from the
   * shared store if it was missing; always true without a shared store (the folder is all there is).
   */
  async ensure(name: string): Promise<boolean> {
    return this.cache ? this.cache.ensure(name) : true
  }

  /**
   * Removes what a crash can leave behind: partial uploads in `.incoming/`, and whole files (and
   * thumbnails) whose library row was never written — an upload renames its file into place just
   * before the row commits. Only files last written before `before` go: with several nodes
   * sharing the folder, another node may be between those two steps right now.
   */
  async sweep(inLibrary: ReadonlySet<string>, before: number): Promise<string[]> {
    const removed: string[] = []
    const sweepFolder = async (folder: string, keep: (name: string) => boolean) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (!entry.isFile() || keep(entry.name)) continue
        const path = join(folder, entry.name)
        const written = await stat(path).then(
          (s) => s.mtimeMs,
          () => Number.POSITIVE_INFINITY,
        )
        if (written >= before) continue
        await rm(path, { force: true })
        removed.push(path)
      }
    }
    const shaOf = (name: string) => CONTENT_NAME.exec(name)?.[1]
    await sweepFolder(this.incoming, () => false)
    await sweepFolder(this.dir, (name) => {
      const sha = shaOf(name)
      return sha === undefined || inLibrary.has(sha) // not a content-addressed file: not ours to judge
    })
    await sweepFolder(this.thumbsDir, (name) => {
      const sha = shaOf(name)
      return sha === undefined || inLibrary.has(sha)
    })
    const cache = this.cache
    if (!cache) return removed
    for (const path of removed) cache.forget(relative(this.dir, path))
    // The shared store's orphans: its files are every node's, so only those older than any
    // upload in flight anywhere go, whatever this node knows of its own folder.
    const released = await cache.store.release(Math.min(before, Date.now() - ORPHAN_GRACE_MS))
    cache.released(released)
    return [...removed, ...released.map((name) => `${cache.store.label}: ${name}`)]
  }

  path(sha256: string, ext: string): string {
    return join(this.dir, mediaFileName(sha256, ext))
  }

  /**
   * Streams `source` to a temporary file while hashing it, then decides from the bytes whether
   * it is something a screen can play. `isTruncated` tells whether the multipart limit cut it;
   * `claims` (the client's file name and type) must agree with the content.
   */
  async receive(
    source: Readable,
    isTruncated: () => boolean,
    maxBytes: number,
    claims: UploadClaims = {},
  ): Promise<StoredFile> {
    const temp = join(this.incoming, randomUUID())
    const thumbTemp = `${temp}.thumb`
    const tooLarge = () =>
      payloadTooLarge(
        'upload.too-large',
        `The file is larger than the upload limit of ${formatBytes(maxBytes)}.`,
        {
          limitBytes: maxBytes,
        },
      )
    try {
      const { sha256, bytes } = await this.write(source, temp)
      if (isTruncated()) throw tooLarge()
      if (bytes === 0) throw badRequest('upload.empty', 'The file is empty.')
      const found = await inspectFile(temp, bytes, claims)
      const thumbnail = thumbnailName(sha256)
      const thumbTarget = join(this.thumbsDir, thumbnail)
      const thumbHere = await exists(thumbTarget)
      if (!thumbHere) {
        if (found.kind === 'image') await writeImageThumbnail(temp, thumbTemp)
        else await writeVideoPoster(thumbTemp, { ...found, durationMs: found.durationMs ?? 0 })
      }
      const name = mediaFileName(sha256, found.format.ext)
      const thumbName = `${THUMBS_FOLDER}/${thumbnail}`
      // In the shared store before anything is in place here or the caller writes the row.
      if (this.cache) {
        await this.share(this.cache.store, sha256, [
          [name, temp, sha256],
          [thumbName, thumbHere ? thumbTarget : thumbTemp, undefined],
        ])
      }
      const thumbBytes = thumbHere ? 0 : (await stat(thumbTemp)).size
      if (!thumbHere) await rename(thumbTemp, thumbTarget)
      const target = this.path(sha256, found.format.ext)
      const already = await stat(target).then(
        (s) => s.size === bytes,
        () => false,
      )
      if (already) await rm(temp, { force: true })
      else await rename(temp, target)
      if (!thumbHere) this.cache?.stored(thumbName, thumbBytes)
      if (!already) this.cache?.stored(name, bytes)
      return {
        sha256,
        kind: found.kind,
        contentType: found.format.contentType,
        ext: found.format.ext,
        bytes,
        width: found.width,
        height: found.height,
        durationMs: found.durationMs,
        videoCodec: found.videoCodec,
        audioCodec: found.audioCodec,
        thumbnail,
      }
    } catch (error) {
      await rm(temp, { force: true })
      await rm(thumbTemp, { force: true })
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge()
      throw error
    }
  }

  /**
   * Copies `source` to `temp`, hashing as it goes; nothing is buffered beyond the stream's own
   * chunks. A source that sends nothing for `stallMs` is cut with UploadStalledError.
   */
  private async write(source: Readable, temp: string): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256')
    let bytes = 0
    let timer: NodeJS.Timeout | undefined
    const stallMs = this.stallMs
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        bytes += chunk.length
        arm()
        done(null, chunk)
      },
    })
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(() => meter.destroy(new UploadStalledError(stallMs)), stallMs)
    }
    arm()
    const file = createWriteStream(temp, { flags: 'wx' })
    try {
      await pipeline(source, meter, file)
    } catch (error) {
      // The pipeline gives up without waiting for the file to be opened and closed: a body cut
      // at once would have it created after the caller's clean-up removed it, and left behind.
      if (!file.closed) await new Promise<void>((closed) => file.once('close', () => closed()))
      const e = error as { code?: string; syscall?: string; message?: string }
      // Ours: a stall, the size limit (answered by the caller), or the disk (a 500, logged).
      if (error instanceof DomainError || e.syscall || e.code === 'FST_REQ_FILE_TOO_LARGE') throw error
      // Anything else came from the request: a body cut short, a broken multipart part.
      throw badRequest(
        'upload.incomplete',
        `The upload ended before the file was complete (${e.message ?? 'the connection closed'}). ` +
          'Nothing was stored; upload the file again.',
      )
    } finally {
      clearTimeout(timer)
    }
    return { sha256: hash.digest('hex'), bytes }
  }

  /**
   * Writes a new medium's files to the shared store, each verified there. Whatever fails, the
   * upload is refused with 503 (the request was good; the store is what failed, and a retry
   * later succeeds): no library row is written, and the store keeps what it held before.
   */
  private async share(
    store: SharedMediaStore,
    mediaSha256: string,
    files: readonly (readonly [name: string, path: string, sha256: string | undefined])[],
  ): Promise<void> {
    try {
      for (const [name, path, sha256] of files) {
        await store.put({ name, mediaSha256, ...(sha256 === undefined ? {} : { sha256 }) }, path, Date.now())
      }
    } catch (error) {
      this.log?.error({ err: error, sha256: mediaSha256 }, `storing an upload in ${store.label} failed`)
      throw serviceUnavailable(
        'media.store-unavailable',
        'The media store the servers share cannot be reached right now, so the file was not stored. ' +
          'Try again in a few minutes.',
      )
    }
  }

  /**
   * Removes a medium's file and its thumbnail; from the shared store too, once no library row
   * names the medium and no upload has touched it within ORPHAN_GRACE_MS (else the sweep does,
   * later). The row is already gone: a store out of reach is logged, not answered.
   */
  async remove(sha256: string, ext: string): Promise<void> {
    const name = mediaFileName(sha256, ext)
    const thumbName = `${THUMBS_FOLDER}/${thumbnailName(sha256)}`
    await rm(join(this.dir, name), { force: true })
    await rm(join(this.dir, thumbName), { force: true })
    const cache = this.cache
    if (!cache) return
    cache.forget(name)
    cache.forget(thumbName)
    await cache.store.release(Date.now() - ORPHAN_GRACE_MS, sha256).then(
      (released) => cache.released(released),
      (error: unknown) =>
        this.log?.warn(
          { err: error, sha256 },
          `could not release a deleted medium's files from ${cache.store.label}`,
        ),
    )
  }
}
