import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { serviceUnavailable } from '../../errors'
import { SHARED_NAME, type SharedMediaStore } from './shared-store'

/**
 * MEDIA_CACHE_MB's default: 10 GiB holds a province's playlists (a few hundred images and a few
 * dozen videos of 100–500 MB) on a node's own disk, so screens are served from it, not from the
 * shared store, once each file was asked for once.
 */
export const MEDIA_CACHE_MB_DEFAULT = 10_240

export interface CacheLog {
  warn: (fields: object, message: string) => void
  error: (fields: object, message: string) => void
}

/**
 * A node's media folder as a cache of the shared store (nodes on several hosts, issue 21): a file
 * asked for and missing is fetched once (requests for the same file meanwhile wait on that one
 * fetch), its SHA-256 and size checked against the store's record (an original's against its name
 * as well), and renamed into the folder whole; then served from the folder exactly as on one host.
 * Past `limitBytes`, the least recently used files the store holds are removed (and fetched again
 * when asked for). A file the store does not hold yet (backfill() uploads those) is never evicted.
 */
export class MediaCache {
  /** Local files, least recently used first (a Map keeps insertion order): name → bytes. */
  private readonly files = new Map<string, number>()
  private total = 0
  private readonly fetching = new Map<string, Promise<void>>()
  private shared = new Set<string>()

  constructor(
    readonly dir: string,
    private readonly incoming: string,
    readonly store: SharedMediaStore,
    readonly limitBytes: number,
    private readonly log: CacheLog,
  ) {}

  /** Lists the folder's files (oldest written first) and the names the store holds. */
  async init(): Promise<void> {
    const found: { name: string; bytes: number; at: number }[] = []
    for (const folder of ['', 'thumbs/']) {
      const entries = await readdir(join(this.dir, folder), { withFileTypes: true }).catch(() => [])
      for (const entry of entries) {
        const name = folder + entry.name
        if (!entry.isFile() || !SHARED_NAME.test(name)) continue
        const s = await stat(join(this.dir, name)).catch(() => null)
        if (s) found.push({ name, bytes: s.size, at: s.mtimeMs })
      }
    }
    for (const file of found.sort((a, b) => a.at - b.at)) this.add(file.name, file.bytes)
    this.shared = await this.store.names()
  }

  /** Bytes held in the folder. */
  get bytes(): number {
    return this.total
  }

  has(name: string): boolean {
    return this.files.has(name)
  }

  /**
   * Makes sure the folder holds `name` (a path under /media/): true when it does, false when
   * neither the folder nor the store has it (the static handler then answers 404).
   */
  async ensure(name: string): Promise<boolean> {
    if (!SHARED_NAME.test(name)) return false
    const size = this.files.get(name)
    if (size !== undefined) {
      this.touch(name, size)
      return true
    }
    let pending = this.fetching.get(name)
    if (!pending) {
      pending = this.fetch(name).finally(() => this.fetching.delete(name))
      this.fetching.set(name, pending)
    }
    await pending
    return this.files.has(name)
  }

  /** A file this node wrote (an upload) that the store now holds as well. */
  stored(name: string, bytes: number): void {
    this.shared.add(name)
    this.add(name, bytes)
    this.evict(name)
  }

  /** A file removed from the folder (its medium deleted, or swept). */
  forget(name: string): void {
    const size = this.files.get(name)
    if (size === undefined) return
    this.files.delete(name)
    this.total -= size
  }

  /** Names released from the store. */
  released(names: readonly string[]): void {
    for (const name of names) this.shared.delete(name)
  }

  /**
   * Uploads the folder's files of library media that the store lacks: those written before this
   * node shared a store (a SQLite installation copied into PostgreSQL, its data folder kept).
   */
  async backfill(inLibrary: ReadonlySet<string>, now: number): Promise<string[]> {
    const sent: string[] = []
    for (const name of [...this.files.keys()]) {
      const sha = SHARED_NAME.exec(name)?.[1]
      if (sha === undefined || !inLibrary.has(sha) || this.shared.has(name)) continue
      const original = !name.startsWith('thumbs/')
      await this.store.put(
        { name, mediaSha256: sha, ...(original ? { sha256: sha } : {}) },
        join(this.dir, name),
        now,
      )
      this.shared.add(name)
      sent.push(name)
    }
    this.evict()
    return sent
  }

  private async fetch(name: string): Promise<void> {
    const opened = await this.store.open(name).catch((error: unknown) => {
      this.log.error({ err: error, file: name }, `cannot reach ${this.store.label} for a media file`)
      throw serviceUnavailable(
        'media.store-unavailable',
        'The shared media store cannot be reached right now; try again in a few minutes.',
      )
    })
    if (!opened) return
    const temp = join(this.incoming, `${randomUUID()}.fetch`)
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
      await pipeline(opened.stream, meter, createWriteStream(temp, { flags: 'wx' }))
    } catch (error) {
      await rm(temp, { force: true })
      this.log.error({ err: error, file: name }, `fetching a media file from ${this.store.label} failed`)
      throw serviceUnavailable(
        'media.store-unavailable',
        'The shared media store cannot be reached right now; try again in a few minutes.',
      )
    }
    const sha256 = hash.digest('hex')
    // An original's name is its address as well; a thumbnail's bytes have a hash of their own.
    const addressed = name.startsWith('thumbs/') || SHARED_NAME.exec(name)?.[1] === sha256
    if (sha256 !== opened.sha256 || bytes !== opened.bytes || !addressed) {
      await rm(temp, { force: true })
      this.log.error(
        { file: name, expected: { sha256: opened.sha256, bytes: opened.bytes }, got: { sha256, bytes } },
        `${this.store.label} hold damaged bytes for a media file: refused, not served`,
      )
      throw serviceUnavailable(
        'media.blob-corrupt',
        'The shared store’s copy of this file is damaged; it is not served. Upload the file again.',
      )
    }
    await rename(temp, join(this.dir, name))
    this.shared.add(name)
    this.add(name, bytes)
    this.evict(name)
  }

  private add(name: string, bytes: number): void {
    this.forget(name)
    this.files.set(name, bytes)
    this.total += bytes
  }

  private touch(name: string, bytes: number): void {
    this.files.delete(name)
    this.files.set(name, bytes)
  }

  /**
   * Removes least recently used files the store holds until the folder fits; `keep` (the file just
   * fetched) stays even alone over the limit. A file being served meanwhile keeps streaming: the
   * open descriptor holds its bytes.
   */
  private evict(keep?: string): void {
    if (this.total <= this.limitBytes) return
    for (const [name, bytes] of this.files) {
      if (this.total <= this.limitBytes) break
      if (name === keep || !this.shared.has(name)) continue
      this.files.delete(name)
      this.total -= bytes
      rm(join(this.dir, name), { force: true }).catch((error: unknown) =>
        this.log.warn({ err: error, file: name }, 'could not remove a cached media file'),
      )
    }
  }
}
