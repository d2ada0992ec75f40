import type { Migration } from '../migrate'

/** Migration 014's kinds, and the three this one adds; frozen with this migration. */
const KINDS = [
  { kind: 'site', table: 'sites', label: 'site' },
  { kind: 'group', table: 'sync_groups', label: 'sync group' },
  { kind: 'screen', table: 'screens', label: 'screen' },
  { kind: 'playlist', table: 'playlists', label: 'playlist' },
  { kind: 'schedule', table: 'schedules', label: 'schedule entry' },
  { kind: 'layout', table: 'layouts', label: 'layout' },
  { kind: 'dataset', table: 'datasets', label: 'dataset' },
  { kind: 'feed', table: 'feeds', label: 'feed source' },
  { kind: 'cap-source', table: 'cap_sources', label: 'alert source' },
] as const

/** Migration 014's triggers, on the tables it covered (dropped before its table is rebuilt). */
const BEFORE = KINDS.slice(0, 6)

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ')"

/**
 * Datasets, feed sources and official alert sources may be deleted (issue 19's sources), and,
 * like the objects of migration 014, their ids are never given again: a dataset's and a feed's
 * versions, approvals and audit entries are keyed by the id, and an alert source's id names it
 * in the emergencies it raised and in the audit log.
 *  - `deleted_ids` names its kinds in a CHECK, which SQLite cannot alter: the table is rebuilt
 *    with its rows. Its triggers on the other tables name it, and SQLite refuses to rename a
 *    table while a trigger names one that does not exist, so every trigger is dropped first and
 *    created again after, the new tables' with them.
 *  - None of the three could be deleted before, so there is no trace of a deleted one to record.
 */
export const deletedSources: Migration = {
  version: 23,
  name: 'deleted sources',
  up: (db) => {
    for (const { table } of BEFORE) {
      db.exec(`DROP TRIGGER ${table}_deleted; DROP TRIGGER ${table}_id_unused;`)
    }
    db.exec(`
      CREATE TABLE deleted_ids_v23 (
        kind TEXT NOT NULL CHECK (kind IN (${KINDS.map((k) => `'${k.kind}'`).join(', ')})),
        id TEXT NOT NULL,
        deleted_at TEXT,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO deleted_ids_v23 (kind, id, deleted_at) SELECT kind, id, deleted_at FROM deleted_ids;
      DROP TABLE deleted_ids;
      ALTER TABLE deleted_ids_v23 RENAME TO deleted_ids;
    `)
    for (const { kind, table, label } of KINDS) {
      db.exec(`
        CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table}
        BEGIN
          INSERT OR IGNORE INTO deleted_ids (kind, id, deleted_at) VALUES ('${kind}', OLD.id, ${NOW});
        END;
        CREATE TRIGGER ${table}_id_unused BEFORE INSERT ON ${table}
          WHEN EXISTS (SELECT 1 FROM deleted_ids WHERE kind = '${kind}' AND id = NEW.id)
        BEGIN
          SELECT RAISE(ABORT, 'this id belonged to a deleted ${label}: ids are never reused');
        END;
      `)
    }
  },
}
