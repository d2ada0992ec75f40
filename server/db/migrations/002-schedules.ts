import type { Migration } from '../migrate'

/**
 * Scheduling: schedule entries (recurring windows on a target), emergency messages, and
 * publications set for a future instant.
 */
export const schedules: Migration = {
  version: 2,
  name: 'schedules',
  up: (db) => {
    db.exec(`
      CREATE TABLE schedules (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE RESTRICT,
        target_type TEXT NOT NULL CHECK (target_type IN ('screen', 'group', 'site', 'all')),
        target_id TEXT,
        from_local TEXT,
        until_local TEXT,
        days TEXT CHECK (days IS NULL OR json_valid(days)),
        window_start TEXT,
        window_end TEXT,
        cron_expression TEXT,
        cron_duration_minutes INTEGER,
        priority INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((target_type = 'all') = (target_id IS NULL))
      ) STRICT;
      CREATE INDEX schedules_target ON schedules (target_type, target_id);
      CREATE INDEX schedules_playlist ON schedules (playlist_id);

      CREATE TABLE emergencies (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL CHECK (json_valid(text)),
        targets TEXT NOT NULL CHECK (json_valid(targets)),
        screens TEXT NOT NULL CHECK (json_valid(screens)),
        starts_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        cleared_at TEXT,
        -- Set once the expiry job has republished the screens after the message ended.
        retired INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX emergencies_open ON emergencies (expires_at) WHERE retired = 0;

      -- A draft frozen now, to go on air at publish_at.
      CREATE TABLE publications (
        id TEXT PRIMARY KEY,
        playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        publish_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
        done_at TEXT,
        created_at TEXT NOT NULL,
        FOREIGN KEY (playlist_id, revision) REFERENCES playlist_revisions (playlist_id, revision)
      ) STRICT;
      CREATE INDEX publications_due ON publications (publish_at) WHERE status = 'pending';

      -- When the refresh job must next recompile a screen's document.
      ALTER TABLE documents ADD COLUMN horizon_until TEXT;
    `)
  },
}
