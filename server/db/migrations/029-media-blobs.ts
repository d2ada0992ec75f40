import type { Migration } from '../migrate'

/**
 * Media without a shared disk (issue 21 part 3): `media_blobs` lists the files held by the shared
 * media store of nodes on several hosts (server/media/shared/), one row a file: a medium's original
 * `<sha256>.<ext>` or its console thumbnail `thumbs/<sha256>.jpg`, under `media_sha256`, the medium it
 * belongs to. `sha256` and `bytes` are the file's own (a thumbnail's differ from its medium's): a
 * node fetching the file checks them before it serves a byte. `object_id` names the PostgreSQL large
 * object holding the bytes. `touched_at` is the last upload that wrote or found the file: a file no
 * library row names is removed only once it is older than any upload still in flight.
 *
 * On SQLite the table stays empty (one host: the data folder is the store, nothing is held twice);
 * it exists on both engines so that the two schemas stay one contract and a SQLite database copies
 * into PostgreSQL table for table (server/db/postgres/copy.ts).
 */
export const mediaBlobs: Migration = {
  version: 29,
  name: 'media-blobs',
  up: (db) => {
    db.exec(`
      CREATE TABLE media_blobs (
        name TEXT PRIMARY KEY,
        media_sha256 TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        object_id INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        touched_at INTEGER NOT NULL
      );
      CREATE INDEX media_blobs_media ON media_blobs (media_sha256);
    `)
  },
}
