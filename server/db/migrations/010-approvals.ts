import type { Migration } from '../migrate'

/**
 * Four-eyes approval (issue 6 item 4). Playlists, schedule entries and layouts are edited as
 * drafts (their own tables, unchanged); what screens play is a numbered, immutable version that
 * someone other than its authors approved. One generic mechanism for the three kinds:
 *  - `versions`: the frozen body of each submission, its authors and the decision on it;
 *  - `live_versions`: which approved version each object has on air, since when;
 *  - `draft_authors`: who edited the draft since its last submission (they may not approve it);
 *  - `publications` now name any object's approved version (was: a playlist revision).
 * An upgraded database keeps playing: published playlist revisions become approved versions with
 * the same numbers (so documents keep their hash and nothing is re-pushed), and every existing
 * schedule entry and layout becomes its approved, live version 1; 'system' decided them.
 * Emergency messages gain a pending state, and sites an admin-set flag letting approvers send
 * messages there without a second person.
 */
export const approvals: Migration = {
  version: 10,
  name: 'approvals',
  up: (db) => {
    db.exec(`
      CREATE TABLE versions (
        object_type TEXT NOT NULL CHECK (object_type IN ('playlist', 'schedule', 'layout')),
        object_id TEXT NOT NULL,
        number INTEGER NOT NULL CHECK (number >= 1),
        -- The object as submitted; NULL for a withdrawal (taking the object off the air).
        body TEXT CHECK (body IS NULL OR json_valid(body)),
        state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected')),
        -- User ids of everyone who edited the draft since the previous submission, and the submitter.
        authors TEXT NOT NULL CHECK (json_valid(authors)),
        submitted_by TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT,
        comment TEXT,
        PRIMARY KEY (object_type, object_id, number),
        CHECK ((state = 'submitted') = (decided_by IS NULL))
      ) STRICT;

      -- Immutable in the database itself: a version's content never changes, and a decision is final.
      CREATE TRIGGER versions_content_immutable
        BEFORE UPDATE OF object_type, object_id, number, body, authors, submitted_by, submitted_at ON versions
        BEGIN SELECT RAISE(ABORT, 'a submitted version is immutable'); END;
      CREATE TRIGGER versions_decision_final
        BEFORE UPDATE ON versions WHEN OLD.state <> 'submitted'
        BEGIN SELECT RAISE(ABORT, 'a decided version is immutable'); END;
      CREATE TRIGGER versions_kept BEFORE DELETE ON versions
        BEGIN SELECT RAISE(ABORT, 'versions are kept forever'); END;

      CREATE TABLE live_versions (
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        live_at TEXT NOT NULL,
        PRIMARY KEY (object_type, object_id),
        FOREIGN KEY (object_type, object_id, number) REFERENCES versions (object_type, object_id, number)
      ) STRICT;
      -- Only approved versions go on air, whatever code path tries otherwise.
      CREATE TRIGGER live_versions_approved_insert BEFORE INSERT ON live_versions
        WHEN (SELECT state FROM versions WHERE object_type = NEW.object_type AND object_id = NEW.object_id
              AND number = NEW.number) IS NOT 'approved'
        BEGIN SELECT RAISE(ABORT, 'only an approved version can go on air'); END;
      CREATE TRIGGER live_versions_approved_update BEFORE UPDATE ON live_versions
        WHEN (SELECT state FROM versions WHERE object_type = NEW.object_type AND object_id = NEW.object_id
              AND number = NEW.number) IS NOT 'approved'
        BEGIN SELECT RAISE(ABORT, 'only an approved version can go on air'); END;

      CREATE TABLE draft_authors (
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (object_type, object_id, user_id)
      ) STRICT;
    `)

    // Published playlist revisions → approved versions, numbered as before.
    db.exec(`
      INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at,
                            decided_by, decided_at, comment)
        SELECT 'playlist', playlist_id, revision, json_object('name', name, 'items', json(items)), 'approved',
               '[]', 'system', published_at, 'system', published_at, 'published before approvals existed'
        FROM playlist_revisions;
      INSERT INTO live_versions (object_type, object_id, number, live_at)
        SELECT 'playlist', id, published_revision, published_at FROM playlists
        WHERE published_revision IS NOT NULL;

      CREATE TABLE publications_v10 (
        id TEXT PRIMARY KEY,
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        publish_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
        done_at TEXT,
        created_at TEXT NOT NULL,
        FOREIGN KEY (object_type, object_id, number) REFERENCES versions (object_type, object_id, number)
      ) STRICT;
      INSERT INTO publications_v10
        SELECT id, 'playlist', playlist_id, revision, publish_at, status, done_at, created_at FROM publications;
      DROP TABLE publications;
      ALTER TABLE publications_v10 RENAME TO publications;
      CREATE INDEX publications_due ON publications (publish_at) WHERE status = 'pending';
      CREATE INDEX publications_object ON publications (object_type, object_id);

      DROP TABLE playlist_revisions;
      ALTER TABLE playlists DROP COLUMN published_revision;
      ALTER TABLE playlists DROP COLUMN published_at;

      ALTER TABLE emergencies ADD COLUMN created_by TEXT NOT NULL DEFAULT 'system';
      -- NULL while the message waits for a second approver; it airs only once set.
      ALTER TABLE emergencies ADD COLUMN approved_by TEXT;
      ALTER TABLE emergencies ADD COLUMN approved_at TEXT;
      UPDATE emergencies SET approved_by = 'system', approved_at = created_at;

      ALTER TABLE sites ADD COLUMN emergency_self_approval INTEGER NOT NULL DEFAULT 0
        CHECK (emergency_self_approval IN (0, 1));
    `)

    // Existing schedule entries and layouts were on air: they become approved, live version 1.
    const insertVersion = db.prepare(
      `INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at,
                             decided_by, decided_at, comment)
       VALUES (?, ?, 1, ?, 'approved', '[]', 'system', ?, 'system', ?, 'on air before approvals existed')`,
    )
    const setLive = db.prepare(
      'INSERT INTO live_versions (object_type, object_id, number, live_at) VALUES (?, ?, 1, ?)',
    )
    const schedules = db.prepare('SELECT * FROM schedules').all() as Record<string, unknown>[]
    for (const r of schedules) {
      const body = {
        name: r.name,
        playlistId: r.playlist_id,
        target: r.target_type === 'all' ? { type: 'all' } : { type: r.target_type, id: r.target_id },
        from: r.from_local,
        until: r.until_local,
        days: r.days === null ? null : JSON.parse(String(r.days)),
        window: r.window_start === null ? null : { start: r.window_start, end: r.window_end },
        cron:
          r.cron_expression === null
            ? null
            : { expression: r.cron_expression, durationMinutes: r.cron_duration_minutes },
        priority: r.priority,
        zoneId: r.zone_id,
        createdAt: r.created_at,
      }
      insertVersion.run('schedule', r.id, JSON.stringify(body), r.updated_at, r.updated_at)
      setLive.run('schedule', r.id, r.updated_at)
    }
    const layouts = db.prepare('SELECT * FROM layouts').all() as {
      id: string
      name: string
      updated_at: string
    }[]
    const zones = db.prepare(
      `SELECT id, name, x, y, width, height, playlist_id AS playlistId
       FROM layout_zones WHERE layout_id = ? ORDER BY position`,
    )
    for (const l of layouts) {
      const body = { name: l.name, zones: zones.all(l.id) }
      insertVersion.run('layout', l.id, JSON.stringify(body), l.updated_at, l.updated_at)
      setLive.run('layout', l.id, l.updated_at)
    }
  },
}
