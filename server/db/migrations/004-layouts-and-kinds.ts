import type { Migration } from '../migrate'

/** Item settings that did not have columns before this version, by kind. */
const SETTINGS_OF_OLD_ITEM: Record<string, (item: OldItem) => Record<string, unknown>> = {
  image: (i) => ({ fit: i.fit ?? 'contain' }),
  video: (i) => ({ fit: i.fit ?? 'contain', sound: false }),
  slide: (i) => ({ text: i.text, display: 'stacked' }),
}

interface OldItem {
  id: string
  kind: string
  durationMs: number
  mediaId: string | null
  fit?: string
  text?: unknown
}

/**
 * Content kinds and layouts.
 *  - Playlist items gain the web, ticker and clock kinds. Their settings differ by kind, so an
 *    item's settings move into one JSON column instead of a column per setting; the id, kind,
 *    duration and medium stay columns because queries and foreign keys need them.
 *  - Frozen revisions are rewritten to the same item shape, so the code knows only one.
 *  - Layouts with zones; screens point at one (null: the whole panel is one zone); schedule
 *    entries name the zone they play in.
 *  - The admin's allow-list of web-page origins.
 *  - Whether a screen may play sound.
 */
export const layoutsAndKinds: Migration = {
  version: 4,
  name: 'layouts-and-kinds',
  up: (db) => {
    db.exec(`
      CREATE TABLE playlist_items_v4 (
        playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'slide', 'web', 'ticker', 'clock')),
        duration_ms INTEGER NOT NULL,
        media_id TEXT REFERENCES media (id) ON DELETE RESTRICT,
        -- Everything else about the item, by kind (fit, text, sound, url, speed…).
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        PRIMARY KEY (playlist_id, position),
        UNIQUE (playlist_id, id)
      ) STRICT;
      INSERT INTO playlist_items_v4 (playlist_id, position, id, kind, duration_ms, media_id, settings)
        SELECT playlist_id, position, id, kind, duration_ms, media_id,
          CASE kind
            WHEN 'image' THEN json_object('fit', fit)
            WHEN 'video' THEN json_object('fit', fit, 'sound', json('false'))
            ELSE json_object('text', json(text), 'display', 'stacked')
          END
        FROM playlist_items;
      DROP TABLE playlist_items;
      ALTER TABLE playlist_items_v4 RENAME TO playlist_items;
      CREATE INDEX playlist_items_media ON playlist_items (media_id) WHERE media_id IS NOT NULL;

      CREATE TABLE layouts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Zones are rows so that a playlist a zone plays cannot be deleted from under it.
      CREATE TABLE layout_zones (
        layout_id TEXT NOT NULL REFERENCES layouts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        x REAL NOT NULL CHECK (x >= 0 AND x <= 1),
        y REAL NOT NULL CHECK (y >= 0 AND y <= 1),
        width REAL NOT NULL CHECK (width > 0 AND width <= 1),
        height REAL NOT NULL CHECK (height > 0 AND height <= 1),
        playlist_id TEXT REFERENCES playlists (id) ON DELETE RESTRICT,
        PRIMARY KEY (layout_id, position),
        UNIQUE (layout_id, id)
      ) STRICT;
      CREATE INDEX layout_zones_playlist ON layout_zones (playlist_id) WHERE playlist_id IS NOT NULL;

      ALTER TABLE screens ADD COLUMN layout_id TEXT REFERENCES layouts (id) ON DELETE RESTRICT;
      ALTER TABLE screens ADD COLUMN audio INTEGER NOT NULL DEFAULT 0 CHECK (audio IN (0, 1));
      CREATE INDEX screens_layout ON screens (layout_id) WHERE layout_id IS NOT NULL;

      ALTER TABLE schedules ADD COLUMN zone_id TEXT NOT NULL DEFAULT 'main';

      CREATE TABLE web_origins (
        origin TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      ) STRICT;
    `)

    const revisions = db.prepare('SELECT playlist_id, revision, items FROM playlist_revisions').all() as {
      playlist_id: string
      revision: number
      items: string
    }[]
    const update = db.prepare(
      'UPDATE playlist_revisions SET items = ? WHERE playlist_id = ? AND revision = ?',
    )
    for (const r of revisions) {
      const items = (JSON.parse(r.items) as OldItem[]).map((i) => ({
        id: i.id,
        kind: i.kind,
        durationMs: i.durationMs,
        mediaId: i.mediaId,
        ...SETTINGS_OF_OLD_ITEM[i.kind]!(i),
      }))
      update.run(JSON.stringify(items), r.playlist_id, r.revision)
    }
  },
}
