import type { ApprovableType } from '@playlists/schemas/approval'
import type { DatasetBody } from '@playlists/schemas/dataset'
import {
  DOCUMENT_FORMAT,
  type DocumentProgramme,
  type DocumentScreen,
  type ScreenDocument,
} from '@playlists/schemas/document'
import { type FeedBody, type OnAirEntry, onAirEntries } from '@playlists/schemas/feed'
import type { Screen } from '@playlists/schemas/screen'
import type { Clock } from '../clock'
import { isoAt } from '../clock'
import type { Store } from '../db/store'
import type { Repositories } from '../repositories'
import { contentHash, PreparedProgramme, type PublishedDocument } from '../repositories/documents'
import { toMediaRef } from '../repositories/media'
import type { PlaylistRevision } from '../repositories/playlists'
import type { ScheduleBody } from '../repositories/schedules'
import {
  type CompileInput,
  compileDocument,
  compileProgramme,
  documentScreen,
  fallbackProgramme,
  programmeKey,
  type StaleReference,
} from './compile'

/** Hands a slice of stored documents to their screens (one call per slice: per-publish costs, such as metrics, are paid once). */
export type Deliver = (documents: readonly PublishedDocument[]) => void

/**
 * Documents pushed per turn of the event loop (see deliverAll): ten thousand, the largest fleet
 * measured, go out in one.
 */
export const DELIVERY_SLICE = 10_000

interface Lookups {
  site: (id: string) => ReturnType<Repositories['sites']['get']>
  revision: (id: string) => ReturnType<Repositories['playlists']['liveRevision']>
  layout: (id: string) => NonNullable<ReturnType<Repositories['layouts']['live']>> | null
  media: (id: string) => ReturnType<typeof toMediaRef> | undefined
  webOrigins: () => ReturnType<Repositories['webOrigins']['allowed']>
  feedEntries: (id: string) => readonly OnAirEntry[]
  dataset: (id: string) => { number: number; body: DatasetBody } | undefined
}

/**
 * Trouble a publish worked around, for the app to log and count: a screen's compile never makes
 * a publish, an emergency message or another screen's document fail.
 */
export interface PublishProblems {
  /** Compiling the screen's programme threw; it got its previous one with the open emergency messages. */
  compileFailed: (screenId: string, error: unknown) => void
  /** Not even that could be stored: the screen keeps the document it has. */
  fallbackFailed: (screenId: string, error: unknown) => void
  /** An item was left out of the screen's document: the medium it shows is gone. */
  stale: (screenId: string, stale: StaleReference) => void
}

const UNREPORTED: PublishProblems = { compileFailed: () => {}, fallbackFailed: () => {}, stale: () => {} }

/** A screen's document to store: its programme (maybe shared with other screens) and its own part. */
interface Compiled {
  programme: PreparedProgramme
  screen: DocumentScreen
}

/** The programme part of a stored document: the document less the screen's identity and stamps. */
const programmeOf = ({
  screenId: _screenId,
  screen: _screen,
  version: _version,
  hash: _hash,
  publishedAt: _publishedAt,
  ...programme
}: ScreenDocument): DocumentProgramme => programme

/** An approved version to put on air. */
export interface GoLive {
  type: ApprovableType
  id: string
  number: number
}

/**
 * Turns approved data into screen documents and hands the changed ones to `deliver`.
 * Storing happens in one transaction; delivery only after it commits, so a player never
 * receives a version the database does not hold. Only screens whose document actually
 * changed are pushed. Documents are compiled from live approved versions only: a draft, a
 * submitted or a rejected version never reaches a screen. Emergency messages travel in the
 * documents too: a screen whose compile fails still gets them (see `fallback`).
 */
export class Publisher {
  constructor(
    private readonly db: Store,
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly deliver: Deliver,
    private readonly problems: PublishProblems = UNREPORTED,
    /** Documents handed to `deliver` per turn of the event loop. */
    private readonly slice = DELIVERY_SLICE,
  ) {}

  /**
   * Puts approved versions on air together: each affected screen gets one new document holding
   * all of them (the seed does this; so does a publish or a rollback of one version).
   */
  goLive(changes: readonly GoLive[]): PublishedDocument[] {
    const documents = this.db
      .transaction(() => {
        const screens = new Set<string>()
        for (const c of changes) {
          // The screens reached before the change and after it (a schedule entry may change target).
          for (const s of this.screensReachedBy(c.type, c.id)) screens.add(s)
          this.repos.versions.setLive(c.type, c.id, c.number)
          for (const s of this.screensReachedBy(c.type, c.id)) screens.add(s)
        }
        return this.compileScreens([...screens].sort())
      })
      .immediate()
    this.deliverAll(documents)
    return documents
  }

  /** Carries out every scheduled publication due at `now`; returns the pushed documents. */
  publishDue(now: number): PublishedDocument[] {
    const documents = this.db
      .transaction(() => {
        const screens = new Set<string>()
        for (const p of this.repos.versions.duePublications(now)) {
          const type = p.objectType
          // Versions are immutable and only approved ones can be scheduled; checked again anyway.
          if (this.repos.versions.find(type, p.objectId, p.version)?.state !== 'approved') {
            this.repos.versions.setPublicationStatus(p.id, 'cancelled')
            continue
          }
          for (const s of this.screensReachedBy(type, p.objectId)) screens.add(s)
          this.repos.versions.setLive(type, p.objectId, p.version)
          this.repos.versions.setPublicationStatus(p.id, 'done')
          for (const s of this.screensReachedBy(type, p.objectId)) screens.add(s)
        }
        return this.compileScreens([...screens].sort())
      })
      .immediate()
    this.deliverAll(documents)
    return documents
  }

  /** Recompiles the given screens (settings, schedules or emergencies changed, or a refresh). */
  republish(screenIds: Iterable<string>): PublishedDocument[] {
    const documents = this.db.transaction(() => this.compileScreens([...new Set(screenIds)])).immediate()
    this.deliverAll(documents)
    return documents
  }

  /** Recompiles every screen whose stored document is older than this server's format (after an upgrade). */
  upgradeDocuments(): PublishedDocument[] {
    return this.republish(this.repos.documents.screensWithFormatBelow(DOCUMENT_FORMAT))
  }

  /** Screens that may show the playlist: as a default (their own or a live zone's), or through a live schedule entry. */
  screensShowing(playlistId: string): string[] {
    const ids = new Set(this.repos.screens.idsUsingPlaylist(playlistId))
    for (const s of this.repos.schedules.liveForPlaylist(playlistId)) {
      for (const id of this.repos.screens.idsForTarget(s.target)) ids.add(id)
    }
    return [...ids].sort()
  }

  /** Screens whose documents the live version of this object is part of. */
  screensReachedBy(type: ApprovableType, id: string): string[] {
    switch (type) {
      case 'playlist':
        return this.screensShowing(id)
      case 'layout':
        return this.repos.screens.idsUsingLayout(id)
      case 'schedule': {
        const live = this.repos.versions.live<ScheduleBody>('schedule', id)
        return live ? this.repos.screens.idsForTarget(live.body.target) : []
      }
      case 'feed':
        // The screens of every playlist on air with an item showing the source.
        return this.screensOfPlaylists(this.repos.playlists.liveShowingFeed(id))
      case 'dataset':
        // The screens of every playlist on air with an item showing the dataset.
        return this.screensOfPlaylists(this.repos.playlists.liveShowingDataset(id))
    }
  }

  private screensOfPlaylists(playlistIds: readonly string[]): string[] {
    const ids = new Set<string>()
    for (const playlistId of playlistIds) for (const s of this.screensShowing(playlistId)) ids.add(s)
    return [...ids].sort()
  }

  /**
   * The document the screen would hold if compiled at `at`, without storing or pushing it:
   * for previews and timelines beyond the current document's horizon.
   */
  preview(screenId: string, at: number): ScreenDocument {
    const content = compileDocument(this.inputsFor(this.repos.screens.get(screenId), at, this.lookups(at)))
    const current = this.repos.documents.latestVersion(screenId)
    return { ...content, version: current?.version ?? 0, hash: contentHash(content), publishedAt: isoAt(at) }
  }

  /**
   * What screens of one batch share (sites, playlists' live revisions, layouts, media, the web
   * allow-list, the feeds' entries on air at `now`), read once per batch: a publish reaching a
   * thousand screens reads each playlist once, not a thousand times. Only valid inside one transaction.
   */
  private lookups(now: number): Lookups {
    const memo = <T>(read: (id: string) => T) => {
      const seen = new Map<string, T>()
      return (id: string): T => {
        if (!seen.has(id)) seen.set(id, read(id))
        return seen.get(id) as T
      }
    }
    let webOrigins: ReturnType<Repositories['webOrigins']['allowed']> | undefined
    return {
      site: memo((id) => this.repos.sites.get(id)),
      revision: memo((id) => this.repos.playlists.liveRevision(id)),
      layout: memo((id) => this.repos.layouts.live(id) ?? null),
      media: memo((id) => {
        const media = this.repos.media.find(id)
        return media && toMediaRef(media)
      }),
      webOrigins: () => {
        webOrigins ??= this.repos.webOrigins.allowed()
        return webOrigins
      },
      // Only the approved version's policy, and only entries fetched from its address.
      feedEntries: memo((id) => {
        const policy = this.repos.versions.live<FeedBody>('feed', id)?.body
        return policy ? onAirEntries(id, policy, this.repos.feeds.entries(id, policy.url), now) : []
      }),
      dataset: memo((id) => this.repos.versions.live<DatasetBody>('dataset', id)),
    }
  }

  /**
   * Compiles and stores the screens' documents. Screens with the same programme (same time zone,
   * layout, default playlist, schedule entries and emergencies: see programmeKey) share one
   * compile, one serialisation and one stored copy of it; each screen adds only its own part.
   * A screen whose compile fails gets its fallback, and the others their documents.
   */
  private compileScreens(screenIds: readonly string[]): PublishedDocument[] {
    const now = this.clock()
    const lookups = this.lookups(now)
    const programmes = new Map<string, PreparedProgramme>()
    const screens = this.repos.screens.findMany(screenIds)
    const all: Compiled[] = []
    for (const screenId of screenIds) {
      const screen = screens.get(screenId)
      if (!screen) continue // deleted meanwhile: nothing to push
      const compiled = this.compile(screen, now, lookups, programmes) ?? this.fallback(screen, now)
      if (compiled) all.push(compiled)
    }
    return this.repos.documents.publishAll(all)
  }

  /** The screen's document from live approved versions; undefined (reported) when compiling it throws. */
  private compile(
    screen: Screen,
    now: number,
    lookups: Lookups,
    programmes: Map<string, PreparedProgramme>,
  ): Compiled | undefined {
    try {
      const input = this.inputsFor(screen, now, lookups)
      input.onStale = (stale) => this.problems.stale(screen.id, stale)
      const key = programmeKey(input)
      let programme = programmes.get(key)
      if (!programme) {
        programme = new PreparedProgramme(compileProgramme(input))
        programmes.set(key, programme)
      }
      return { programme, screen: documentScreen(screen, input.site) }
    } catch (error) {
      this.problems.compileFailed(screen.id, error)
      return undefined
    }
  }

  /**
   * For a screen whose compile failed: the programme it had, with the emergency messages open
   * now, so that a message reaches it whatever broke. Stored as due for refresh now, so the
   * refresh job tries the real compile again within the hour.
   */
  private fallback(screen: Screen, now: number): Compiled | undefined {
    try {
      const previous = this.repos.documents.latest(screen.id)
      const emergencies = this.repos.emergencies.openFor(screen.id, now)
      const programme = fallbackProgramme(previous ? programmeOf(previous) : null, emergencies, now)
      return {
        programme: new PreparedProgramme(programme, now),
        screen: documentScreen(screen, this.repos.sites.get(screen.siteId)),
      }
    } catch (error) {
      this.problems.fallbackFailed(screen.id, error)
      return undefined
    }
  }

  /** Everything a screen's document is compiled from, read within the batch's transaction. */
  private inputsFor(screen: Screen, now: number, lookups: Lookups): CompileInput {
    const site = lookups.site(screen.siteId)
    const schedules = this.repos.schedules.liveForScreen(screen)
    // A layout never approved is not on air: the screen shows its whole panel as one zone meanwhile.
    const layout = screen.layoutId === null ? null : lookups.layout(screen.layoutId)
    const revisions = new Map<string, PlaylistRevision>()
    const zonePlaylists = layout?.zones.map((z) => z.playlistId) ?? []
    for (const id of [screen.defaultPlaylistId, ...zonePlaylists, ...schedules.map((s) => s.playlistId)]) {
      if (id === null || revisions.has(id)) continue
      const revision = lookups.revision(id)
      if (revision) revisions.set(id, revision)
    }
    return {
      screen,
      site,
      schedules,
      emergencies: this.repos.emergencies.openFor(screen.id, now),
      revisions,
      media: lookups.media,
      feedEntries: lookups.feedEntries,
      dataset: lookups.dataset,
      layout,
      webOrigins: lookups.webOrigins(),
      now,
    }
  }

  /**
   * Hands documents to players in slices, yielding to the event loop between them, so that a
   * fleet larger than any measured cannot queue every encoded document at once. Within a slice
   * nothing else runs: each turn given away let in the acknowledgements of the screens already
   * served (reading, parsing and checking them), and the last screens waited for that work.
   * Bench `fanout --players=10000`: slices of 1,000 gave a p99 of about 2.45 s, one slice about
   * 1.6 s, for the same peak memory (about 450 MB): a document's frame shares its programme's
   * bytes with every other (server/realtime/raw-json.ts), so a socket's queued write is small.
   * Slices of 250 against 1,000 at 1,000 players: p99 about 310 ms against 190 ms.
   */
  private deliverAll(documents: readonly PublishedDocument[]): void {
    for (const d of documents)
      this.pushed.set(d.screenId, { version: d.version, atMs: Date.parse(d.publishedAt) })
    this.deliveries++
    const slice = (from: number) => {
      const end = Math.min(documents.length, from + this.slice)
      let more = false
      try {
        this.deliver(from === 0 && end === documents.length ? documents : documents.slice(from, end))
        more = end < documents.length
      } finally {
        // Done, or stopped by a throw: either way nobody may wait for this delivery any longer.
        if (more) setImmediate(() => slice(end))
        else if (--this.deliveries === 0) for (const resolve of this.idleWaiters.splice(0)) resolve()
      }
    }
    slice(0)
  }

  /** Deliveries still handing out slices, and who waits for none to be. */
  private deliveries = 0
  private readonly idleWaiters: (() => void)[] = []
  /** The version this node last pushed to each screen, and when it was published. */
  private readonly pushed = new Map<string, { version: number; atMs: number }>()

  /**
   * Resolves when no delivery is handing out slices; null when none is. The players' answers
   * to a publish (their acknowledgements) wait for it: a thousand screens answer while the
   * last slices are still going out, and recording the answers first would make the last
   * screens wait for the first ones' bookkeeping (bench `fanout`).
   */
  idle(): Promise<void> | null {
    return this.deliveries === 0 ? null : new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** When a version of a screen's document was published (ms), from memory when this node pushed it. */
  publishedAtMs(screenId: string, version: number): number | undefined {
    const pushed = this.pushed.get(screenId)
    if (pushed?.version === version) return pushed.atMs
    return this.repos.documents.publishedAtMs(screenId, version)
  }
}
