import { DOCUMENT_FORMAT, type DocumentContent, type ScreenDocument } from '../../playlists/schemas/document'
import type { Playlist } from '../../playlists/schemas/playlist'
import type { Screen } from '../../playlists/schemas/screen'
import type { Clock } from '../clock'
import { isoAt } from '../clock'
import type { Db } from '../db/open'
import type { Repositories } from '../repositories'
import { contentHash } from '../repositories/documents'
import { toMediaRef } from '../repositories/media'
import type { PlaylistRevision } from '../repositories/playlists'
import type { Publication } from '../repositories/publications'
import { compileDocument } from './compile'

export type Deliver = (document: ScreenDocument) => void

export interface PublishResult {
  playlist: Playlist
  /** New document versions, one per screen whose content changed. */
  documents: ScreenDocument[]
}

/**
 * Turns published data into screen documents and hands the changed ones to `deliver`.
 * Storing happens in one transaction; delivery only after it commits, so a player never
 * receives a version the database does not hold. Only screens whose document actually
 * changed are pushed.
 */
export class Publisher {
  constructor(
    private readonly db: Db,
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly deliver: Deliver,
  ) {}

  /** Publishes the playlist's current draft now. */
  publishPlaylist(playlistId: string): PublishResult {
    const documents = this.db
      .transaction(() => {
        const revision = this.repos.playlists.freeze(playlistId)
        this.repos.playlists.setPublished(playlistId, revision)
        return this.compileScreens(this.screensShowing(playlistId))
      })
      .immediate()
    this.deliverAll(documents)
    return { playlist: this.repos.playlists.get(playlistId), documents }
  }

  /**
   * Publishes several drafts together: each affected screen gets one new version holding all of
   * them, instead of one version per playlist (the seed does this; so will approving a batch).
   */
  publishPlaylists(playlistIds: readonly string[]): ScreenDocument[] {
    const documents = this.db
      .transaction(() => {
        const screens = new Set<string>()
        for (const id of playlistIds) {
          this.repos.playlists.setPublished(id, this.repos.playlists.freeze(id))
          for (const screen of this.screensShowing(id)) screens.add(screen)
        }
        return this.compileScreens([...screens].sort())
      })
      .immediate()
    this.deliverAll(documents)
    return documents
  }

  /** Freezes the draft now and sets it to go on air at `at` (the publications job does it). */
  schedulePublication(playlistId: string, at: number): Publication {
    return this.db
      .transaction(() => {
        const revision = this.repos.playlists.freeze(playlistId)
        return this.repos.publications.create(playlistId, revision, at)
      })
      .immediate()
  }

  /** Carries out every scheduled publication due at `now`; returns the pushed documents. */
  publishDue(now: number): ScreenDocument[] {
    const documents = this.db
      .transaction(() => {
        const screens = new Set<string>()
        for (const p of this.repos.publications.due(now)) {
          this.repos.playlists.setPublished(p.playlistId, p.revision)
          this.repos.publications.setStatus(p.id, 'done')
          for (const id of this.screensShowing(p.playlistId)) screens.add(id)
        }
        return this.compileScreens([...screens])
      })
      .immediate()
    this.deliverAll(documents)
    return documents
  }

  /** Recompiles the given screens (settings, schedules or emergencies changed, or a refresh). */
  republish(screenIds: Iterable<string>): ScreenDocument[] {
    const documents = this.db.transaction(() => this.compileScreens([...new Set(screenIds)])).immediate()
    this.deliverAll(documents)
    return documents
  }

  /** Recompiles every screen whose stored document is older than this server's format (after an upgrade). */
  upgradeDocuments(): ScreenDocument[] {
    return this.republish(this.repos.documents.screensWithFormatBelow(DOCUMENT_FORMAT))
  }

  /** Screens that may show the playlist: as a default (their own or a zone's), or through a schedule entry. */
  screensShowing(playlistId: string): string[] {
    const ids = new Set(this.repos.screens.idsUsingPlaylist(playlistId))
    for (const s of this.repos.schedules.list({ playlistId })) {
      for (const id of this.repos.screens.idsForTarget(s.target)) ids.add(id)
    }
    return [...ids].sort()
  }

  /**
   * The document the screen would hold if compiled at `at`, without storing or pushing it:
   * for previews and timelines beyond the current document's horizon.
   */
  preview(screenId: string, at: number): ScreenDocument {
    const content = this.compileContent(this.repos.screens.get(screenId), at)
    const current = this.repos.documents.latestVersion(screenId)
    return { ...content, version: current?.version ?? 0, hash: contentHash(content), publishedAt: isoAt(at) }
  }

  private compileScreens(screenIds: readonly string[]): ScreenDocument[] {
    const now = this.clock()
    const documents: ScreenDocument[] = []
    for (const screenId of screenIds) {
      const screen = this.repos.screens.find(screenId)
      if (!screen) continue // deleted meanwhile: nothing to push
      const document = this.repos.documents.publish(this.compileContent(screen, now))
      if (document) documents.push(document)
    }
    return documents
  }

  private compileContent(screen: Screen, now: number): DocumentContent {
    const site = this.repos.sites.get(screen.siteId)
    const schedules = this.repos.schedules.forScreen(screen)
    const layout = screen.layoutId === null ? null : this.repos.layouts.get(screen.layoutId)
    const revisions = new Map<string, PlaylistRevision>()
    const zonePlaylists = layout?.zones.map((z) => z.playlistId) ?? []
    for (const id of [screen.defaultPlaylistId, ...zonePlaylists, ...schedules.map((s) => s.playlistId)]) {
      if (id === null || revisions.has(id)) continue
      const revision = this.repos.playlists.publishedRevision(id)
      if (revision) revisions.set(id, revision)
    }
    return compileDocument({
      screen,
      site,
      schedules,
      emergencies: this.repos.emergencies.openFor(screen.id, now),
      revisions,
      media: (id) => {
        const media = this.repos.media.find(id)
        return media && toMediaRef(media)
      },
      layout,
      webOrigins: this.repos.webOrigins.allowed(),
      now,
    })
  }

  private deliverAll(documents: readonly ScreenDocument[]): void {
    for (const document of documents) this.deliver(document)
  }
}
