import { MIGRATIONS, migrate } from '@server/db/migrate'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

const T0 = '2026-01-01T00:00:00.000Z'

/** A database as Gatecast left it before feed items (schema 19), with a playlist of every older kind. */
function beforeFeedItems() {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 19),
  )
  db.prepare(
    `INSERT INTO media (id, kind, original_name, content_type, ext, sha256, bytes, width, height, created_at)
     VALUES ('m1', 'image', 'gate.png', 'image/png', 'png', ?, 10, 64, 32, ?)`,
  ).run('a'.repeat(64), T0)
  db.prepare(
    "INSERT INTO playlists (id, name, draft_revision, created_at, updated_at) VALUES ('lobby', 'Lobby', 1, ?, ?)",
  ).run(T0, T0)
  const item = db.prepare(
    `INSERT INTO playlist_items (playlist_id, position, id, kind, duration_ms, media_id, settings)
     VALUES ('lobby', ?, ?, ?, 5000, ?, ?)`,
  )
  item.run(0, 'i1', 'image', 'm1', '{"fit":"contain"}')
  item.run(1, 't1', 'ticker', null, '{"text":{"vi":"Xin chào"},"speed":120}')
  item.run(2, 'c1', 'clock', null, '{"seconds":true}')
  return db
}

const feedItem = (db: Database.Database, kind: string) =>
  db
    .prepare(
      `INSERT INTO playlist_items (playlist_id, position, id, kind, duration_ms, media_id, settings)
       VALUES ('lobby', 3, 'f1', ?, 30000, NULL, '{"sourceId":"portal"}')`,
    )
    .run(kind)

describe('migration 20: feed items', () => {
  it('keeps every item as it was, and the index that finds the playlists using a medium', () => {
    const db = beforeFeedItems()
    const before = db.prepare('SELECT * FROM playlist_items ORDER BY position').all()
    expect(() => feedItem(db, 'feed')).toThrow(/CHECK/)
    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 19).map((m) => m.version))
    expect(db.prepare('SELECT * FROM playlist_items ORDER BY position').all()).toEqual(before)
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT playlist_id FROM playlist_items WHERE media_id = ?')
      .all('m1') as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/playlist_items_media/)
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('takes feed items, still refuses unknown kinds, and still keeps a medium in use', () => {
    const db = beforeFeedItems()
    migrate(db)
    feedItem(db, 'feed')
    expect(db.prepare("SELECT kind FROM playlist_items WHERE id = 'f1'").pluck().get()).toBe('feed')
    db.prepare("DELETE FROM playlist_items WHERE id = 'f1'").run()
    expect(() => feedItem(db, 'poster')).toThrow(/CHECK/)
    expect(() => db.prepare("DELETE FROM media WHERE id = 'm1'").run()).toThrow(/FOREIGN KEY/)
  })

  it('gives plays the list of feed entries they showed, a JSON array or nothing', () => {
    const db = beforeFeedItems()
    migrate(db)
    const insert = db.prepare(
      `INSERT INTO plays (id, screen_id, zone_id, item_id, playlist_id, document_version, start_ms, end_ms,
         local_day, received_at, entries)
       VALUES (?, 'led', 'main', 'f1', 'lobby', 1, 0, 1000, '2026-12-05', ?, ?)`,
    )
    insert.run('p1', T0, '["fe-1","fe-2"]')
    insert.run('p2', T0, null)
    expect(() => insert.run('p3', T0, '{"not":"a list"}')).toThrow(/CHECK/)
    expect(db.prepare('SELECT entries FROM plays ORDER BY id').pluck().all()).toEqual([
      '["fe-1","fe-2"]',
      null,
    ])
  })
})
