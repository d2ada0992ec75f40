import { Readable } from 'node:stream'
import type { FeedBody, FeedFailure, FeedSource } from '@playlists/schemas/feed'
import type { FastifyBaseLogger } from 'fastify'
import { DomainError } from '../domain-error'
import type { MediaStore } from '../media/store'
import { outboundFailure } from '../outbound/failure'
import type { Outbound } from '../outbound/request'
import type { Publisher } from '../publishing/publisher'
import type { Repositories } from '../repositories'
import { FEED_BYTES_MAX, FeedParseError, parseFeed } from './parse'

/** A portal that has not answered in this long is down for now; the next run tries again. */
export const FEED_TIMEOUT_MS = 10_000
/** A news photo is a few hundred kilobytes; the upload limit's order of size is not needed here. */
export const FEED_IMAGE_BYTES_MAX = 5 * 1024 * 1024
/** Images fetched per source and run: a first fetch of a busy feed does not download a gallery at once. */
export const FEED_IMAGES_PER_FETCH = 10
/** Sources fetched at once by the job: a province's handful, without a burst at every tick. */
export const FEEDS_PER_RUN = 4

export interface FeedOptions {
  timeoutMs?: number
}

const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1'
const MINUTE = 60_000

class FetchFailure extends Error {
  constructor(
    readonly code: FeedFailure,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Fetches the feed sources and keeps their entries. Only through `Outbound` (the admin's rules of
 * where the server may reach), with a conditional request (the validators of the last answer
 * from the same address), a timeout and a size limit. A source that fails keeps its entries; one
 * failing for its alert delay raises an alert once per run of failures. The address fetched is
 * the approved version's once there is one: a draft pointing elsewhere brings nothing on air
 * until it is approved in turn.
 */
export class FeedService {
  private readonly stop = new AbortController()
  private running: Promise<void> | null = null
  private readonly timeoutMs: number

  constructor(
    private readonly repos: Repositories,
    private readonly outbound: Outbound,
    private readonly media: MediaStore,
    private readonly publisher: Publisher,
    private readonly log: FastifyBaseLogger,
    /** Told of every source whose state changed (the consoles' namespace). */
    private readonly notify: (source: FeedSource) => void,
    options: FeedOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS
  }

  /** The policy on air (null before the first approval, or after a withdrawal). */
  policy(id: string): FeedBody | null {
    return this.repos.versions.live<FeedBody>('feed', id)?.body ?? null
  }

  /** The address fetched: the approved one, else the draft's (so approvers see what it brings). */
  private addressOf(id: string): string {
    return this.policy(id)?.url ?? this.repos.feeds.get(id).url
  }

  /** Fetches one source now; returns its state after. */
  async refresh(id: string, now: number): Promise<FeedSource> {
    const url = this.addressOf(id)
    const state = this.repos.feeds.fetchState(id)
    const headers: Record<string, string> = { accept: ACCEPT }
    // Validators belong to the address that gave them.
    if (state.fetchedUrl === url) {
      if (state.etag) headers['if-none-match'] = state.etag
      if (state.lastModified) headers['if-modified-since'] = state.lastModified
    }
    try {
      const res = await this.request(url, headers)
      // Deleted while the request was under way: nothing of the answer is kept (404 feed.not-found).
      this.repos.feeds.get(id)
      if (res.status === 304) {
        this.repos.feeds.fetched(id, now, 'not-modified', {
          url,
          etag: state.etag,
          lastModified: state.lastModified,
        })
      } else {
        const feed = parseFeed(res.body, res.url)
        const added = this.repos.feeds.keep(id, url, feed.entries, now)
        this.repos.feeds.fetched(id, now, 'ok', {
          url,
          etag: header(res.headers.etag),
          lastModified: header(res.headers['last-modified']),
        })
        if (added.length > 0) await this.fetchImages(id)
        this.republish(id)
      }
    } catch (error) {
      const failure = asFailure(error)
      if (!failure) throw error
      this.repos.feeds.failed(id, now, failure.code, failure.message)
      this.log.warn({ feed: id, code: failure.code }, `feed ${id}: ${failure.message}`)
      this.raiseAlert(id, now)
    }
    const source = this.repos.feeds.get(id)
    this.notify(source)
    return source
  }

  /** For the job table: fetches the sources due at `now`, a few at a time; a run under way is not doubled. */
  refreshDue(now: number): Promise<void> {
    this.running ??= this.runDue(now).finally(() => {
      this.running = null
    })
    return this.running
  }

  /** Aborts fetches in flight and waits for the run. */
  async close(): Promise<void> {
    this.stop.abort()
    await this.running?.catch(() => undefined)
  }

  /** The screens whose documents carry this source's entries get them again (new entries, a withdrawal). */
  republish(id: string): void {
    this.publisher.republish(this.publisher.screensReachedBy('feed', id))
  }

  private async runDue(now: number): Promise<void> {
    const due = this.repos.feeds.due(now)
    for (let i = 0; i < due.length && !this.stop.signal.aborted; i += FEEDS_PER_RUN) {
      await Promise.all(due.slice(i, i + FEEDS_PER_RUN).map((id) => this.refreshKept(id, now)))
    }
    // A source that failed once and is not due again before its alert delay ends is still alerted in time.
    for (const source of this.repos.feeds.list()) {
      if (source.failingSince !== null && source.alertedAt === null && this.raiseAlert(source.id, now)) {
        this.notify(this.repos.feeds.get(source.id))
      }
    }
  }

  /** For the job: a source deleted since the run began, or while its fetch was under way, is left alone. */
  private async refreshKept(id: string, now: number): Promise<void> {
    try {
      await this.refresh(id, now)
    } catch (error) {
      if (error instanceof DomainError && error.code === 'feed.not-found') return
      throw error
    }
  }

  /** Raises the source's alert when it has failed for its alert delay and none is raised yet. */
  private raiseAlert(id: string, now: number): boolean {
    const source = this.repos.feeds.get(id)
    if (source.failingSince === null || source.alertedAt !== null) return false
    if (Date.parse(source.failingSince) + source.alertAfterMinutes * MINUTE > now) return false
    this.repos.feeds.alerted(id, now)
    this.log.error(
      { feed: id, failingSince: source.failingSince, error: source.lastError },
      `feed ${id} has failed since ${source.failingSince}: screens keep its last entries`,
    )
    return true
  }

  private async request(url: string, headers: Record<string, string>) {
    const res = await this.outbound.request(url, {
      headers,
      timeoutMs: this.timeoutMs,
      signal: this.stop.signal,
      maxBytes: FEED_BYTES_MAX,
      readBody: (status) => status === 200,
    })
    if (res.status !== 200 && res.status !== 304) {
      throw new FetchFailure('status', `the source answered HTTP ${res.status} instead of a feed`)
    }
    if (res.truncated) {
      throw new FetchFailure('too-large', `the feed is larger than ${FEED_BYTES_MAX} bytes`)
    }
    return res
  }

  /** Each new entry's image, kept as media when it is an image the media store accepts. */
  private async fetchImages(id: string): Promise<void> {
    for (const wanted of this.repos.feeds.imagesWanted(id).slice(0, FEED_IMAGES_PER_FETCH)) {
      try {
        const res = await this.outbound.request(wanted.imageUrl, {
          timeoutMs: this.timeoutMs,
          signal: this.stop.signal,
          maxBytes: FEED_IMAGE_BYTES_MAX,
          readBody: (status) => status === 200,
        })
        // The source was deleted meanwhile: its entries are gone, and their images are not wanted.
        if (!this.repos.feeds.find(id)) return
        if (res.status !== 200 || res.truncated) {
          this.log.warn({ feed: id, url: wanted.imageUrl, status: res.status }, 'feed image not kept')
          continue
        }
        const originalName = decodeURIComponent(new URL(res.url).pathname.split('/').pop() || 'image')
        // No claims: a feed's file names and types are often wrong; the bytes alone decide.
        const stored = await this.media.receive(Readable.from([res.body]), () => false, FEED_IMAGE_BYTES_MAX)
        if (stored.kind !== 'image') {
          await this.media.remove(stored.sha256, stored.ext).catch(() => undefined)
          continue
        }
        const { media } = this.repos.media.insert({ ...stored, originalName, tags: ['feed', id] })
        this.repos.feeds.setMedia(wanted.id, media.id)
      } catch (error) {
        // An image refused (not an image, too large, unreachable) leaves the entry as text.
        if (!(error instanceof DomainError) && !asFailure(error)) throw error
        this.log.warn({ feed: id, url: wanted.imageUrl, err: error }, 'feed image not kept')
      }
    }
  }
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null))

/** A failure of the source (refused, slow, gone, bad feed), not of the server; null for anything else. */
function asFailure(error: unknown): FetchFailure | null {
  if (error instanceof FetchFailure) return error
  if (error instanceof FeedParseError) return new FetchFailure(error.code, error.message)
  const outbound = outboundFailure(error)
  return outbound && new FetchFailure(outbound.kind, outbound.message)
}
