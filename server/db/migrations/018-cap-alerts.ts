import type { Migration } from '../migrate'

/**
 * Official alerts in CAP 1.2 (issue 19 point 3):
 *  - sites may record where they stand (WGS 84), so an alert's polygon or circle finds them;
 *    NULL while nobody has, and such a site is reached only by a source's site list or geocodes;
 *  - `cap_sources`: where alerts come from, pulled from an address or pushed with the source's
 *    own token (only its digest is kept), its policy as JSON (validated by the route's schema),
 *    and its last fetch: the validators for conditional requests and the last error;
 *  - `cap_messages`: every message a source brought and what became of it, unique by CAP's own
 *    key (sender, identifier, sent), so an alert fetched twice is recorded once;
 *  - an emergency a CAP message created names it (`cap_message_id`), and one on air before its
 *    second approver (break-glass) carries the instant it is withdrawn unless confirmed.
 */
export const capAlerts: Migration = {
  version: 18,
  name: 'cap-alerts',
  up: (db) => {
    db.exec(`
      ALTER TABLE sites ADD COLUMN latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90);
      ALTER TABLE sites ADD COLUMN longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180);

      CREATE TABLE cap_sources (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('pull', 'push')),
        url TEXT,
        interval_minutes INTEGER CHECK (interval_minutes IS NULL OR interval_minutes BETWEEN 1 AND 1440),
        policy TEXT NOT NULL CHECK (json_valid(policy)),
        token_hash TEXT UNIQUE,
        etag TEXT,
        last_modified TEXT,
        last_fetch_at TEXT,
        last_error_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((mode = 'pull') = (url IS NOT NULL AND interval_minutes IS NOT NULL)),
        CHECK ((mode = 'push') = (token_hash IS NOT NULL))
      ) STRICT;

      CREATE TABLE cap_messages (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES cap_sources (id) ON DELETE CASCADE,
        sender TEXT NOT NULL,
        identifier TEXT NOT NULL,
        sent TEXT NOT NULL,
        status TEXT NOT NULL,
        msg_type TEXT NOT NULL,
        event TEXT,
        severity TEXT,
        urgency TEXT,
        certainty TEXT,
        received_at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('emergency', 'break-glass', 'cancel', 'ignored')),
        reason TEXT,
        emergency_id TEXT REFERENCES emergencies (id),
        UNIQUE (source_id, sender, identifier, sent)
      ) STRICT;
      CREATE INDEX cap_messages_source ON cap_messages (source_id, received_at);

      ALTER TABLE emergencies ADD COLUMN cap_message_id TEXT REFERENCES cap_messages (id);
      ALTER TABLE emergencies ADD COLUMN confirm_by TEXT;
      CREATE INDEX emergencies_confirm_by ON emergencies (confirm_by) WHERE confirm_by IS NOT NULL;
    `)
  },
}
