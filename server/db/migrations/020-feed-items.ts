import type { Migration } from '../migrate'

/**
 * Feed items (issue 19 point 1): a playlist item may show a feed source's entries, and proof of
 * play names the entries each of its plays showed (`plays.entries`, a JSON array of entry ids;
 * NULL for the other kinds), so a withdrawn entry's time on air can be traced. The item's
 * kind is a CHECK of `playlist_items`, which SQLite cannot alter, so the table is rebuilt with
 * the new kind, its rows and its index as they were (the settings of a feed item, its source,
 * style, count and order of languages, are JSON like every kind's). Version bodies hold whole
 * items already and need nothing here.
 */
export const feedItems: Migration = {
  version: 20,
  name: 'feed-items',
  up: (db) => {
    db.exec(`
      CREATE TABLE playlist_items_v20 (
        playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'slide', 'web', 'ticker', 'clock', 'feed')),
        duration_ms INTEGER NOT NULL,
        media_id TEXT REFERENCES media (id) ON DELETE RESTRICT,
        -- Everything else about the item, by kind (fit, text, sound, url, speed, source…).
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        PRIMARY KEY (playlist_id, position),
        UNIQUE (playlist_id, id)
      ) STRICT;
      INSERT INTO playlist_items_v20 (playlist_id, position, id, kind, duration_ms, media_id, settings)
        SELECT playlist_id, position, id, kind, duration_ms, media_id, settings FROM playlist_items;
      DROP TABLE playlist_items;
      ALTER TABLE playlist_items_v20 RENAME TO playlist_items;
      CREATE INDEX playlist_items_media ON playlist_items (media_id) WHERE media_id IS NOT NULL;

      ALTER TABLE plays ADD COLUMN entries TEXT
        CHECK (entries IS NULL OR (json_valid(entries) AND json_type(entries) = 'array'));
    `)
  },
}
