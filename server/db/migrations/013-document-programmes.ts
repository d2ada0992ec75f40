import type { Migration } from '../migrate'

/**
 * Documents stored in two parts (issue 9, fan-out):
 *  - `document_programmes`: a document less the screen it is for (playlists, rules, layout,
 *    overrides, horizon, assets), keyed by the SHA-256 of its text. A publish reaching a
 *    thousand screens of one playlist writes it once, not a thousand times (about 2.7 KB each),
 *    and a year of history keeps one copy of each programme.
 *  - `documents.programme_id`: set for rows written from now on, whose `body` then holds only
 *    the screen's part (screenId, screen, version, hash, publishedAt). Rows written before keep
 *    their whole document in `body` and no programme: nothing is rewritten.
 *  - `published_documents`: every row with its whole document as one JSON object, the two parts
 *    joined ("{head…}" less its "}", a comma, "{programme…}" less its "{"), for whoever reads
 *    the database with SQL (an operator, the tests). The server joins them itself, keeping
 *    programmes' texts in memory (server/repositories/documents.ts).
 */
export const documentProgrammes: Migration = {
  version: 13,
  name: 'document programmes',
  up: (db) => {
    db.exec(`
      CREATE TABLE document_programmes (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      ALTER TABLE documents ADD COLUMN programme_id TEXT REFERENCES document_programmes (id);
      CREATE VIEW published_documents AS
        SELECT d.screen_id, d.version, d.hash, d.published_at, d.horizon_until, d.programme_id,
          CASE WHEN d.programme_id IS NULL THEN d.body
            ELSE substr(d.body, 1, length(d.body) - 1) || ',' || substr(p.body, 2) END AS body
        FROM documents d LEFT JOIN document_programmes p ON p.id = d.programme_id;
    `)
  },
}
