import type { Readable } from 'node:stream'

/**
 * Where the media of nodes on several hosts live for good (issue 21): each node keeps only a
 * bounded local cache (cache.ts) and fetches what it lacks from here. Files are addressed by the
 * name they have under `/media/` (`<sha256>.<ext>`, `thumbs/<sha256>.jpg`) and never change.
 * Every call is asynchronous and streams: no file is ever held whole in memory, and a transfer
 * never blocks the event loop.
 */
export interface SharedMediaStore {
  /** Names the store in errors and logs ("PostgreSQL large objects"). */
  readonly label: string
  /**
   * Stores the file at `path` under `blob.name` unless the store already holds it, and marks it
   * touched now either way (the orphan sweep spares it for ORPHAN_GRACE_MS). The bytes are read
   * back from the store and their SHA-256 compared with the file's (and with `blob.sha256` when
   * given) before the store's row commits: a failure leaves the store as it was, and throws.
   */
  put(blob: { name: string; mediaSha256: string; sha256?: string }, path: string, now: number): Promise<void>
  /**
   * The named file as a stream, with the SHA-256 and size it was stored with (for the reader to
   * check); null when the store does not hold it. The stream must be read to its end or destroyed.
   */
  open(name: string): Promise<{ sha256: string; bytes: number; stream: Readable } | null>
  /** The names the store holds. */
  names(): Promise<Set<string>>
  /**
   * Removes the files of media no library row names any more, touched before `touchedBefore`
   * (all such media, or only `mediaSha256`'s). Returns the names removed.
   */
  release(touchedBefore: number, mediaSha256?: string): Promise<string[]>
  close(): Promise<void>
}

/** The file names the shared store holds, as served under /media/. */
export const SHARED_NAME = /^(?:thumbs\/)?([0-9a-f]{64})\.[a-z0-9]+$/
