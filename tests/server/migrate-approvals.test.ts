import { migrate } from '@server/db/migrate'
import { describe, expect, it } from 'vitest'
import { databaseAt } from '../helpers/database'

const AT = '2026-01-01T00:00:00.000Z'

/** A database as Gatecast left it before approvals existed (schema version 9). */
const beforeApprovals = () => databaseAt(9)

describe('migration 10: approvals', () => {
  it('keeps playing what was published, keeps numbers, and keeps a publication set for later', () => {
    const db = beforeApprovals()
    db.prepare(
      `INSERT INTO playlists (id, name, draft_revision, published_revision, published_at, created_at, updated_at)
       VALUES ('p', 'P', 3, 2, ?, ?, ?)`,
    ).run(AT, AT, AT)
    db.prepare("INSERT INTO playlist_revisions VALUES ('p', 2, 'P', '[]', ?)").run(AT)
    db.prepare("INSERT INTO playlist_revisions VALUES ('p', 3, 'P3', '[]', ?)").run(AT)
    db.prepare(
      "INSERT INTO publications VALUES ('pub1', 'p', 3, '2027-01-01T00:00:00.000Z', 'pending', NULL, ?)",
    ).run(AT)
    migrate(db)

    expect(
      db.prepare('SELECT object_id, number, state, decided_by FROM versions ORDER BY number').all(),
    ).toEqual([
      { object_id: 'p', number: 2, state: 'approved', decided_by: 'system' },
      { object_id: 'p', number: 3, state: 'approved', decided_by: 'system' },
    ])
    expect(db.prepare('SELECT * FROM live_versions').all()).toEqual([
      { object_type: 'playlist', object_id: 'p', number: 2, live_at: AT },
    ])
    expect(db.prepare('SELECT id, object_type, object_id, number, status FROM publications').all()).toEqual([
      { id: 'pub1', object_type: 'playlist', object_id: 'p', number: 3, status: 'pending' },
    ])
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('makes every existing layout its approved, live version 1', () => {
    const db = beforeApprovals()
    db.prepare("INSERT INTO layouts VALUES ('wide', 'Wide', ?, ?)").run(AT, AT)
    db.prepare(
      "INSERT INTO layout_zones (layout_id, position, id, name, x, y, width, height, playlist_id) VALUES ('wide', 0, 'main', 'Main', 0, 0, 1, 1, NULL)",
    ).run()
    migrate(db)
    const row = db.prepare("SELECT body, state FROM versions WHERE object_type = 'layout'").get() as {
      body: string
      state: string
    }
    expect(row.state).toBe('approved')
    expect(JSON.parse(row.body)).toEqual({
      name: 'Wide',
      zones: [{ id: 'main', name: 'Main', x: 0, y: 0, width: 1, height: 1, playlistId: null }],
    })
    expect(db.prepare("SELECT number FROM live_versions WHERE object_type = 'layout'").pluck().get()).toBe(1)
  })
})
