import type { Migration } from '../migrate'

/**
 * Alerts (issue 8 item 2):
 *  - `alert_rules`: one row of thresholds for every site without its own (site_id NULL), and one
 *    per site that has its own;
 *  - `alert_incidents`: a screen's trouble of one kind, from when a rule tripped to when it
 *    cleared; at most one open per (screen, kind), enforced by a partial unique index;
 *  - `alert_webhooks`: where incidents are POSTed; `alert_deliveries`: one per (webhook,
 *    incident, opened|resolved), the unique key that makes "once per incident" hold even if
 *    the evaluation ran twice; `alert_delivery_attempts`: every try, with its answer.
 */
export const alerts: Migration = {
  version: 12,
  name: 'alerts',
  up: (db) => {
    db.exec(`
      CREATE TABLE alert_rules (
        site_id TEXT REFERENCES sites (id) ON DELETE CASCADE,
        offline_enabled INTEGER NOT NULL CHECK (offline_enabled IN (0, 1)),
        offline_minutes INTEGER NOT NULL CHECK (offline_minutes BETWEEN 1 AND 10080),
        stale_enabled INTEGER NOT NULL CHECK (stale_enabled IN (0, 1)),
        stale_minutes INTEGER NOT NULL CHECK (stale_minutes BETWEEN 1 AND 10080),
        errors_enabled INTEGER NOT NULL CHECK (errors_enabled IN (0, 1)),
        errors_count INTEGER NOT NULL CHECK (errors_count BETWEEN 1 AND 20),
        errors_minutes INTEGER NOT NULL CHECK (errors_minutes BETWEEN 1 AND 1440),
        storage_enabled INTEGER NOT NULL CHECK (storage_enabled IN (0, 1)),
        storage_percent INTEGER NOT NULL CHECK (storage_percent BETWEEN 10 AND 100),
        updated_at TEXT NOT NULL
      ) STRICT;
      -- One default row (NULL) and at most one row per site.
      CREATE UNIQUE INDEX alert_rules_scope ON alert_rules (coalesce(site_id, ''));

      -- The default: a gate's link drops for minutes at a time, so offline waits a quarter hour;
      -- a large video over that link can take most of an hour to arrive.
      INSERT INTO alert_rules VALUES (NULL, 1, 15, 1, 60, 1, 5, 10, 1, 90, strftime('%Y-%m-%dT%H:%M:%fZ'));

      CREATE TABLE alert_incidents (
        id TEXT PRIMARY KEY,
        screen_id TEXT NOT NULL REFERENCES screens (id) ON DELETE CASCADE,
        -- The screen's site when the incident opened (a screen may move later).
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('offline', 'stale', 'errors', 'storage')),
        opened_at TEXT NOT NULL,
        resolved_at TEXT CHECK (resolved_at IS NULL OR resolved_at >= opened_at),
        detail TEXT NOT NULL CHECK (json_valid(detail)),
        acknowledged_at TEXT,
        acknowledged_by TEXT,
        acknowledge_note TEXT,
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX alert_incidents_open ON alert_incidents (screen_id, kind) WHERE resolved_at IS NULL;
      CREATE INDEX alert_incidents_opened ON alert_incidents (opened_at);
      CREATE INDEX alert_incidents_site ON alert_incidents (site_id, opened_at);
      -- The history reads newest-resolved first.
      CREATE INDEX alert_incidents_resolved ON alert_incidents (resolved_at) WHERE resolved_at IS NOT NULL;

      CREATE TABLE alert_webhooks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
        -- Kept as given: the server needs it to sign each body; never sent back by the API.
        secret TEXT,
        site_id TEXT REFERENCES sites (id) ON DELETE CASCADE,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE alert_deliveries (
        id TEXT PRIMARY KEY,
        webhook_id TEXT NOT NULL REFERENCES alert_webhooks (id) ON DELETE CASCADE,
        incident_id TEXT NOT NULL REFERENCES alert_incidents (id) ON DELETE CASCADE,
        event TEXT NOT NULL CHECK (event IN ('opened', 'resolved')),
        -- The exact bytes every attempt sends (and signs).
        body TEXT NOT NULL CHECK (json_valid(body)),
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        UNIQUE (webhook_id, incident_id, event),
        CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL)),
        CHECK ((state = 'pending') = (finished_at IS NULL))
      ) STRICT;
      CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE state = 'pending';
      CREATE INDEX alert_deliveries_webhook ON alert_deliveries (webhook_id, created_at);

      CREATE TABLE alert_delivery_attempts (
        delivery_id TEXT NOT NULL REFERENCES alert_deliveries (id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number >= 1),
        at TEXT NOT NULL,
        status_code INTEGER,
        error TEXT,
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
        PRIMARY KEY (delivery_id, number)
      ) STRICT;
    `)
  },
}
