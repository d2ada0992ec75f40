import { type DeletableKind, ID_OF_DELETED, type IdOfDeleted } from '@playlists/schemas/deleted'
import type { Store } from '../db/store'
import { refuse } from '../domain-error'

const LABEL: Record<DeletableKind, string> = {
  site: 'site',
  group: 'sync group',
  screen: 'screen',
  playlist: 'playlist',
  schedule: 'schedule entry',
  layout: 'layout',
  dataset: 'dataset',
  feed: 'feed source',
  'cap-source': 'alert source',
}

/**
 * Refuses (409, `details.code` "id-of-deleted") to create an object under the id of a deleted
 * one of its kind. The database refuses it too (migration 014's triggers); this says it in words
 * a person can act on.
 */
export function refuseDeletedId(db: Store, kind: DeletableKind, id: string): void {
  const row = db.prepare('SELECT deleted_at FROM deleted_ids WHERE kind = ? AND id = ?').get(kind, id) as
    | { deleted_at: string | null }
    | undefined
  if (!row) return
  const what = LABEL[kind]
  const details: IdOfDeleted = { code: ID_OF_DELETED, kind, id, deletedAt: row.deleted_at }
  throw refuse(
    'id.deleted',
    `"${id}" is the id of a ${what} deleted ${row.deleted_at ? `at ${row.deleted_at}` : 'earlier'}. Ids are never reused, so that what is recorded under one (versions, approvals, plays, the audit log) stays with what it named: choose another id.`,
    { details, params: { id, kind } },
  )
}
