import { migrate } from '@server/db/migrate'
import { describe, expect, it } from 'vitest'
import { databaseAt } from '../helpers/database'

const T0 = '2026-01-01T00:00:00.000Z'
const DELETED = '2026-02-01T00:00:00.000Z'
const RECREATED = '2026-03-01T00:00:00.000Z'
const LATER = '2026-04-01T00:00:00.000Z'

/** A database as Gatecast 13 left it, holding what deleted objects left behind. */
function withOrphans() {
  const db = databaseAt(13)
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params)
  const version = (
    type: string,
    id: string,
    n: number,
    body: object | null,
    at: string,
    state = 'approved',
  ) =>
    run(
      `INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at,
         decided_by, decided_at) VALUES (?, ?, ?, ?, ?, '[]', 'u-ed', ?, ?, ?)`,
      type,
      id,
      n,
      body === null ? null : JSON.stringify(body),
      state,
      at,
      state === 'submitted' ? null : 'u-ap',
      state === 'submitted' ? null : at,
    )
  const audit = (action: string, type: string, id: string, at: string) =>
    run(
      `INSERT INTO audit_log (at, actor_kind, action, object_type, object_id, outcome)
       VALUES (?, 'user', ?, ?, ?, 'ok')`,
      at,
      action,
      type,
      id,
    )

  run(
    `INSERT INTO sites (id, name, time_zone, created_at, updated_at) VALUES ('gate', '{}', 'Asia/Ho_Chi_Minh', ?, ?)`,
    T0,
    T0,
  )
  run("INSERT INTO playlists (id, name, created_at, updated_at) VALUES ('main', 'Main', ?, ?)", T0, T0)
  version('playlist', 'main', 1, { name: 'Main', items: [] }, T0)
  run("INSERT INTO live_versions VALUES ('playlist', 'main', 1, ?)", T0)
  run(
    `INSERT INTO screens (id, site_id, name, width, height, default_playlist_id, created_at, updated_at)
     VALUES ('led', 'gate', 'LED', 1920, 960, 'main', ?, ?)`,
    T0,
    T0,
  )
  run(
    "INSERT INTO documents (screen_id, version, hash, body, published_at, horizon_until) VALUES ('led', 1, 'h', '{}', ?, ?)",
    T0,
    LATER,
  )

  // A playlist deleted after approvals: its versions, still on air and due, its draft's author.
  version('playlist', 'gone', 1, { name: 'Gone', items: [] }, T0)
  version('playlist', 'gone', 2, { name: 'Gone 2', items: [] }, T0, 'submitted')
  run("INSERT INTO live_versions VALUES ('playlist', 'gone', 1, ?)", T0)
  run("INSERT INTO draft_authors VALUES ('playlist', 'gone', 'u-ed')")
  run("INSERT INTO publications VALUES ('pub-gone', 'playlist', 'gone', 1, ?, 'pending', NULL, ?)", LATER, T0)
  audit('playlist.delete', 'playlist', 'gone', DELETED)
  // A deleted schedule entry, aimed at a deleted screen; a layout's zone naming a deleted playlist.
  version(
    'schedule',
    'old-slot',
    1,
    { name: 'Old', playlistId: 'gone', target: { type: 'screen', id: 'old-led' } },
    T0,
  )
  version('layout', 'split', 1, { name: 'Split', zones: [{ id: 'main', playlistId: 'lost' }] }, T0)
  // An emergency that reached a screen and a site since deleted; plays of a screen since deleted.
  run(
    `INSERT INTO emergencies (id, text, targets, screens, starts_at, expires_at, created_at, approved_by, approved_at)
     VALUES ('em-1', '{}', '{"sites":["old-site"],"screens":["led"]}', '["led","old-led"]', ?, ?, ?, 'u-ap', ?)`,
    T0,
    T0,
    T0,
    T0,
  )
  run("INSERT INTO play_days VALUES ('2026-01-01', 'retired-led', 'main', 'i1', 3, 15000)")

  // Deleted, then made again under the same id (the bug): it inherited version 1, and put it on air.
  version('playlist', 'welcome', 1, { name: 'Old welcome', items: [] }, T0)
  run("INSERT INTO publications VALUES ('pub-old', 'playlist', 'welcome', 1, ?, 'done', ?, ?)", T0, T0, T0)
  audit('playlist.delete', 'playlist', 'welcome', DELETED)
  run(
    "INSERT INTO playlists (id, name, created_at, updated_at) VALUES ('welcome', 'Welcome', ?, ?)",
    RECREATED,
    RECREATED,
  )
  version('playlist', 'welcome', 2, { name: 'Welcome', items: [] }, LATER)
  run("INSERT INTO live_versions VALUES ('playlist', 'welcome', 1, ?)", LATER)
  return db
}

describe('migration 14: deleted ids', () => {
  it('records the id of every deleted object that left a trace, with when when the audit log knows', () => {
    const db = withOrphans()
    migrate(db)
    expect(db.prepare('SELECT kind, id, deleted_at FROM deleted_ids ORDER BY kind, id').all()).toEqual([
      { kind: 'layout', id: 'split', deleted_at: null },
      { kind: 'playlist', id: 'gone', deleted_at: DELETED },
      { kind: 'playlist', id: 'lost', deleted_at: null },
      { kind: 'playlist', id: 'welcome-deleted-1', deleted_at: DELETED },
      { kind: 'schedule', id: 'old-slot', deleted_at: null },
      { kind: 'screen', id: 'old-led', deleted_at: null },
      { kind: 'screen', id: 'retired-led', deleted_at: null },
      { kind: 'site', id: 'old-site', deleted_at: null },
    ])
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('takes what deleted objects left off the air, out of the queue and out of drafts; versions stay', () => {
    const db = withOrphans()
    migrate(db)
    expect(db.prepare("SELECT object_id FROM live_versions WHERE object_id = 'gone'").all()).toEqual([])
    expect(db.prepare('SELECT * FROM draft_authors').all()).toEqual([])
    expect(db.prepare("SELECT status FROM publications WHERE id = 'pub-gone'").pluck().get()).toBe(
      'cancelled',
    )
    expect(db.prepare("SELECT number FROM versions WHERE object_id = 'gone'").pluck().all()).toEqual([1, 2])
    expect(db.prepare("SELECT object_id, number FROM live_versions WHERE object_id = 'main'").all()).toEqual([
      { object_id: 'main', number: 1 },
    ])
  })

  it('gives a re-created object’s inherited versions an id of their own, off the air', () => {
    const db = withOrphans()
    migrate(db)
    const numbers = (id: string) =>
      db
        .prepare("SELECT number FROM versions WHERE object_type = 'playlist' AND object_id = ?")
        .pluck()
        .all(id)
    expect(numbers('welcome')).toEqual([2])
    expect(numbers('welcome-deleted-1')).toEqual([1])
    expect(db.prepare("SELECT object_id FROM publications WHERE id = 'pub-old'").pluck().get()).toBe(
      'welcome-deleted-1',
    )
    // What was on air was the predecessor's: off it, and every screen is recompiled within the hour.
    expect(db.prepare("SELECT * FROM live_versions WHERE object_id LIKE 'welcome%'").all()).toEqual([])
    expect(db.prepare("SELECT horizon_until FROM documents WHERE screen_id = 'led'").pluck().get()).toBeNull()
    // Versions are immutable again.
    expect(() => db.prepare("UPDATE versions SET body = NULL WHERE object_id = 'welcome'").run()).toThrow(
      /immutable/,
    )
    expect(() => db.prepare("UPDATE versions SET comment = 'x' WHERE object_id = 'main'").run()).toThrow(
      /immutable/,
    )
  })

  it('refuses, in the database, to give a deleted id to a new object of its kind', () => {
    const db = withOrphans()
    migrate(db)
    const insert = db.prepare(
      "INSERT INTO playlists (id, name, created_at, updated_at) VALUES (?, 'P', ?, ?)",
    )
    expect(() => insert.run('gone', LATER, LATER)).toThrow(/deleted playlist: ids are never reused/)
    expect(() => insert.run('welcome-deleted-1', LATER, LATER)).toThrow(/never reused/)
    db.prepare("DELETE FROM screens WHERE id = 'led'").run()
    expect(
      db.prepare("SELECT kind, deleted_at IS NOT NULL AS dated FROM deleted_ids WHERE id = 'led'").get(),
    ).toEqual({
      kind: 'screen',
      dated: 1,
    })
    // Another kind may use it.
    db.prepare("INSERT INTO layouts (id, name, created_at, updated_at) VALUES ('gone', 'L', ?, ?)").run(
      LATER,
      LATER,
    )
  })

  it('changes nothing on a database without deleted objects', () => {
    const db = databaseAt(13)
    migrate(db)
    expect(db.prepare('SELECT count(*) FROM deleted_ids').pluck().get()).toBe(0)
  })
})
