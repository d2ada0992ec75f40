import type { Migration } from '../migrate'

/**
 * What the server knows of each screen's player: online or not, when it was last heard from,
 * the version it applied, and its last health report. Kept in the database so that "last seen"
 * survives a server restart (a screen dark since before the restart is still known to be).
 */
export const screenStatus: Migration = {
  version: 6,
  name: 'screen-status',
  up: (db) => {
    db.exec(`
      CREATE TABLE screen_status (
        screen_id TEXT PRIMARY KEY REFERENCES screens (id) ON DELETE CASCADE,
        online INTEGER NOT NULL CHECK (online IN (0, 1)),
        -- When online last changed, and when the player was last heard from (any message).
        since TEXT NOT NULL,
        last_seen_at TEXT,
        applied_version INTEGER,
        -- The last heartbeat as received (validated), for the console.
        report TEXT CHECK (report IS NULL OR json_valid(report))
      ) STRICT;
    `)
  },
}
