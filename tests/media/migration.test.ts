import { MIGRATIONS, migrate } from '@server/db/migrate'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

describe('migration 3: media library', () => {
  it('gives media stored before it a name, a search key and no measurements', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    const before = MIGRATIONS.filter((m) => m.version < 3)
    migrate(db, before)
    db.prepare(
      `INSERT INTO media (id, sha256, kind, content_type, ext, bytes, width, height, original_name, created_at)
       VALUES ('m-1', ?, 'video', 'video/mp4', 'mp4', 10, 1280, 720, 'Cửa khẩu.mp4', '2025-01-01T00:00:00.000Z')`,
    ).run('a'.repeat(64))
    expect(migrate(db)).toContain(3)
    expect(
      db.prepare('SELECT name, search_key, duration_ms, video_codec, thumbnail FROM media').get(),
    ).toEqual({
      name: 'Cửa khẩu.mp4',
      search_key: 'cua khau.mp4',
      duration_ms: null,
      video_codec: null,
      thumbnail: null,
    })
    db.prepare("INSERT INTO media_tags (media_id, tag) VALUES ('m-1', 'tết')").run()
    db.prepare("DELETE FROM media WHERE id = 'm-1'").run()
    expect(db.prepare('SELECT count(*) FROM media_tags').pluck().get()).toBe(0)
    db.close()
  })
})
