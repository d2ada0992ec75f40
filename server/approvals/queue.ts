import type { ApprovableType } from '@playlists/schemas/approval'
import type { QueueEntry, QueueView } from '@playlists/schemas/approval-queue'
import { mediaIdOf, type PlaylistItem } from '@playlists/schemas/items'
import type { Found, PageRequest } from '@playlists/schemas/paging'
import type { Store } from '../db/store'
import type { Repositories } from '../repositories'
import type { VersionReach } from './reach'

/** The distinct media a playlist body shows, in playing order. */
function mediaOf(body: unknown): string[] {
  const items = (body as { items?: PlaylistItem[] } | null)?.items ?? []
  return [...new Set(items.flatMap((i) => mediaIdOf(i) ?? []))]
}

interface Key {
  type: ApprovableType
  id: string
  number: number
}

/**
 * Waiting means someone still has to act: a submitted version needs a decision, an approved one
 * newer than the version on air needs publishing. Versions of a deleted object wait for nobody.
 */
const WAITING = `(v.state = 'submitted' OR (v.state = 'approved' AND (l.number IS NULL OR v.number > l.number)))
  AND CASE v.object_type
    WHEN 'playlist' THEN EXISTS (SELECT 1 FROM playlists o WHERE o.id = v.object_id)
    WHEN 'schedule' THEN EXISTS (SELECT 1 FROM schedules o WHERE o.id = v.object_id)
    ELSE EXISTS (SELECT 1 FROM layouts o WHERE o.id = v.object_id) END`

const MINE = `(v.submitted_by = @user OR EXISTS (SELECT 1 FROM json_each(v.authors) a WHERE a.value = @user))`

const FILTER: Record<QueueView, string> = { waiting: WAITING, mine: MINE, all: 'TRUE' }

/**
 * Every approvable kind's versions in one list, with what a reviewer needs beside each: names
 * instead of user ids, the version on air to compare with, and the screens it would change.
 */
export class ApprovalQueue {
  constructor(
    private readonly db: Store,
    private readonly repos: Repositories,
    private readonly reach: VersionReach,
  ) {}

  page(
    opts: {
      view: QueueView
      type?: ApprovableType
      objectId?: string
      number?: number
    },
    page: PageRequest,
    userId: string | null,
  ): Found<QueueEntry> {
    const where = `WHERE (@type IS NULL OR v.object_type = @type) AND (@objectId IS NULL OR v.object_id = @objectId)
      AND (@number IS NULL OR v.number = @number)
      AND ${FILTER[opts.view]}`
    const from = `FROM versions v
      LEFT JOIN live_versions l ON l.object_type = v.object_type AND l.object_id = v.object_id`
    const params = {
      type: opts.type ?? null,
      objectId: opts.objectId ?? null,
      number: opts.number ?? null,
      user: userId ?? '',
    }
    return this.db
      .transaction(() => {
        const total = this.db.prepare(`SELECT count(*) ${from} ${where}`).pluck().get(params) as number
        const keys = this.db
          .prepare(
            `SELECT v.object_type AS type, v.object_id AS id, v.number ${from} ${where}
             ORDER BY v.submitted_at DESC, v.object_type, v.object_id, v.number DESC
             LIMIT @limit OFFSET @offset`,
          )
          .all({ ...params, limit: page.limit, offset: page.offset }) as Key[]
        return { items: keys.map((k) => this.entry(k)), total }
      })
      .deferred()
  }

  private entry({ type, id, number }: Key): QueueEntry {
    const { body, ...version } = this.repos.versions.get(type, id, number)
    const publishAt = this.db
      .prepare(
        `SELECT publish_at FROM publications
         WHERE object_type = @type AND object_id = @id AND number = @number AND status = 'pending'
         ORDER BY publish_at LIMIT 1`,
      )
      .pluck()
      .get({ type, id, number }) as string | undefined
    const screens = this.reach.screenIds(type, id, body)
    return {
      ...version,
      name: this.nameOf(type, id, body),
      submittedByName: this.person(version.submittedBy),
      authorNames: version.authors.map((a) => this.person(a)),
      decidedByName: version.decidedBy === null ? null : this.person(version.decidedBy),
      liveNumber: this.repos.versions.liveNumber(type, id)?.number ?? null,
      publishAt: publishAt ?? null,
      screens,
      media: type === 'playlist' ? mediaOf(body) : [],
      // Only a version still waiting is grouped with what it needs; history needs nothing.
      companions:
        version.live || version.state === 'rejected' ? [] : this.reach.companions(type, id, body, screens),
    }
  }

  /** A withdrawal has no body: the name it had in its latest version that did. */
  private nameOf(type: ApprovableType, id: string, body: unknown): string {
    const own = (body as { name?: unknown } | null)?.name
    if (typeof own === 'string') return own
    const earlier = this.db
      .prepare(
        `SELECT json_extract(body, '$.name') FROM versions
         WHERE object_type = @type AND object_id = @id AND body IS NOT NULL ORDER BY number DESC LIMIT 1`,
      )
      .pluck()
      .get({ type, id }) as string | null | undefined
    return earlier ?? id
  }

  private person(userId: string): string {
    return this.repos.users.find(userId)?.displayName ?? userId
  }
}
