import { randomUUID } from 'node:crypto'
import type { PlayEvent } from '@playlists/events'

/** A play as a player reports it: a fresh id, shown from ten to five seconds ago; `extra` over it. */
export const playEvent = (extra: Partial<PlayEvent> = {}): PlayEvent => {
  const now = Date.now()
  return {
    id: randomUUID(),
    zoneId: 'main',
    itemId: 's1',
    playlistId: 'pl-a',
    documentVersion: 1,
    startMs: now - 10_000,
    endMs: now - 5_000,
    ...extra,
  }
}
