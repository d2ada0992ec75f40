import { deletedIdTriggers, NOW_ISO } from '../triggers'

/**
 * Trouble and warnings: screen alerts and their webhooks (migration 012), emergency messages
 * (002, 010), and official CAP alerts that may raise them (018).
 */
export const ALERTS = `
-- One row of thresholds for every site without its own (site_id NULL), one per site with its own.
CREATE TABLE alert_rules (
  site_id TEXT REFERENCES sites (id) ON DELETE CASCADE,
  offline_enabled BIGINT NOT NULL CHECK (offline_enabled IN (0, 1)),
  offline_minutes BIGINT NOT NULL CHECK (offline_minutes BETWEEN 1 AND 10080),
  stale_enabled BIGINT NOT NULL CHECK (stale_enabled IN (0, 1)),
  stale_minutes BIGINT NOT NULL CHECK (stale_minutes BETWEEN 1 AND 10080),
  errors_enabled BIGINT NOT NULL CHECK (errors_enabled IN (0, 1)),
  errors_count BIGINT NOT NULL CHECK (errors_count BETWEEN 1 AND 20),
  errors_minutes BIGINT NOT NULL CHECK (errors_minutes BETWEEN 1 AND 1440),
  storage_enabled BIGINT NOT NULL CHECK (storage_enabled IN (0, 1)),
  storage_percent BIGINT NOT NULL CHECK (storage_percent BETWEEN 10 AND 100),
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX alert_rules_scope ON alert_rules ((coalesce(site_id, '')));
-- The default: a gate's link drops for minutes at a time, so offline waits a quarter hour;
-- a large video over that link can take most of an hour to arrive.
INSERT INTO alert_rules VALUES (NULL, 1, 15, 1, 60, 1, 5, 10, 1, 90, ${NOW_ISO});

CREATE TABLE alert_webhooks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- SQLite's LIKE ignores ASCII case (and only ASCII's): 'HTTPS://…' passes there, so here too.
  url TEXT NOT NULL CHECK (url ~ '^[Hh][Tt][Tt][Pp]([Ss])?://'),
  -- Kept as given: the server needs it to sign each body; never sent back by the API.
  secret TEXT,
  site_id TEXT REFERENCES sites (id) ON DELETE CASCADE,
  enabled BIGINT NOT NULL CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- A screen's trouble of one kind, from when a rule tripped to when it cleared.
CREATE TABLE alert_incidents (
  id TEXT PRIMARY KEY,
  screen_id TEXT NOT NULL REFERENCES screens (id) ON DELETE CASCADE,
  -- The screen's site when the incident opened (a screen may move later).
  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('offline', 'stale', 'errors', 'storage', 'screenshot', 'healing')),
  opened_at TEXT NOT NULL,
  resolved_at TEXT CHECK (resolved_at IS NULL OR resolved_at >= opened_at),
  detail TEXT NOT NULL CHECK (gatecast_is_json(detail)),
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  acknowledge_note TEXT,
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
-- At most one open incident per (screen, kind).
CREATE UNIQUE INDEX alert_incidents_open ON alert_incidents (screen_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX alert_incidents_opened ON alert_incidents (opened_at);
CREATE INDEX alert_incidents_resolved ON alert_incidents (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX alert_incidents_site ON alert_incidents (site_id, opened_at);

-- One per (webhook, incident, event): "once per incident" holds even if an evaluation ran twice.
CREATE TABLE alert_deliveries (
  id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL REFERENCES alert_webhooks (id) ON DELETE CASCADE,
  incident_id TEXT NOT NULL REFERENCES alert_incidents (id) ON DELETE CASCADE,
  event TEXT NOT NULL CHECK (event IN ('opened', 'resolved')),
  -- The exact bytes every attempt sends (and signs).
  body TEXT NOT NULL CHECK (gatecast_is_json(body)),
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  UNIQUE (webhook_id, incident_id, event),
  CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL)),
  CHECK ((state = 'pending') = (finished_at IS NULL))
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX alert_deliveries_webhook ON alert_deliveries (webhook_id, created_at);

CREATE TABLE alert_delivery_attempts (
  delivery_id TEXT NOT NULL REFERENCES alert_deliveries (id) ON DELETE CASCADE,
  number BIGINT NOT NULL CHECK (number >= 1),
  at TEXT NOT NULL,
  status_code BIGINT,
  error TEXT,
  duration_ms BIGINT NOT NULL CHECK (duration_ms >= 0),
  PRIMARY KEY (delivery_id, number)
);

-- Its foreign key to the CAP message that raised it is added below: the two tables name each other.
CREATE TABLE emergencies (
  id TEXT PRIMARY KEY,
  text TEXT NOT NULL CHECK (gatecast_is_json(text)),
  targets TEXT NOT NULL CHECK (gatecast_is_json(targets)),
  screens TEXT NOT NULL CHECK (gatecast_is_json(screens)),
  starts_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  cleared_at TEXT,
  -- Set once the expiry job has republished the screens after the message ended.
  retired BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT 'system',
  -- NULL while the message waits for a second approver; it airs only once set.
  approved_by TEXT,
  approved_at TEXT,
  cap_message_id TEXT,
  -- A break-glass message (on air before its second approver) is withdrawn then unless confirmed.
  confirm_by TEXT
);
CREATE INDEX emergencies_confirm_by ON emergencies (confirm_by) WHERE confirm_by IS NOT NULL;
CREATE INDEX emergencies_open ON emergencies (expires_at) WHERE retired = 0;

-- Pulled from an address, or pushed with the source's own token (only its digest is kept).
CREATE TABLE cap_sources (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('pull', 'push')),
  url TEXT,
  interval_minutes BIGINT CHECK (interval_minutes IS NULL OR interval_minutes BETWEEN 1 AND 1440),
  policy TEXT NOT NULL CHECK (gatecast_is_json(policy)),
  token_hash TEXT UNIQUE,
  etag TEXT,
  last_modified TEXT,
  last_fetch_at TEXT,
  last_error_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_error_code TEXT,
  last_error_params TEXT CHECK (last_error_params IS NULL
    OR (gatecast_is_json(last_error_params) AND gatecast_json_type(last_error_params) = 'object')),
  CHECK ((mode = 'pull') = (url IS NOT NULL AND interval_minutes IS NOT NULL)),
  CHECK ((mode = 'push') = (token_hash IS NOT NULL))
);
${deletedIdTriggers('cap_sources', 'cap-source', 'alert source')}

-- Unique by CAP's own key (sender, identifier, sent): an alert fetched twice is recorded once.
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
);
CREATE INDEX cap_messages_source ON cap_messages (source_id, received_at);
ALTER TABLE emergencies ADD FOREIGN KEY (cap_message_id) REFERENCES cap_messages (id);
`
