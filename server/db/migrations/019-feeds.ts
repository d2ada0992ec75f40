import type { Migration } from '../migrate'

/** The kinds with numbered versions after this migration. */
const VERSIONED = ['playlist', 'schedule', 'layout', 'feed'] as const

/**
 * Feeds (issue 19 point 1):
 *  - `feeds`: a source as an admin registered it (its draft: address, language, interval, words,
 *    maximum age, alert delay) and the state of its fetching: the validators the server sends
 *    back (ETag, Last-Modified), the last outcome, since when it fails, when its alert was raised;
 *  - `feed_entries`: what the source brought, one row per entry id (guid), the newest kept;
 *    `source_url` names the address it came from, so a source moved to another address puts
 *    on air nothing of the old one; a withdrawal is kept with the entry (who, when);
 *  - versions may now be of a feed: what a feed may put on air is its approved version. The
 *    kind was a CHECK of the table, which SQLite cannot alter: the table is rebuilt with the kinds
 *    checked by a trigger instead, which the next kind replaces without another rebuild. The
 *    rows, their immutability triggers, the triggers of live versions that read them, and the
 *    references to them (live versions, publications; checked at commit) are kept as they were.
 */
export const feeds: Migration = {
  version: 19,
  name: 'feeds',
  up: (db) => {
    db.exec(`
      CREATE TABLE feeds (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('vi', 'zh', 'en', 'entries')),
        interval_minutes INTEGER NOT NULL CHECK (interval_minutes BETWEEN 5 AND 1440),
        words TEXT NOT NULL CHECK (json_valid(words) AND json_type(words) = 'array'),
        max_age_hours INTEGER CHECK (max_age_hours IS NULL OR max_age_hours BETWEEN 1 AND 720),
        alert_after_minutes INTEGER NOT NULL CHECK (alert_after_minutes BETWEEN 1 AND 10080),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        -- The address the validators (and the entries fetched since) belong to.
        fetched_url TEXT,
        last_fetch_at TEXT,
        last_outcome TEXT CHECK (last_outcome IS NULL OR last_outcome IN ('ok', 'not-modified', 'failed')),
        last_success_at TEXT,
        last_error_code TEXT,
        last_error_message TEXT,
        failing_since TEXT,
        alerted_at TEXT,
        CHECK ((last_error_code IS NULL) = (last_error_message IS NULL))
      ) STRICT;

      CREATE TABLE feed_entries (
        id TEXT PRIMARY KEY,
        feed_id TEXT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        source_url TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        link TEXT,
        published_at TEXT,
        language TEXT CHECK (language IS NULL OR language IN ('vi', 'zh', 'en')),
        image_url TEXT,
        media_id TEXT REFERENCES media (id) ON DELETE SET NULL,
        first_seen_at TEXT NOT NULL,
        withdrawn_at TEXT,
        withdrawn_by TEXT,
        UNIQUE (feed_id, guid),
        CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
      ) STRICT;
      -- A source's entries newest first: the console's list and what goes on air.
      CREATE INDEX feed_entries_newest ON feed_entries (feed_id, published_at DESC);
    `)

    // References to versions (live versions, publications) are checked at commit, when the
    // rebuilt table holds every row again under its old name.
    db.pragma('defer_foreign_keys = ON')
    db.exec(`
      -- A plain copy first: the table is then created under its own name, so the rows put back
      -- satisfy the references the DROP left dangling (a rename would not count them).
      CREATE TEMP TABLE versions_v16 AS SELECT * FROM versions;
      -- Triggers elsewhere that read versions would name a missing table meanwhile.
      DROP TRIGGER live_versions_approved_insert;
      DROP TRIGGER live_versions_approved_update;
      DROP TABLE versions;
      CREATE TABLE versions (
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        number INTEGER NOT NULL CHECK (number >= 1),
        body TEXT CHECK (body IS NULL OR json_valid(body)),
        state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected')),
        authors TEXT NOT NULL CHECK (json_valid(authors)),
        submitted_by TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT,
        comment TEXT,
        legibility_override TEXT,
        legibility_findings TEXT CHECK (legibility_findings IS NULL OR json_valid(legibility_findings)),
        PRIMARY KEY (object_type, object_id, number),
        CHECK ((state = 'submitted') = (decided_by IS NULL))
      ) STRICT;
      INSERT INTO versions SELECT object_type, object_id, number, body, state, authors, submitted_by,
        submitted_at, decided_by, decided_at, comment, legibility_override, legibility_findings FROM versions_v16;
      DROP TABLE versions_v16;

      CREATE TRIGGER versions_known_type BEFORE INSERT ON versions
        WHEN NEW.object_type NOT IN (${VERSIONED.map((k) => `'${k}'`).join(', ')})
        BEGIN SELECT RAISE(ABORT, 'versions are of playlists, schedule entries, layouts and feeds'); END;
      CREATE TRIGGER versions_content_immutable
        BEFORE UPDATE OF object_type, object_id, number, body, authors, submitted_by, submitted_at ON versions
        BEGIN SELECT RAISE(ABORT, 'a submitted version is immutable'); END;
      CREATE TRIGGER versions_decision_final
        BEFORE UPDATE ON versions WHEN OLD.state <> 'submitted'
        BEGIN SELECT RAISE(ABORT, 'a decided version is immutable'); END;
      CREATE TRIGGER versions_kept BEFORE DELETE ON versions
        BEGIN SELECT RAISE(ABORT, 'versions are kept forever'); END;
      CREATE TRIGGER live_versions_approved_insert BEFORE INSERT ON live_versions
        WHEN (SELECT state FROM versions WHERE object_type = NEW.object_type AND object_id = NEW.object_id
              AND number = NEW.number) IS NOT 'approved'
        BEGIN SELECT RAISE(ABORT, 'only an approved version can go on air'); END;
      CREATE TRIGGER live_versions_approved_update BEFORE UPDATE ON live_versions
        WHEN (SELECT state FROM versions WHERE object_type = NEW.object_type AND object_id = NEW.object_id
              AND number = NEW.number) IS NOT 'approved'
        BEGIN SELECT RAISE(ABORT, 'only an approved version can go on air'); END;
    `)
  },
}
