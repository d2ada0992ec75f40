import { type Clock, isoAt } from '../clock'
import type { Db } from '../db/open'
import { notFound } from '../errors'
import { newId } from '../ids'

export interface Publication {
  id: string
  playlistId: string
  revision: number
  publishAt: string
  status: 'pending' | 'done' | 'cancelled'
  doneAt: string | null
  createdAt: string
}

interface PublicationRow {
  id: string
  playlist_id: string
  revision: number
  publish_at: string
  status: Publication['status']
  done_at: string | null
  created_at: string
}

const toPublication = (r: PublicationRow): Publication => ({
  id: r.id,
  playlistId: r.playlist_id,
  revision: r.revision,
  publishAt: r.publish_at,
  status: r.status,
  doneAt: r.done_at,
  createdAt: r.created_at,
})

/** Publications set for a future instant ("publish at 2026-12-01 06:00"). */
export class PublicationsRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(playlistId?: string): Publication[] {
    const rows = playlistId
      ? this.db
          .prepare('SELECT * FROM publications WHERE playlist_id = ? ORDER BY publish_at')
          .all(playlistId)
      : this.db.prepare('SELECT * FROM publications ORDER BY publish_at').all()
    return (rows as PublicationRow[]).map(toPublication)
  }

  get(id: string): Publication {
    const row = this.db.prepare('SELECT * FROM publications WHERE id = ?').get(id) as
      | PublicationRow
      | undefined
    if (!row) throw notFound('Scheduled publication', id)
    return toPublication(row)
  }

  create(playlistId: string, revision: number, publishAt: number): Publication {
    const id = newId('pub')
    this.db
      .prepare(
        `INSERT INTO publications (id, playlist_id, revision, publish_at, status, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?)`,
      )
      .run(id, playlistId, revision, isoAt(publishAt), isoAt(this.clock()))
    return this.get(id)
  }

  due(now: number): Publication[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM publications WHERE status = 'pending' AND publish_at <= ? ORDER BY publish_at, id",
        )
        .all(isoAt(now)) as PublicationRow[]
    ).map(toPublication)
  }

  setStatus(id: string, status: 'done' | 'cancelled'): void {
    this.db
      .prepare('UPDATE publications SET status = ?, done_at = ? WHERE id = ?')
      .run(status, isoAt(this.clock()), id)
  }
}
