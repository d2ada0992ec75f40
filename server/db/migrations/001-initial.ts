import type { Migration } from '../migrate'

/**
 * The first schema: sites, screens, media, playlists (a draft of ordered items plus immutable
 * published revisions) and the documents compiled for each screen.
 *
 * STRICT tables so that a wrong type is an error, not a silent coercion.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (json_valid(name)),
        time_zone TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_groups (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
        name TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_groups_site ON sync_groups (site_id);

      CREATE TABLE media (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
        content_type TEXT NOT NULL,
        ext TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        width INTEGER,
        height INTEGER,
        original_name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE playlists (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        draft_revision INTEGER NOT NULL DEFAULT 1,
        published_revision INTEGER,
        published_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- The draft: what operators edit. Replaced whole on every save.
      CREATE TABLE playlist_items (
        playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'slide')),
        duration_ms INTEGER NOT NULL,
        media_id TEXT REFERENCES media (id) ON DELETE RESTRICT,
        fit TEXT NOT NULL DEFAULT 'contain',
        text TEXT CHECK (text IS NULL OR json_valid(text)),
        PRIMARY KEY (playlist_id, position),
        UNIQUE (playlist_id, id)
      ) STRICT;
      CREATE INDEX playlist_items_media ON playlist_items (media_id) WHERE media_id IS NOT NULL;

      -- What screens play: an immutable snapshot of the draft taken at publish time.
      CREATE TABLE playlist_revisions (
        playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        name TEXT NOT NULL,
        items TEXT NOT NULL CHECK (json_valid(items)),
        published_at TEXT NOT NULL,
        PRIMARY KEY (playlist_id, revision)
      ) STRICT;

      CREATE TABLE screens (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
        name TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        time_zone TEXT,
        sync_group_id TEXT REFERENCES sync_groups (id) ON DELETE SET NULL,
        default_playlist_id TEXT REFERENCES playlists (id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX screens_site ON screens (site_id);
      CREATE INDEX screens_default_playlist ON screens (default_playlist_id);

      -- One row per published version of a screen's document; the newest is the current one.
      CREATE TABLE documents (
        screen_id TEXT NOT NULL REFERENCES screens (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        hash TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        published_at TEXT NOT NULL,
        PRIMARY KEY (screen_id, version)
      ) STRICT;
    `)
  },
}
