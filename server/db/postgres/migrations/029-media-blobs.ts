import type { PgMigration } from './index'

/**
 * SQLite's migration 029 (server/db/migrations/029-media-blobs.ts): the files of the shared media
 * store. `object_id` holds a large object's oid (an unsigned 32-bit number) as BIGINT, the
 * contract's integer; the store casts it to oid where it calls the lo_* functions.
 */
export const mediaBlobs: PgMigration = {
  version: 29,
  name: 'media-blobs',
  sql: `
CREATE TABLE media_blobs (
  name TEXT PRIMARY KEY,
  media_sha256 TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  object_id BIGINT NOT NULL,
  bytes BIGINT NOT NULL,
  touched_at BIGINT NOT NULL
);
CREATE INDEX media_blobs_media ON media_blobs (media_sha256);
`,
}
