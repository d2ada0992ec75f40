import { migrate } from '@server/db/migrate'
import { describe, expect, it } from 'vitest'
import { databaseAt } from '../helpers/database'

const T0 = '2026-01-01T00:00:00.000Z'

/**
 * Migration 023: datasets, feed sources and alert sources join the kinds whose ids are never
 * reused. `deleted_ids` is rebuilt with its rows; the triggers of the kinds it held already keep
 * working, and the three new tables get theirs.
 */
describe('migration 023: deleted sources', () => {
  it('keeps the deleted ids recorded before, and still refuses them', () => {
    const db = databaseAt(22)
    db.prepare("INSERT INTO playlists (id, name, created_at, updated_at) VALUES ('old', 'Old', ?, ?)").run(
      T0,
      T0,
    )
    db.prepare("DELETE FROM playlists WHERE id = 'old'").run()
    const before = db.prepare('SELECT * FROM deleted_ids ORDER BY kind, id').all()
    expect(before).toEqual([{ kind: 'playlist', id: 'old', deleted_at: expect.any(String) }])

    migrate(db)
    expect(db.prepare('SELECT * FROM deleted_ids ORDER BY kind, id').all()).toEqual(before)
    expect(() =>
      db
        .prepare("INSERT INTO playlists (id, name, created_at, updated_at) VALUES ('old', 'New', ?, ?)")
        .run(T0, T0),
    ).toThrow(/deleted playlist: ids are never reused/)
  })

  it('records a deleted dataset, feed source and alert source, and refuses their ids again', () => {
    const db = databaseAt(23)
    db.prepare(
      `INSERT INTO datasets (id, name, columns, stale_after_minutes, token_policy, quick_approvers, created_at, updated_at)
       VALUES ('rates', 'Rates', '[]', NULL, 'queued', '[]', ?, ?)`,
    ).run(T0, T0)
    db.prepare(
      `INSERT INTO feeds (id, name, url, language, interval_minutes, words, max_age_hours, alert_after_minutes,
         created_at, updated_at)
       VALUES ('portal', 'Portal', 'https://example.vn/rss', 'vi', 15, '[]', NULL, 60, ?, ?)`,
    ).run(T0, T0)
    db.prepare(
      `INSERT INTO cap_sources (id, name, mode, policy, token_hash, created_at, updated_at)
       VALUES ('cap-1', 'KTTV', 'push', '{}', 'digest', ?, ?)`,
    ).run(T0, T0)
    for (const table of ['datasets', 'feeds', 'cap_sources']) db.prepare(`DELETE FROM ${table}`).run()
    expect(db.prepare('SELECT kind, id FROM deleted_ids ORDER BY kind').all()).toEqual([
      { kind: 'cap-source', id: 'cap-1' },
      { kind: 'dataset', id: 'rates' },
      { kind: 'feed', id: 'portal' },
    ])
    expect(() =>
      db
        .prepare(
          `INSERT INTO datasets (id, name, columns, stale_after_minutes, token_policy, quick_approvers, created_at, updated_at)
           VALUES ('rates', 'Rates', '[]', NULL, 'queued', '[]', ?, ?)`,
        )
        .run(T0, T0),
    ).toThrow(/deleted dataset: ids are never reused/)
    expect(() =>
      db
        .prepare(
          `INSERT INTO cap_sources (id, name, mode, policy, token_hash, created_at, updated_at)
           VALUES ('cap-1', 'KTTV', 'push', '{}', 'other', ?, ?)`,
        )
        .run(T0, T0),
    ).toThrow(/deleted alert source/)
  })
})
