import { refusal } from '../triggers'

/**
 * Proof of play (migrations 005 and 011). No foreign keys: the record of what was shown outlives
 * the screen, playlist or item it names. `play_days` sums the plays per local day, kept by
 * triggers so that yearly reports read days, not millions of rows.
 */
export const PLAYS = `
CREATE TABLE plays (
  -- The player's UUID: a batch resent after a lost acknowledgement stores nothing twice.
  id TEXT PRIMARY KEY,
  screen_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  playlist_id TEXT NOT NULL,
  document_version BIGINT NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL CHECK (end_ms >= start_ms),
  -- The screen's calendar day at the start (GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]').
  local_day TEXT NOT NULL CHECK (local_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  received_at TEXT NOT NULL,
  entries TEXT CHECK (entries IS NULL OR (gatecast_is_json(entries) AND gatecast_json_type(entries) = 'array'))
);
CREATE INDEX plays_screen_start ON plays (screen_id, start_ms);
CREATE INDEX plays_playlist_item_start ON plays (playlist_id, item_id, start_ms);
CREATE INDEX plays_start ON plays (start_ms);
${refusal({ name: 'plays_immutable', when: 'BEFORE UPDATE', table: 'plays', message: 'a play is a record and is never changed' })}

CREATE TABLE play_days (
  local_day TEXT NOT NULL,
  screen_id TEXT NOT NULL,
  playlist_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  plays BIGINT NOT NULL CHECK (plays > 0),
  ms BIGINT NOT NULL CHECK (ms >= 0),
  PRIMARY KEY (local_day, screen_id, playlist_id, item_id)
);

CREATE FUNCTION play_days_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO play_days AS d (local_day, screen_id, playlist_id, item_id, plays, ms)
  VALUES (NEW.local_day, NEW.screen_id, NEW.playlist_id, NEW.item_id, 1, NEW.end_ms - NEW.start_ms)
  ON CONFLICT (local_day, screen_id, playlist_id, item_id)
    DO UPDATE SET plays = d.plays + 1, ms = d.ms + excluded.ms;
  RETURN NULL;
END $$;
CREATE TRIGGER play_days_insert AFTER INSERT ON plays FOR EACH ROW EXECUTE FUNCTION play_days_insert();

CREATE FUNCTION play_days_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The last play of its row removes the row; otherwise the row shrinks (in this order).
  DELETE FROM play_days
    WHERE local_day = OLD.local_day AND screen_id = OLD.screen_id
      AND playlist_id = OLD.playlist_id AND item_id = OLD.item_id AND plays = 1;
  UPDATE play_days SET plays = plays - 1, ms = ms - (OLD.end_ms - OLD.start_ms)
    WHERE local_day = OLD.local_day AND screen_id = OLD.screen_id
      AND playlist_id = OLD.playlist_id AND item_id = OLD.item_id;
  RETURN NULL;
END $$;
CREATE TRIGGER play_days_delete AFTER DELETE ON plays FOR EACH ROW EXECUTE FUNCTION play_days_delete();
`
