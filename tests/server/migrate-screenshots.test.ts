import { migrate } from '@server/db/migrate'
import { describe, expect, it } from 'vitest'
import { databaseAt } from '../helpers/database'

const T0 = '2026-01-01T00:00:00.000Z'

/**
 * Migrations 026 and 027: the screenshots table, and `screenshot` and `healing` as incident kinds. The alert tables are
 * rebuilt to widen the kind CHECK; their rows (incidents, webhook deliveries and their attempts)
 * must come through whole, not cascaded away when the parent table is dropped.
 */
describe('migration 026: screenshots', () => {
  it('keeps every incident, delivery and attempt, and takes the new incident kind', () => {
    const db = databaseAt(24)
    db.prepare(
      `INSERT INTO sites (id, name, time_zone, created_at, updated_at) VALUES ('gate', '{}', 'Asia/Ho_Chi_Minh', ?, ?)`,
    ).run(T0, T0)
    db.prepare(
      `INSERT INTO screens (id, site_id, name, width, height, created_at, updated_at)
       VALUES ('led', 'gate', 'LED', 1920, 1080, ?, ?)`,
    ).run(T0, T0)
    db.prepare(
      `INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, detail)
       VALUES ('inc-1', 'led', 'gate', 'offline', ?, '{}')`,
    ).run(T0)
    db.prepare(
      `INSERT INTO alert_webhooks (id, name, url, secret, site_id, enabled, created_at, updated_at)
       VALUES ('wh-1', 'Ops', 'https://ops.example.vn/hook', NULL, NULL, 1, ?, ?)`,
    ).run(T0, T0)
    db.prepare(
      `INSERT INTO alert_deliveries (id, webhook_id, incident_id, event, body, state, attempts, next_attempt_at, created_at, finished_at)
       VALUES ('dl-1', 'wh-1', 'inc-1', 'opened', '{}', 'delivered', 1, NULL, ?, ?)`,
    ).run(T0, T0)
    db.prepare(
      `INSERT INTO alert_delivery_attempts (delivery_id, number, at, status_code, error, duration_ms)
       VALUES ('dl-1', 1, ?, 200, NULL, 35)`,
    ).run(T0)
    const tables = ['alert_incidents', 'alert_deliveries', 'alert_delivery_attempts']
    const before = tables.map((table) => db.prepare(`SELECT * FROM ${table}`).all())
    const indexes = () =>
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'alert_%' AND sql IS NOT NULL ORDER BY name",
        )
        .pluck()
        .all()
    const indexesBefore = indexes()

    // 025 (kiosk agents) comes along; 027 widens the kind CHECK again, by the same rebuild; and
    // every later one.
    expect(migrate(db).slice(0, 3)).toEqual([25, 26, 27])
    expect(migrate(db)).toEqual([])
    expect(tables.map((table) => db.prepare(`SELECT * FROM ${table}`).all())).toEqual(before)
    expect(indexes()).toEqual(indexesBefore)
    db.prepare(
      `INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, detail)
       VALUES ('inc-2', 'led', 'gate', 'screenshot', ?, '{}')`,
    ).run(T0)
    db.prepare(
      `INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, detail)
       VALUES ('inc-3', 'led', 'gate', 'healing', ?, '{}')`,
    ).run(T0)
    expect(() =>
      db
        .prepare(
          `INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, detail)
           VALUES ('inc-4', 'led', 'gate', 'made-up', ?, '{}')`,
        )
        .run(T0),
    ).toThrow(/CHECK/)
    // The references still hold: deleting the screen takes its incidents and their deliveries.
    db.prepare("DELETE FROM screens WHERE id = 'led'").run()
    expect(db.prepare('SELECT count(*) FROM alert_delivery_attempts').pluck().get()).toBe(0)
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('reads a screen’s history from its index', () => {
    const db = databaseAt(26)
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM screenshots WHERE screen_id = 'led' ORDER BY captured_at DESC LIMIT 24",
      )
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX screenshots_screen/)
  })
})
