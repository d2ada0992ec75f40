import type { Migration } from '../migrate'
import { addIncidentKind } from './incident-kinds'

/**
 * Screenshots (issue 20 part 2):
 *  - `screenshots`: one row per frame a screen's agent uploaded, with the verdict of the check
 *    against the expected picture, the numbers it was made from (`measures`, so a later capture
 *    compares with earlier ones without reading their files), and the files kept under the data
 *    folder (names relative to `<DATA_DIR>/screenshots`);
 *  - a new incident kind, `screenshot`, for a frame that is not what the screen should show.
 *    `alert_incidents` names its kinds in a CHECK, which SQLite cannot alter, so the table is
 *    rebuilt from its own stored definition with one kind more (whatever kinds another migration
 *    added stay), and the two tables that reference it are rebuilt with it: dropping the parent
 *    alone would cascade its deletion into their rows.
 */
export const screenshots: Migration = {
  version: 26,
  name: 'screenshots',
  up: (db) => {
    db.exec(`
      CREATE TABLE screenshots (
        id TEXT PRIMARY KEY,
        screen_id TEXT NOT NULL REFERENCES screens (id) ON DELETE CASCADE,
        captured_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('scheduled', 'on-demand', 'healing')),
        verdict TEXT NOT NULL CHECK (verdict IN
          ('as-expected', 'black', 'frozen', 'wrong-content', 'error-page', 'unverified')),
        detail TEXT NOT NULL,
        measures TEXT NOT NULL CHECK (json_valid(measures)),
        width INTEGER NOT NULL CHECK (width >= 1),
        height INTEGER NOT NULL CHECK (height >= 1),
        file TEXT NOT NULL,
        thumb_file TEXT NOT NULL,
        expected_file TEXT,
        bytes INTEGER NOT NULL CHECK (bytes >= 0)
      ) STRICT;
      -- A screen's history, newest first, and its recent captures for the frozen check.
      CREATE INDEX screenshots_screen ON screenshots (screen_id, captured_at);
      -- Retention removes the oldest first, across screens.
      CREATE INDEX screenshots_captured ON screenshots (captured_at);
    `)
    addIncidentKind(db, 'screenshot', 26)
  },
}
