import { MIGRATIONS, migrate } from '@server/db/migrate'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

const T0 = '2026-01-01T00:00:00.000Z'

/** A database as Gatecast left it before feeds (schema 16), with an approved version on air and one scheduled. */
function beforeFeeds() {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 16),
  )
  const version = db.prepare(
    `INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at,
       decided_by, decided_at, legibility_override, legibility_findings)
     VALUES ('playlist', 'lobby', ?, '{"name":"Lobby","items":[]}', 'approved', '["ana"]', 'ana', ?, 'binh', ?, ?, ?)`,
  )
  version.run(1, T0, T0, null, null)
  version.run(2, T0, T0, 'Read from 30 m', '[]')
  db.prepare(
    "INSERT INTO live_versions (object_type, object_id, number, live_at) VALUES ('playlist', 'lobby', 1, ?)",
  ).run(T0)
  db.prepare(
    `INSERT INTO publications (id, object_type, object_id, number, publish_at, status, created_at)
     VALUES ('pub-1', 'playlist', 'lobby', 2, ?, 'pending', ?)`,
  ).run(T0, T0)
  return db
}

const insertVersion = (db: Database.Database, type: string, id: string) =>
  db
    .prepare(
      `INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at)
       VALUES (?, ?, 1, '{}', 'submitted', '[]', 'ana', ?)`,
    )
    .run(type, id, T0)

describe('migration 19: feeds', () => {
  it('keeps every version, what is on air and what is scheduled, with their references intact', () => {
    const db = beforeFeeds()
    const before = db.prepare('SELECT * FROM versions ORDER BY number').all()
    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 16).map((m) => m.version))
    expect(db.prepare('SELECT * FROM versions ORDER BY number').all()).toEqual(before)
    expect(db.prepare('SELECT number FROM live_versions').pluck().all()).toEqual([1])
    expect(db.prepare('SELECT number FROM publications').pluck().all()).toEqual([2])
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('takes versions of feeds, still refuses unknown kinds, and keeps versions immutable', () => {
    const db = beforeFeeds()
    migrate(db)
    insertVersion(db, 'feed', 'portal-vi')
    expect(() => insertVersion(db, 'poster', 'x')).toThrow(
      /versions are of playlists, schedule entries, layouts, feeds/,
    )
    expect(() => db.prepare("UPDATE versions SET body = '{}' WHERE number = 1").run()).toThrow(/immutable/)
    expect(() => db.prepare('DELETE FROM versions').run()).toThrow(/kept forever/)
    // Only approved versions go on air, as before the rebuild.
    expect(() =>
      db
        .prepare(
          "INSERT INTO live_versions (object_type, object_id, number, live_at) VALUES ('feed', 'portal-vi', 1, ?)",
        )
        .run(T0),
    ).toThrow(/only an approved version/)
  })
})
