import type { Migration } from '../migrate'

/** An ISO 8601 instant stored as text (isoAt) → ms since the epoch, inside SQL. */
const ms = (column: string) => `CAST(round(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`

/**
 * The yearly reports (issue 7 item 3):
 *  - `screen_uptime`: every online/offline change of a screen, so that uptime per local day can
 *    be computed afterwards. Written by triggers on `screen_status`, in the same transaction as
 *    the change, so no code path (connect, disconnect, silent sweep, the reset at start) can
 *    change a screen's state without it being recorded. An offline row also keeps when the
 *    player was last heard from: after a server stop the reset at the next start is not when the
 *    screen went dark, and server/reports/uptime.ts ends the screen's time online there instead.
 *    No foreign key: like plays, the record outlives the screen it describes.
 *  - `play_days`: plays and milliseconds on air per local day, screen, playlist and item, kept
 *    by triggers on `plays` (an insert skipped by ON CONFLICT DO NOTHING fires none). A year of
 *    plays is millions of rows; a year of this table is a few thousand, read through its key.
 */
export const uptime: Migration = {
  version: 11,
  name: 'uptime',
  up: (db) => {
    db.exec(`
      CREATE TABLE screen_uptime (
        id INTEGER PRIMARY KEY,
        screen_id TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        online INTEGER NOT NULL CHECK (online IN (0, 1)),
        -- Offline rows only: when the player was last heard from before the change.
        last_seen_ms INTEGER,
        CHECK (online = 0 OR last_seen_ms IS NULL)
      ) STRICT;
      -- A screen's changes over a period, and the one before it (its state when the period opens).
      CREATE INDEX screen_uptime_screen_at ON screen_uptime (screen_id, at_ms);
      -- When recording began (the earliest row): before it, uptime is unknown, not zero.
      CREATE INDEX screen_uptime_at ON screen_uptime (at_ms);

      CREATE TRIGGER screen_uptime_first AFTER INSERT ON screen_status WHEN NEW.online = 1
      BEGIN
        INSERT INTO screen_uptime (screen_id, at_ms, online) VALUES (NEW.screen_id, ${ms('NEW.since')}, 1);
      END;
      CREATE TRIGGER screen_uptime_change AFTER UPDATE OF online ON screen_status
        WHEN NEW.online <> OLD.online
      BEGIN
        INSERT INTO screen_uptime (screen_id, at_ms, online, last_seen_ms)
        VALUES (NEW.screen_id, ${ms('NEW.since')}, NEW.online,
                CASE WHEN NEW.online = 0 THEN ${ms('OLD.last_seen_at')} END);
      END;

      -- Screens online when this version is installed are online from when their status says.
      INSERT INTO screen_uptime (screen_id, at_ms, online)
        SELECT screen_id, ${ms('since')}, 1 FROM screen_status WHERE online = 1;

      CREATE TABLE play_days (
        local_day TEXT NOT NULL,
        screen_id TEXT NOT NULL,
        playlist_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        plays INTEGER NOT NULL CHECK (plays > 0),
        ms INTEGER NOT NULL CHECK (ms >= 0),
        PRIMARY KEY (local_day, screen_id, playlist_id, item_id)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO play_days (local_day, screen_id, playlist_id, item_id, plays, ms)
        SELECT local_day, screen_id, playlist_id, item_id, count(*), sum(end_ms - start_ms)
        FROM plays GROUP BY local_day, screen_id, playlist_id, item_id;

      CREATE TRIGGER play_days_insert AFTER INSERT ON plays
      BEGIN
        INSERT INTO play_days (local_day, screen_id, playlist_id, item_id, plays, ms)
        VALUES (NEW.local_day, NEW.screen_id, NEW.playlist_id, NEW.item_id, 1, NEW.end_ms - NEW.start_ms)
        ON CONFLICT (local_day, screen_id, playlist_id, item_id)
          DO UPDATE SET plays = plays + 1, ms = ms + excluded.ms;
      END;
      -- Plays are never deleted today; should retention ever come, the totals follow.
      CREATE TRIGGER play_days_delete AFTER DELETE ON plays
      BEGIN
        -- The last play of its row removes the row; otherwise the row shrinks (in this order).
        DELETE FROM play_days
          WHERE local_day = OLD.local_day AND screen_id = OLD.screen_id
            AND playlist_id = OLD.playlist_id AND item_id = OLD.item_id AND plays = 1;
        UPDATE play_days SET plays = plays - 1, ms = ms - (OLD.end_ms - OLD.start_ms)
          WHERE local_day = OLD.local_day AND screen_id = OLD.screen_id
            AND playlist_id = OLD.playlist_id AND item_id = OLD.item_id;
      END;
      -- Plays are a record: changing one would silently break the totals above.
      CREATE TRIGGER plays_immutable BEFORE UPDATE ON plays
      BEGIN SELECT RAISE(ABORT, 'a play is a record and is never changed'); END;
    `)
  },
}
