import { deletedIdTriggers } from '../triggers'

/**
 * What screens show: media, playlists and their items, layouts and their zones, schedule entries,
 * datasets and feeds. The drafts people edit; what goes on air are their approved versions
 * (approvals.ts).
 */
export const CONTENT = `
CREATE TABLE media (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
  content_type TEXT NOT NULL,
  ext TEXT NOT NULL,
  bytes BIGINT NOT NULL CHECK (bytes > 0),
  width BIGINT,
  height BIGINT,
  original_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  -- The name without its diacritics, so "cua khau" finds "Cửa khẩu".
  search_key TEXT NOT NULL DEFAULT '',
  duration_ms BIGINT CHECK (duration_ms IS NULL OR duration_ms > 0),
  video_codec TEXT,
  audio_codec TEXT,
  thumbnail TEXT
);
CREATE INDEX media_kind_created ON media (kind, created_at);

CREATE TABLE media_tags (
  media_id TEXT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (media_id, tag)
);
CREATE INDEX media_tags_tag ON media_tags (tag, media_id);

CREATE TABLE playlists (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  draft_revision BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
${deletedIdTriggers('playlists', 'playlist', 'playlist')}

CREATE TABLE playlist_items (
  playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'slide', 'web', 'ticker', 'clock', 'feed', 'dataset')),
  duration_ms BIGINT NOT NULL,
  -- RESTRICT: a medium a playlist shows cannot be deleted from under it.
  media_id TEXT REFERENCES media (id) ON DELETE RESTRICT,
  -- Everything else about the item, by kind (fit, text, sound, url, speed, source, dataset…).
  settings TEXT NOT NULL CHECK (gatecast_is_json(settings)),
  PRIMARY KEY (playlist_id, position),
  UNIQUE (playlist_id, id)
);
CREATE INDEX playlist_items_media ON playlist_items (media_id) WHERE media_id IS NOT NULL;

CREATE TABLE layouts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
${deletedIdTriggers('layouts', 'layout', 'layout')}

CREATE TABLE layout_zones (
  layout_id TEXT NOT NULL REFERENCES layouts (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  -- Fractions of the screen.
  x DOUBLE PRECISION NOT NULL CHECK (x >= 0 AND x <= 1),
  y DOUBLE PRECISION NOT NULL CHECK (y >= 0 AND y <= 1),
  width DOUBLE PRECISION NOT NULL CHECK (width > 0 AND width <= 1),
  height DOUBLE PRECISION NOT NULL CHECK (height > 0 AND height <= 1),
  playlist_id TEXT REFERENCES playlists (id) ON DELETE RESTRICT,
  PRIMARY KEY (layout_id, position),
  UNIQUE (layout_id, id)
);
CREATE INDEX layout_zones_playlist ON layout_zones (playlist_id) WHERE playlist_id IS NOT NULL;

CREATE TABLE schedules (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE RESTRICT,
  target_type TEXT NOT NULL CHECK (target_type IN ('screen', 'group', 'site', 'all')),
  target_id TEXT,
  from_local TEXT,
  until_local TEXT,
  days TEXT CHECK (days IS NULL OR gatecast_is_json(days)),
  window_start TEXT,
  window_end TEXT,
  cron_expression TEXT,
  cron_duration_minutes BIGINT,
  priority BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  zone_id TEXT NOT NULL DEFAULT 'main',
  -- A lunar recurrence, { month, days }; NULL for weekday and cron entries.
  lunar TEXT CHECK (lunar IS NULL OR (gatecast_is_json(lunar) AND gatecast_json_type(lunar, '$.days') = 'array')),
  CHECK ((target_type = 'all') = (target_id IS NULL))
);
CREATE INDEX schedules_playlist ON schedules (playlist_id);
CREATE INDEX schedules_target ON schedules (target_type, target_id);
${deletedIdTriggers('schedules', 'schedule', 'schedule entry')}

CREATE TABLE datasets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  columns TEXT NOT NULL CHECK (gatecast_is_json(columns) AND gatecast_json_type(columns) = 'array'),
  stale_after_minutes BIGINT CHECK (stale_after_minutes IS NULL OR stale_after_minutes BETWEEN 1 AND 527040),
  token_policy TEXT NOT NULL CHECK (token_policy IN ('queued', 'direct')),
  quick_approvers TEXT NOT NULL
    CHECK (gatecast_is_json(quick_approvers) AND gatecast_json_type(quick_approvers) = 'array'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
${deletedIdTriggers('datasets', 'dataset', 'dataset')}

CREATE TABLE dataset_rows (
  dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  id TEXT NOT NULL,
  cells TEXT NOT NULL CHECK (gatecast_is_json(cells) AND gatecast_json_type(cells) = 'object'),
  as_of TEXT NOT NULL CHECK (gatecast_is_json(as_of) AND gatecast_json_type(as_of) = 'object'),
  PRIMARY KEY (dataset_id, position),
  UNIQUE (dataset_id, id)
);

CREATE TABLE feeds (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('vi', 'zh', 'en', 'entries')),
  interval_minutes BIGINT NOT NULL CHECK (interval_minutes BETWEEN 5 AND 1440),
  words TEXT NOT NULL CHECK (gatecast_is_json(words) AND gatecast_json_type(words) = 'array'),
  max_age_hours BIGINT CHECK (max_age_hours IS NULL OR max_age_hours BETWEEN 1 AND 720),
  alert_after_minutes BIGINT NOT NULL CHECK (alert_after_minutes BETWEEN 1 AND 10080),
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
);
${deletedIdTriggers('feeds', 'feed', 'feed source')}

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
);
CREATE INDEX feed_entries_newest ON feed_entries (feed_id, published_at DESC);
`
