import { refusal, truncateRefusal } from '../triggers'

const KEPT = 'versions are kept forever'

/**
 * Four-eyes approval and publishing (migrations 010, 013). What screens play is a numbered,
 * immutable version someone other than its authors approved; the database itself keeps versions
 * immutable and only approved ones on air, whatever code path tries otherwise. Documents are what
 * was pushed to each screen, stored as the screen's part and a shared programme.
 */
export const APPROVALS = `
CREATE TABLE versions (
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  number BIGINT NOT NULL CHECK (number >= 1),
  -- The object as submitted; NULL for a withdrawal (taking the object off the air).
  body TEXT CHECK (body IS NULL OR gatecast_is_json(body)),
  state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected')),
  -- User ids of everyone who edited the draft since the previous submission, and the submitter.
  authors TEXT NOT NULL CHECK (gatecast_is_json(authors)),
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  comment TEXT,
  legibility_override TEXT,
  legibility_findings TEXT CHECK (legibility_findings IS NULL OR gatecast_is_json(legibility_findings)),
  PRIMARY KEY (object_type, object_id, number),
  CHECK ((state = 'submitted') = (decided_by IS NULL))
);
${refusal({
  name: 'versions_content_immutable',
  when: 'BEFORE UPDATE OF object_type, object_id, number, body, authors, submitted_by, submitted_at',
  table: 'versions',
  message: 'a submitted version is immutable',
  // SQLite fires the newest trigger first, so a decided version's content change hears
  // versions_decision_final's message; PostgreSQL fires by name, so this one steps aside.
  condition: "OLD.state = 'submitted'",
})}
${refusal({
  name: 'versions_decision_final',
  when: 'BEFORE UPDATE',
  table: 'versions',
  message: 'a decided version is immutable',
  condition: "OLD.state <> 'submitted'",
})}
${refusal({ name: 'versions_kept', when: 'BEFORE DELETE', table: 'versions', message: KEPT })}
${truncateRefusal('versions', KEPT)}
${refusal({
  name: 'versions_known_type',
  when: 'BEFORE INSERT',
  table: 'versions',
  message: 'versions are of playlists, schedule entries, layouts, feeds and datasets',
  condition: "NEW.object_type NOT IN ('playlist', 'schedule', 'layout', 'feed', 'dataset')",
})}

-- Which approved version each object has on air, since when.
CREATE TABLE live_versions (
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  number BIGINT NOT NULL,
  live_at TEXT NOT NULL,
  PRIMARY KEY (object_type, object_id),
  FOREIGN KEY (object_type, object_id, number) REFERENCES versions (object_type, object_id, number)
);
-- A trigger's WHEN cannot query another table here, so the function asks.
CREATE FUNCTION live_versions_approved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT state FROM versions WHERE object_type = NEW.object_type AND object_id = NEW.object_id
      AND number = NEW.number) IS DISTINCT FROM 'approved' THEN
    RAISE EXCEPTION USING MESSAGE = 'only an approved version can go on air',
      ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER live_versions_approved_insert BEFORE INSERT ON live_versions
  FOR EACH ROW EXECUTE FUNCTION live_versions_approved();
CREATE TRIGGER live_versions_approved_update BEFORE UPDATE ON live_versions
  FOR EACH ROW EXECUTE FUNCTION live_versions_approved();

-- Who edited the draft since its last submission (they may not approve it).
CREATE TABLE draft_authors (
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (object_type, object_id, user_id)
);

-- An approved version set to go on air at a given instant.
CREATE TABLE publications (
  id TEXT PRIMARY KEY,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  number BIGINT NOT NULL,
  publish_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
  done_at TEXT,
  created_at TEXT NOT NULL,
  FOREIGN KEY (object_type, object_id, number) REFERENCES versions (object_type, object_id, number)
);
CREATE INDEX publications_due ON publications (publish_at) WHERE status = 'pending';
CREATE INDEX publications_object ON publications (object_type, object_id);

-- A document less the screen it is for, keyed by the SHA-256 of its text: written once for
-- the thousand screens of one playlist.
CREATE TABLE document_programmes (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL CHECK (gatecast_is_json(body))
);

CREATE TABLE documents (
  screen_id TEXT NOT NULL REFERENCES screens (id) ON DELETE CASCADE,
  version BIGINT NOT NULL,
  hash TEXT NOT NULL,
  -- The screen's part when programme_id is set; the whole document in rows written before it.
  body TEXT NOT NULL CHECK (gatecast_is_json(body)),
  published_at TEXT NOT NULL,
  horizon_until TEXT,
  programme_id TEXT REFERENCES document_programmes (id),
  PRIMARY KEY (screen_id, version)
);

-- Every document whole: the screen's object and the programme's spliced into one JSON object.
CREATE VIEW published_documents AS
  SELECT d.screen_id, d.version, d.hash, d.published_at, d.horizon_until, d.programme_id,
    CASE WHEN d.programme_id IS NULL THEN d.body
      ELSE substr(d.body, 1, length(d.body) - 1) || ',' || substr(p.body, 2) END AS body
  FROM documents d LEFT JOIN document_programmes p ON p.id = d.programme_id;
`
