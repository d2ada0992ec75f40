import { MIGRATIONS, migrate } from '@server/db/migrate'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

const T0 = '2026-01-01T00:00:00.000Z'

/** A database as Gatecast left it before datasets (schema 21): a playlist with a feed item, a feed version. */
function beforeDatasets() {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 21),
  )
  db.prepare(
    "INSERT INTO playlists (id, name, draft_revision, created_at, updated_at) VALUES ('lobby', 'Lobby', 1, ?, ?)",
  ).run(T0, T0)
  db.prepare(
    `INSERT INTO playlist_items (playlist_id, position, id, kind, duration_ms, media_id, settings)
     VALUES ('lobby', 0, 'f1', 'feed', 30000, NULL, '{"sourceId":"portal"}')`,
  ).run()
  insertVersion(db, 'feed', 'portal')
  return db
}

function insertVersion(db: Database.Database, type: string, id: string) {
  db.prepare(
    `INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at)
     VALUES (?, ?, 1, '{}', 'submitted', '[]', 'ana', ?)`,
  ).run(type, id, T0)
}

const datasetItem = (db: Database.Database, kind: string) =>
  db
    .prepare(
      `INSERT INTO playlist_items (playlist_id, position, id, kind, duration_ms, media_id, settings)
       VALUES ('lobby', 1, 'd1', ?, 20000, NULL, '{"datasetId":"rates"}')`,
    )
    .run(kind)

describe('migration 22: datasets', () => {
  it('keeps every item and version as they were', () => {
    const db = beforeDatasets()
    const items = db.prepare('SELECT * FROM playlist_items ORDER BY position').all()
    const versions = db.prepare('SELECT * FROM versions').all()
    expect(() => datasetItem(db, 'dataset')).toThrow(/CHECK/)
    expect(() => insertVersion(db, 'dataset', 'rates')).toThrow(/versions are of/)
    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 21).map((m) => m.version))
    expect(db.prepare('SELECT * FROM playlist_items ORDER BY position').all()).toEqual(items)
    expect(db.prepare('SELECT * FROM versions').all()).toEqual(versions)
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('takes dataset items and versions of datasets, still refusing unknown kinds', () => {
    const db = beforeDatasets()
    migrate(db)
    datasetItem(db, 'dataset')
    insertVersion(db, 'dataset', 'rates')
    expect(() => insertVersion(db, 'poster', 'x')).toThrow(
      /versions are of playlists, schedule entries, layouts, feeds and datasets/,
    )
    db.prepare("DELETE FROM playlist_items WHERE id = 'd1'").run()
    expect(() => datasetItem(db, 'poster')).toThrow(/CHECK/)
  })

  it('keeps a dataset’s rows in order with their cells and as-of, gone with the dataset', () => {
    const db = beforeDatasets()
    migrate(db)
    db.prepare(
      `INSERT INTO datasets (id, name, columns, stale_after_minutes, token_policy, quick_approvers, created_at, updated_at)
       VALUES ('rates', 'Rates', '[]', 1440, 'queued', '[]', ?, ?)`,
    ).run(T0, T0)
    const row = db.prepare(
      "INSERT INTO dataset_rows (dataset_id, position, id, cells, as_of) VALUES ('rates', ?, ?, ?, '{}')",
    )
    row.run(0, 'cny', '{"rate":3520.5}')
    expect(() => row.run(1, 'cny', '{}')).toThrow(/UNIQUE/)
    expect(() => row.run(1, 'usd', '[1]')).toThrow(/CHECK/)
    expect(() =>
      db.prepare("UPDATE datasets SET token_policy = 'sometimes' WHERE id = 'rates'").run(),
    ).toThrow(/CHECK/)
    db.prepare("DELETE FROM datasets WHERE id = 'rates'").run()
    expect(db.prepare('SELECT count(*) FROM dataset_rows').pluck().get()).toBe(0)
  })
})
