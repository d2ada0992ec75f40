import type { Migration } from '../migrate'

/**
 * The kiosk agent (issue 20 parts 1 and 4):
 *  - per screen, whether the agent may reboot its PC (off until an admin says so: a reboot
 *    darkens the screen for a minute or two) and how often it captures the screen by itself
 *    (every 10 minutes, the default; 0 never);
 *  - `screen_agents`: the agent's connection and last report, kept in the database like the
 *    player's status so that every server node, and a restarted one, answers the same.
 */
export const kioskAgents: Migration = {
  version: 25,
  name: 'kiosk-agents',
  up: (db) => {
    db.exec(`
      ALTER TABLE screens ADD COLUMN allow_reboot INTEGER NOT NULL DEFAULT 0 CHECK (allow_reboot IN (0, 1));
      ALTER TABLE screens ADD COLUMN screenshot_interval_minutes INTEGER NOT NULL DEFAULT 10
        CHECK (screenshot_interval_minutes BETWEEN 0 AND 1440);
      CREATE TABLE screen_agents (
        screen_id TEXT PRIMARY KEY REFERENCES screens (id) ON DELETE CASCADE,
        connected INTEGER NOT NULL CHECK (connected IN (0, 1)),
        -- When connected last changed.
        since TEXT NOT NULL,
        version TEXT,
        -- The last agent:state as received (validated).
        state TEXT CHECK (state IS NULL OR json_valid(state)),
        -- The latest command results, newest first, a bounded JSON array.
        results TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(results) AND json_type(results) = 'array')
      ) STRICT;
    `)
  },
}
