import type { ScreenDocument } from '../../playlists/schemas/document'
import type { Playlist } from '../../playlists/schemas/playlist'
import type { Db } from '../db/open'
import type { Repositories } from '../repositories'
import { toMediaRef } from '../repositories/media'
import type { PlaylistRevision } from '../repositories/playlists'
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
 * receives a version the database does not hold.
 */
export class Publisher {
  constructor(
    private readonly db: Db,
    private readonly repos: Repositories,
    private readonly deliver: Deliver,
  ) {}

  publishPlaylist(playlistId: string): PublishResult {
    const documents = this.db
      .transaction(() => {
        this.repos.playlists.snapshot(playlistId)
        return this.compileScreens(this.repos.screens.idsUsingPlaylist(playlistId))
      })
      .immediate()
    this.deliverAll(documents)
    return { playlist: this.repos.playlists.get(playlistId), documents }
  }

  /** Recompiles the given screens (after a screen's settings changed, or on demand). */
  republish(screenIds: readonly string[]): ScreenDocument[] {
    const documents = this.db.transaction(() => this.compileScreens(screenIds)).immediate()
    this.deliverAll(documents)
    return documents
  }

  private compileScreens(screenIds: readonly string[]): ScreenDocument[] {
    const documents: ScreenDocument[] = []
    for (const screenId of screenIds) {
      const screen = this.repos.screens.get(screenId)
      const site = this.repos.sites.get(screen.siteId)
      const revisions = new Map<string, PlaylistRevision>()
      if (screen.defaultPlaylistId) {
        const revision = this.repos.playlists.publishedRevision(screen.defaultPlaylistId)
        if (revision) revisions.set(revision.playlistId, revision)
      }
      const content = compileDocument({
        screen,
        site,
        revisions,
        media: (id) => {
          const media = this.repos.media.find(id)
          return media && toMediaRef(media)
        },
      })
      const document = this.repos.documents.publish(content)
      if (document) documents.push(document)
    }
    return documents
  }

  private deliverAll(documents: readonly ScreenDocument[]): void {
    for (const document of documents) this.deliver(document)
  }
}
