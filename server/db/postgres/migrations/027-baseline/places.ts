import { deletedIdTriggers } from '../triggers'

/**
 * Where screens stand, and the ids of what was deleted (migration 014: an id people chose is
 * never given to another object of its kind; its history outlives it).
 */
export const PLACES = `
CREATE TABLE deleted_ids (
  kind TEXT NOT NULL CHECK (kind IN ('site', 'group', 'screen', 'playlist', 'schedule', 'layout', 'dataset', 'feed', 'cap-source')),
  id TEXT NOT NULL,
  -- NULL when the deletion predates the table and left no audit entry.
  deleted_at TEXT,
  PRIMARY KEY (kind, id)
);

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  -- Translated names, {vi, zh, en}.
  name TEXT NOT NULL CHECK (gatecast_is_json(name)),
  time_zone TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  emergency_self_approval BIGINT NOT NULL DEFAULT 0 CHECK (emergency_self_approval IN (0, 1)),
  latitude DOUBLE PRECISION CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude DOUBLE PRECISION CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  on_air_feed TEXT NOT NULL DEFAULT 'off' CHECK (on_air_feed IN ('off', 'public', 'token')),
  power_plan TEXT CHECK (power_plan IS NULL OR (gatecast_is_json(power_plan) AND gatecast_json_type(power_plan) = 'object'))
);
${deletedIdTriggers('sites', 'site', 'site')}

CREATE TABLE sync_groups (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
  name TEXT NOT NULL
);
CREATE INDEX sync_groups_site ON sync_groups (site_id);
${deletedIdTriggers('sync_groups', 'group', 'sync group')}
`
