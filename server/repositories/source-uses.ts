import type { Store } from '../db/store'
import { refuse } from '../domain-error'

/** The item settings naming each kind of source a playlist item shows. */
const SETTING = { feed: '$.sourceId', dataset: '$.datasetId' } as const
const LABEL = { feed: 'Feed', dataset: 'Dataset' } as const

export type ShownSource = keyof typeof SETTING

/**
 * Playlists whose draft or any version (a rollback may put it back on air) has an item showing
 * this feed source or dataset. A deleted playlist's versions do not count, as with media
 * (MediaRepository.playlistsUsing): its id is never given again, so they never air again.
 */
export function playlistsShowing(db: Store, kind: ShownSource, id: string): string[] {
  return db
    .prepare(
      `SELECT playlist_id FROM playlist_items WHERE kind = @kind AND json_extract(settings, @setting) = @id
       UNION
       SELECT v.object_id FROM versions v, json_each(v.body, '$.items') i
         WHERE v.object_type = 'playlist' AND v.object_id IN (SELECT id FROM playlists)
           AND json_extract(i.value, '$.kind') = @kind AND json_extract(i.value, @setting) = @id
       ORDER BY 1`,
    )
    .pluck()
    .all({ kind, setting: SETTING[kind], id }) as string[]
}

/**
 * Refuses (409 `<kind>.in-use`, naming the playlists) to delete a source a playlist still shows:
 * its screens would lose the item's content at the next publication, or at a rollback.
 */
export function refuseWhileShown(db: Store, kind: ShownSource, id: string): void {
  const playlists = playlistsShowing(db, kind, id)
  if (playlists.length === 0) return
  throw refuse(
    `${kind}.in-use`,
    `${LABEL[kind]} "${id}" is shown by ${playlists.length} playlist(s) (${playlists.join(', ')}), in a draft or a version; remove it from them first.`,
    {
      details: { playlists },
      params: { id, count: playlists.length, playlists: playlists.join(', ') },
    },
  )
}
