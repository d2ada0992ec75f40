import type { Migration } from '../migrate'

/** The kinds with numbered versions after this migration. */
const VERSIONED = ['playlist', 'schedule', 'layout', 'feed', 'dataset'] as const
/** The kinds of playlist items after this migration. */
const ITEM_KINDS = ['image', 'video', 'slide', 'web', 'ticker', 'clock', 'feed', 'dataset'] as const

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')

/**
 * Datasets (issue 19 point 2):
 *  - `datasets`: a table's draft as its editors keep it: name, typed columns (JSON, checked by
 *    the core's schema), the stale limit, the API-token policy and the named quick-change
 *    approvers;
 *  - `dataset_rows`: the draft's rows in order, each with its cells and, beside each cell, the
 *    instant it last changed (`as_of`, what a screen shows as "as of" and judges staleness by);
 *  - versions may now be of a dataset (its approved columns and rows are what screens show): the
 *    trigger naming the kinds, which migration 19 made replaceable, is replaced;
 *  - a playlist item may be of kind `dataset`: the kind is a CHECK of `playlist_items`, which
 *    SQLite cannot alter, so the table is rebuilt with its rows and index as they were.
 */
export const datasets: Migration = {
  version: 22,
  name: 'datasets',
  up: (db) => {
    db.exec(`
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        columns TEXT NOT NULL CHECK (json_valid(columns) AND json_type(columns) = 'array'),
        stale_after_minutes INTEGER CHECK (stale_after_minutes IS NULL OR stale_after_minutes BETWEEN 1 AND 527040),
        token_policy TEXT NOT NULL CHECK (token_policy IN ('queued', 'direct')),
        quick_approvers TEXT NOT NULL
          CHECK (json_valid(quick_approvers) AND json_type(quick_approvers) = 'array'),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE dataset_rows (
        dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        id TEXT NOT NULL,
        cells TEXT NOT NULL CHECK (json_valid(cells) AND json_type(cells) = 'object'),
        as_of TEXT NOT NULL CHECK (json_valid(as_of) AND json_type(as_of) = 'object'),
        PRIMARY KEY (dataset_id, position),
        UNIQUE (dataset_id, id)
      ) STRICT;

      DROP TRIGGER versions_known_type;
      CREATE TRIGGER versions_known_type BEFORE INSERT ON versions
        WHEN NEW.object_type NOT IN (${list(VERSIONED)})
        BEGIN SELECT RAISE(ABORT, 'versions are of playlists, schedule entries, layouts, feeds and datasets'); END;

      CREATE TABLE playlist_items_v22 (
        playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN (${list(ITEM_KINDS)})),
        duration_ms INTEGER NOT NULL,
        media_id TEXT REFERENCES media (id) ON DELETE RESTRICT,
        -- Everything else about the item, by kind (fit, text, sound, url, speed, source, dataset…).
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        PRIMARY KEY (playlist_id, position),
        UNIQUE (playlist_id, id)
      ) STRICT;
      INSERT INTO playlist_items_v22 (playlist_id, position, id, kind, duration_ms, media_id, settings)
        SELECT playlist_id, position, id, kind, duration_ms, media_id, settings FROM playlist_items;
      DROP TABLE playlist_items;
      ALTER TABLE playlist_items_v22 RENAME TO playlist_items;
      CREATE INDEX playlist_items_media ON playlist_items (media_id) WHERE media_id IS NOT NULL;
    `)
  },
}
