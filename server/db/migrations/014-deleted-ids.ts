import type { Database } from 'better-sqlite3'
import type { Migration } from '../migrate'

/** Each kind of object whose id people choose, and its table. Frozen with this migration. */
const KINDS = [
  { kind: 'site', table: 'sites', label: 'site' },
  { kind: 'group', table: 'sync_groups', label: 'sync group' },
  { kind: 'screen', table: 'screens', label: 'screen' },
  { kind: 'playlist', table: 'playlists', label: 'playlist' },
  { kind: 'schedule', table: 'schedules', label: 'schedule entry' },
  { kind: 'layout', table: 'layouts', label: 'layout' },
] as const

/** The kinds with numbered versions (migration 010). */
const APPROVABLE = KINDS.filter((k) => k.kind === 'playlist' || k.kind === 'schedule' || k.kind === 'layout')

/** Migration 010's immutability triggers, re-created word for word after the one rewrite below. */
const VERSIONS_IMMUTABLE = `
  CREATE TRIGGER versions_content_immutable
    BEFORE UPDATE OF object_type, object_id, number, body, authors, submitted_by, submitted_at ON versions
    BEGIN SELECT RAISE(ABORT, 'a submitted version is immutable'); END;
  CREATE TRIGGER versions_decision_final
    BEFORE UPDATE ON versions WHEN OLD.state <> 'submitted'
    BEGIN SELECT RAISE(ABORT, 'a decided version is immutable'); END;`

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ')"
const ID_CHARS_MAX = 63

/**
 * A deleted object's id is never given to another object of its kind (issue 16 item 5). Its
 * versions, approvals, publications, plays, uptime, emergency targets and audit entries are keyed
 * by that id and outlive it: a new object under the same id inherited them all (an old approved
 * version became publishable again, and a medium it named could be gone).
 *  - `deleted_ids`: every id of a site, sync group, screen, playlist, schedule entry or layout
 *    that was deleted, and when (NULL when the deletion predates this table and left no audit
 *    entry). Written by a trigger on each table's DELETE, refused by one on its INSERT: no code
 *    path can reuse an id. A migration that rebuilds one of these tables (CREATE, copy, DROP,
 *    RENAME) must create both triggers again; DROP TABLE fires no DELETE trigger.
 *  - Filled from what deleted objects left behind: the audit log's deletions, versions and the
 *    approval tables, references in version bodies, drafts and emergencies, play and uptime
 *    records. Whatever of them still stood on air, waited for publication or counted as a draft's
 *    author is cleared, as deleting does now (VersionsRepository.forget).
 *  - An object created again under a deleted id already holds its predecessor's versions (those
 *    submitted before it was created). They move to an id of their own, `<id>-deleted-<n>`, kept
 *    as deleted, where their history stays readable; a predecessor's version on air goes off it,
 *    and every screen's current document is marked for the refresh job to recompile.
 */
export const deletedIds: Migration = {
  version: 14,
  name: 'deleted ids',
  up: (db) => {
    db.exec(`
      CREATE TABLE deleted_ids (
        kind TEXT NOT NULL CHECK (kind IN (${KINDS.map((k) => `'${k.kind}'`).join(', ')})),
        id TEXT NOT NULL,
        deleted_at TEXT,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
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
    recordDeletedIds(db)
    clearWhatDeletedObjectsLeft(db)
    separatePredecessors(db)
  },
}

/** Every id a deleted object left a trace of, with when it was deleted when the audit log knows. */
function recordDeletedIds(db: Database): void {
  const schedule = (body: string) => `
    SELECT json_extract(${body}, '$.target.type'), json_extract(${body}, '$.target.id'), NULL`
  db.exec(`
    CREATE TEMP TABLE traces (kind TEXT NOT NULL, id TEXT, at TEXT);
    INSERT INTO traces
      SELECT object_type, object_id, at FROM audit_log
        WHERE outcome = 'ok' AND action = object_type || '.delete' AND object_id IS NOT NULL
      UNION ALL SELECT object_type, object_id, NULL FROM versions
      UNION ALL SELECT object_type, object_id, NULL FROM live_versions
      UNION ALL SELECT object_type, object_id, NULL FROM draft_authors
      UNION ALL SELECT object_type, object_id, NULL FROM publications
      UNION ALL SELECT 'playlist', json_extract(body, '$.playlistId'), NULL FROM versions
        WHERE object_type = 'schedule' AND body IS NOT NULL
      UNION ALL ${schedule('body')} FROM versions WHERE object_type = 'schedule' AND body IS NOT NULL
      UNION ALL SELECT 'playlist', json_extract(z.value, '$.playlistId'), NULL
        FROM versions v, json_each(v.body, '$.zones') z WHERE v.object_type = 'layout' AND v.body IS NOT NULL
      UNION ALL SELECT target_type, target_id, NULL FROM schedules
      UNION ALL SELECT 'screen', s.value, NULL FROM emergencies e, json_each(e.screens) s
      UNION ALL SELECT 'screen', s.value, NULL FROM emergencies e, json_each(e.targets, '$.screens') s
      UNION ALL SELECT 'site', s.value, NULL FROM emergencies e, json_each(e.targets, '$.sites') s
      -- Screen ids come from the screen's own token; play_days holds every play's (migration 011).
      UNION ALL SELECT DISTINCT 'screen', screen_id, NULL FROM play_days
      UNION ALL SELECT DISTINCT 'screen', screen_id, NULL FROM screen_uptime;
  `)
  const record = (kind: string, table: string) =>
    db
      .prepare(
        `INSERT INTO deleted_ids (kind, id, deleted_at)
         SELECT kind, id, max(at) FROM temp.traces
         WHERE kind = ? AND id IS NOT NULL AND id NOT IN (SELECT id FROM ${table})
         GROUP BY id`,
      )
      .run(kind)
  for (const { kind, table } of KINDS) record(kind, table)
  db.exec('DROP TABLE temp.traces')
}

/** What forgetting a deleted object clears (VersionsRepository.forget), for deletions that left it. */
function clearWhatDeletedObjectsLeft(db: Database): void {
  const deleted = 'SELECT 1 FROM deleted_ids d WHERE d.kind = object_type AND d.id = object_id'
  db.exec(`
    DELETE FROM live_versions WHERE EXISTS (${deleted});
    DELETE FROM draft_authors WHERE EXISTS (${deleted});
    UPDATE publications SET status = 'cancelled', done_at = ${NOW} WHERE status = 'pending' AND EXISTS (${deleted});
  `)
}

/** A free id for a predecessor's versions: `<id>-deleted-<n>`, shortened to fit an id. */
function predecessorId(db: Database, kind: string, table: string, id: string): string {
  const used = db.prepare(
    `SELECT EXISTS (SELECT 1 FROM ${table} WHERE id = @id)
       OR EXISTS (SELECT 1 FROM deleted_ids WHERE kind = @kind AND id = @id)
       OR EXISTS (SELECT 1 FROM versions WHERE object_type = @kind AND object_id = @id)`,
  )
  for (let n = 1; ; n++) {
    const suffix = `-deleted-${n}`
    const candidate = `${id.slice(0, ID_CHARS_MAX - suffix.length)}${suffix}`
    if (!used.pluck().get({ kind, id: candidate })) return candidate
  }
}

/** Moves the versions an object inherited from a deleted one of the same id to an id of their own. */
function separatePredecessors(db: Database): void {
  let offAir = false
  let triggersDropped = false
  for (const { kind, table } of APPROVABLE) {
    const inherited = db
      .prepare(
        `SELECT o.id, o.created_at AS createdAt, json_group_array(v.number) AS numbers
         FROM ${table} o JOIN versions v ON v.object_type = ? AND v.object_id = o.id
         WHERE v.submitted_at < o.created_at GROUP BY o.id ORDER BY o.id`,
      )
      .all(kind) as { id: string; createdAt: string; numbers: string }[]
    for (const { id, createdAt, numbers } of inherited) {
      if (!triggersDropped) {
        // Versions and publications change their key together: checked at commit, not per statement.
        db.pragma('defer_foreign_keys = ON')
        db.exec('DROP TRIGGER versions_content_immutable; DROP TRIGGER versions_decision_final;')
        triggersDropped = true
      }
      const moved = predecessorId(db, kind, table, id)
      const params = { kind, id, moved, numbers }
      const inList = 'number IN (SELECT value FROM json_each(@numbers))'
      const live = db
        .prepare(`DELETE FROM live_versions WHERE object_type = @kind AND object_id = @id AND ${inList}`)
        .run(params)
      if (live.changes > 0) offAir = true
      db.prepare(
        `UPDATE publications SET status = 'cancelled', done_at = ${NOW}
         WHERE status = 'pending' AND object_type = @kind AND object_id = @id AND ${inList}`,
      ).run(params)
      for (const t of ['versions', 'publications']) {
        db.prepare(
          `UPDATE ${t} SET object_id = @moved WHERE object_type = @kind AND object_id = @id AND ${inList}`,
        ).run(params)
      }
      const deletedAt = db
        .prepare(
          `SELECT max(at) FROM audit_log
           WHERE outcome = 'ok' AND action = @kind || '.delete' AND object_id = @id AND at <= @createdAt`,
        )
        .pluck()
        .get({ kind, id, createdAt }) as string | null
      db.prepare('INSERT INTO deleted_ids (kind, id, deleted_at) VALUES (?, ?, ?)').run(
        kind,
        moved,
        deletedAt,
      )
    }
  }
  if (triggersDropped) db.exec(VERSIONS_IMMUTABLE)
  // The refresh job recompiles documents whose horizon is unknown: within the hour, without the
  // predecessor's content.
  if (offAir) {
    db.exec(`
      UPDATE documents SET horizon_until = NULL
      WHERE version = (SELECT max(version) FROM documents d WHERE d.screen_id = documents.screen_id)
    `)
  }
}
