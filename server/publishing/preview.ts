import { reaches, type ScreenPlace } from '@playlists/schedule/reach'
import type { ApprovableType, Version } from '@playlists/schemas/approval'
import type { ScreenDocument } from '@playlists/schemas/document'
import { mediaIdOf } from '@playlists/schemas/items'
import type { Layout } from '@playlists/schemas/layout'
import type { DraftRef, PendingVersion } from '@playlists/schemas/preview'
import type { Schedule } from '@playlists/schemas/schedule'
import type { Clock } from '../clock'
import type { Store } from '../db/store'
import { conflict, notFound } from '../errors'
import type { Repositories } from '../repositories'
import type { LayoutBody } from '../repositories/layouts'
import type { PlaylistBody } from '../repositories/playlists'
import type { ScheduleBody } from '../repositories/schedules'
import { Publisher } from './publisher'

/** The repository with some methods replaced; every other method keeps reading the real one. */
function override<T extends object>(repository: T, methods: Partial<T>): T {
  return Object.assign(Object.create(repository) as T, methods)
}

/**
 * The repositories as they would read if `versions` were on air: the three reads a compile makes
 * of live versions (a playlist's revision, a layout, the schedule entries reaching a screen) answer
 * with those versions; everything else is the database as it is. Read-only: nothing is written.
 */
export function withVersionsOnAir(repos: Repositories, versions: readonly Version[]): Repositories {
  const of = (type: ApprovableType) =>
    new Map(versions.filter((v) => v.objectType === type).map((v) => [v.objectId, v]))
  const playlists = of('playlist')
  const layouts = of('layout')
  const schedules = of('schedule')
  return {
    ...repos,
    playlists: override(repos.playlists, {
      liveRevision: (id: string) => {
        const version = playlists.get(id)
        if (!version) return repos.playlists.liveRevision(id)
        if (version.body === null) return undefined // a withdrawal: off the air
        const body = version.body as PlaylistBody
        return {
          playlistId: id,
          revision: version.number,
          name: body.name,
          items: body.items,
          publishedAt: version.submittedAt,
        }
      },
    }),
    layouts: override(repos.layouts, {
      live: (id: string): Layout | undefined => {
        const version = layouts.get(id)
        if (!version) return repos.layouts.live(id)
        if (version.body === null) return undefined
        const current = repos.layouts.live(id)
        return {
          id,
          ...(version.body as LayoutBody),
          screens: current?.screens ?? [],
          createdAt: current?.createdAt ?? version.submittedAt,
          updatedAt: version.submittedAt,
        }
      },
    }),
    schedules: override(repos.schedules, {
      liveForScreen: (screen: ScreenPlace): Schedule[] => {
        const kept = repos.schedules.liveForScreen(screen).filter((s) => !schedules.has(s.id))
        const added = [...schedules.values()]
          .filter((v) => v.body !== null && reaches((v.body as ScheduleBody).target, screen))
          .map((v) => ({ id: v.objectId, ...(v.body as ScheduleBody), updatedAt: v.submittedAt }))
        return [...kept, ...added].sort(
          (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
        )
      },
    }),
  }
}

/**
 * What the officials' preview shows, never changing anything: a screen's published documents,
 * and documents compiled by the publisher's own code as of another instant, or with versions
 * still waiting for approval put on air in a copy of the publisher that stores and pushes nothing.
 */
export class Previews {
  constructor(
    private readonly db: Store,
    private readonly repos: Repositories,
    private readonly publisher: Publisher,
    private readonly clock: Clock,
  ) {}

  /** A published document as stored (JSON): `version`, or the newest one. */
  publishedJson(screenId: string, version?: number): string {
    this.repos.screens.get(screenId)
    if (version === undefined) {
      const json = this.repos.documents.latestJson(screenId)
      if (json === undefined) throw notFound('document.not-found', 'Published document for screen', screenId)
      return json
    }
    const json = this.repos.documents.json(screenId, version)
    if (json === undefined)
      throw notFound('document.not-found', `Version ${version} of the document of screen`, screenId)
    return json
  }

  /**
   * The screen's document compiled as of `at` (now when absent or past: rules as they stand, never
   * history), with `drafts` on air as if approved and published. One read transaction, so the
   * compile sees one consistent database.
   */
  compiled(screenId: string, at: number | undefined, drafts: readonly DraftRef[]): ScreenDocument {
    return this.db.transaction(() => {
      this.repos.screens.get(screenId)
      const when = Math.max(at ?? this.clock(), this.clock())
      if (drafts.length === 0) return this.publisher.preview(screenId, when)
      const versions = drafts.map((d) => this.repos.versions.get(d.type, d.id, d.number))
      for (const v of versions) this.requireMedia(v)
      const repos = withVersionsOnAir(this.repos, versions)
      const copy = new Publisher(this.db, repos, this.clock, () => {
        throw new Error('a preview never delivers a document')
      })
      return copy.preview(screenId, when)
    })()
  }

  /**
   * Versions not on air that would change what the screen shows: submitted ones, and approved
   * ones newer than the version on air (waiting for their publication). A playlist counts when
   * the screen plays it now or through another pending schedule entry or layout.
   */
  pending(screenId: string): PendingVersion[] {
    const screen = this.repos.screens.get(screenId)
    const rows = this.db
      .prepare(
        `SELECT v.object_type AS type, v.object_id AS id, v.number FROM versions v
         LEFT JOIN live_versions l ON l.object_type = v.object_type AND l.object_id = v.object_id
         WHERE v.state = 'submitted' OR (v.state = 'approved' AND (l.number IS NULL OR v.number > l.number))
         ORDER BY v.submitted_at DESC, v.object_type, v.object_id, v.number DESC`,
      )
      .all() as { type: ApprovableType; id: string; number: number }[]
    const versions = rows.map((r) => this.repos.versions.get(r.type, r.id, r.number))

    const playlists = new Set<string>()
    const relevant = versions.filter((v) => {
      if (v.objectType === 'layout') {
        if (screen.layoutId !== v.objectId) return false
        for (const zone of (v.body as LayoutBody | null)?.zones ?? []) {
          if (zone.playlistId) playlists.add(zone.playlistId)
        }
        return true
      }
      if (v.objectType === 'schedule') {
        const body = v.body as ScheduleBody | null
        const live = this.repos.versions.live<ScheduleBody>('schedule', v.objectId)
        const hit =
          (body !== null && reaches(body.target, screen)) || (live && reaches(live.body.target, screen))
        if (hit && body) playlists.add(body.playlistId)
        return Boolean(hit)
      }
      return true
    })
    const shown = new Set<string>()
    const showsPlaylist = (id: string) => {
      if (playlists.has(id) || shown.has(id)) return true
      if (!this.publisher.screensShowing(id).includes(screen.id)) return false
      shown.add(id)
      return true
    }
    return relevant
      .filter((v) => v.objectType !== 'playlist' || showsPlaylist(v.objectId))
      .map((v) => ({
        objectType: v.objectType,
        objectId: v.objectId,
        number: v.number,
        state: v.state,
        name: (v.body as { name?: string } | null)?.name ?? v.objectId,
        withdrawal: v.withdrawal,
        submittedBy: this.repos.users.find(v.submittedBy)?.displayName ?? v.submittedBy,
        submittedAt: v.submittedAt,
        comment: v.comment,
      }))
  }

  /**
   * The names of the schedule entries a preview of this screen may show a rule of: those on air
   * that reach it (their approved names), and drafts that would. Documents name a rule by id
   * only; officials read "Tourism on Saturday mornings", not "sch-…". A rule of an entry
   * deleted since keeps its id.
   */
  ruleNames(screenId: string): Record<string, string> {
    const screen = this.repos.screens.get(screenId)
    const names: Record<string, string> = {}
    for (const s of this.repos.schedules.list()) if (reaches(s.target, screen)) names[s.id] = s.name
    for (const s of this.repos.schedules.liveForScreen(screen)) names[s.id] = s.name
    return names
  }

  /**
   * A version of a deleted playlist may name media deleted since (only the versions of existing
   * playlists protect their media): say so rather than fail inside the compiler.
   */
  private requireMedia(version: Version): void {
    if (version.objectType !== 'playlist' || version.body === null) return
    for (const item of (version.body as PlaylistBody).items) {
      const mediaId = mediaIdOf(item)
      if (mediaId !== null && !this.repos.media.find(mediaId)) {
        throw conflict(
          'preview.medium-deleted',
          `Version ${version.number} of playlist "${version.objectId}" shows medium "${mediaId}", which was deleted: it cannot be previewed.`,
          { mediaId },
          { mediaId, id: version.objectId, version: version.number },
        )
      }
    }
  }
}
