import { mediaSearchKey } from '../../media/search-key'
import type { Migration } from '../migrate'

/**
 * The media library: what the server measures about videos (duration, codecs), console
 * thumbnails, a display name people can change, tags, and a search key so that a name can be
 * found without its diacritics ("cua khau" finds "Cửa khẩu").
 *
 * Media stored before this version keep null durations, codecs and thumbnails; uploading the
 * same file again measures it and fills them in.
 */
export const mediaLibrary: Migration = {
  version: 3,
  name: 'media-library',
  up: (db) => {
    db.exec(`
      ALTER TABLE media ADD COLUMN name TEXT NOT NULL DEFAULT '';
      ALTER TABLE media ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE media ADD COLUMN duration_ms INTEGER CHECK (duration_ms IS NULL OR duration_ms > 0);
      ALTER TABLE media ADD COLUMN video_codec TEXT;
      ALTER TABLE media ADD COLUMN audio_codec TEXT;
      -- File name under media/thumbs/; null until one was made.
      ALTER TABLE media ADD COLUMN thumbnail TEXT;
      UPDATE media SET name = original_name;

      -- Normalised (lower-case, NFC) by the server; one row per tag of a medium.
      CREATE TABLE media_tags (
        media_id TEXT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (media_id, tag)
      ) STRICT, WITHOUT ROWID;
      -- "Every medium tagged tết": by tag first.
      CREATE INDEX media_tags_tag ON media_tags (tag, media_id);
      -- The library lists newest first, often filtered to images or videos.
      CREATE INDEX media_kind_created ON media (kind, created_at);
    `)
    // The key is computed in TypeScript (SQLite has no Unicode folding). If searchKey's output
    // ever changes, a later migration must recompute every row the same way.
    const rows = db.prepare('SELECT id, name, original_name FROM media').all() as {
      id: string
      name: string
      original_name: string
    }[]
    const update = db.prepare('UPDATE media SET search_key = ? WHERE id = ?')
    for (const r of rows) update.run(mediaSearchKey(r.name, r.original_name), r.id)
  },
}
