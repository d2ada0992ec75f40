import type { Migration } from '../migrate'

/**
 * Proof of play: one row per item shown in one zone of one screen, as the player reported it.
 *  - The id is the player's UUID, so a batch resent after a lost acknowledgement stores nothing
 *    twice (INSERT … ON CONFLICT (id) DO NOTHING).
 *  - No foreign keys: the record of what was shown must outlive the screen, playlist or item it
 *    names (deleting a playlist must neither be blocked by years of plays nor erase them).
 *  - `local_day` is the screen's calendar day at the start, fixed when the play is received:
 *    SQLite knows no IANA time zones, and the yearly reports group by local day.
 */
export const plays: Migration = {
  version: 5,
  name: 'plays',
  up: (db) => {
    db.exec(`
      CREATE TABLE plays (
        id TEXT PRIMARY KEY,
        screen_id TEXT NOT NULL,
        zone_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        playlist_id TEXT NOT NULL,
        document_version INTEGER NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
        local_day TEXT NOT NULL CHECK (local_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        received_at TEXT NOT NULL
      ) STRICT;
      -- Reports and the list: what one screen showed over a period.
      CREATE INDEX plays_screen_start ON plays (screen_id, start_ms);
      -- Reports per item or playlist ("how often did this notice run this year").
      CREATE INDEX plays_playlist_item_start ON plays (playlist_id, item_id, start_ms);
      -- Summaries over every screen for a period.
      CREATE INDEX plays_start ON plays (start_ms);
    `)
  },
}
