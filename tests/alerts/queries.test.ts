import { migrate } from '@server/db/migrate'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

/** The alert queries that run every few seconds, or over a long history, use their indexes. */

const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n')

describe('alert queries', () => {
  const db = new Database(':memory:')
  migrate(db)

  it('finds due deliveries through the pending-only index', () => {
    const detail = plan(
      db,
      `SELECT d.id FROM alert_deliveries d JOIN alert_webhooks w ON w.id = d.webhook_id
       WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND w.enabled = 1 ORDER BY d.next_attempt_at LIMIT 20`,
      '2026-01-01T00:00:00.000Z',
    )
    expect(detail).toContain('alert_deliveries_due')
  })

  it('finds a screen’s open incident of a kind, and reads the history newest-resolved first, by index', () => {
    expect(
      plan(
        db,
        'SELECT id FROM alert_incidents WHERE screen_id = ? AND kind = ? AND resolved_at IS NULL',
        'a',
        'offline',
      ),
    ).toContain('alert_incidents_open')
    const history = plan(
      db,
      'SELECT id FROM alert_incidents i WHERE i.resolved_at IS NOT NULL ORDER BY i.resolved_at DESC LIMIT 20',
    )
    expect(history).toContain('alert_incidents_resolved')
    expect(history).not.toContain('TEMP B-TREE')
  })

  it('keeps one default rule set and at most one per site, and one open incident per screen and kind', () => {
    expect(() =>
      db.exec("INSERT INTO alert_rules VALUES (NULL, 1, 15, 1, 60, 1, 5, 10, 1, 90, '2026-01-01T00:00:00Z')"),
    ).toThrow(/UNIQUE/)
    db.exec(`
      INSERT INTO sites (id, name, time_zone, created_at, updated_at)
        VALUES ('gate', '{"vi":"a","zh":"b","en":"c"}', 'Asia/Ho_Chi_Minh', '2026', '2026');
      INSERT INTO screens (id, site_id, name, width, height, created_at, updated_at)
        VALUES ('led', 'gate', 'LED', 1920, 960, '2026', '2026');
      INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, detail)
        VALUES ('inc-1', 'led', 'gate', 'offline', '2026-01-01', '{}');
    `)
    expect(() =>
      db.exec(`INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, detail)
        VALUES ('inc-2', 'led', 'gate', 'offline', '2026-01-02', '{}')`),
    ).toThrow(/UNIQUE/)
    db.exec("UPDATE alert_incidents SET resolved_at = '2026-01-03' WHERE id = 'inc-1'")
    db.exec(`INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, detail)
      VALUES ('inc-2', 'led', 'gate', 'offline', '2026-01-04', '{}')`)
    expect(db.prepare('SELECT count(*) FROM alert_incidents').pluck().get()).toBe(2)
  })
})
