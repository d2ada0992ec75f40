import { MIGRATIONS, migrate } from '@server/db/migrate'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

const T0 = '2026-01-01T00:00:00.000Z'

/** A database as Gatecast left it before screens had physical facts (before 16), with screens. */
function beforeLegibility(screens: [id: string, width: number, height: number][]) {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < 16),
  )
  db.prepare(
    `INSERT INTO sites (id, name, time_zone, created_at, updated_at) VALUES ('gate', '{}', 'Asia/Ho_Chi_Minh', ?, ?)`,
  ).run(T0, T0)
  const insert = db.prepare(
    `INSERT INTO screens (id, site_id, name, width, height, created_at, updated_at)
     VALUES (?, 'gate', ?, ?, ?, ?, ?)`,
  )
  for (const [id, width, height] of screens) insert.run(id, id, width, height, T0, T0)
  return db
}

const facts = (db: Database.Database) =>
  db
    .prepare('SELECT id, pixel_pitch_mm AS pitch, viewing_distance_m AS distance FROM screens ORDER BY id')
    .all()

describe('migration 16: legibility', () => {
  it('gives the sample screens their seeded pitch and distance, and leaves other screens unrecorded', () => {
    const db = beforeLegibility([
      ['tan-thanh-led', 1920, 960],
      ['huu-nghi-kiosk-1', 1080, 1920],
      // Re-sized by an operator: another panel under the sample's id, whose facts nobody knows.
      ['chi-ma-led', 1280, 640],
      ['lobby', 1920, 1080],
    ])
    // 16 and every migration after it.
    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version >= 16).map((m) => m.version))
    expect(facts(db)).toEqual([
      { id: 'chi-ma-led', pitch: null, distance: null },
      { id: 'huu-nghi-kiosk-1', pitch: 0.49, distance: 2 },
      { id: 'lobby', pitch: null, distance: null },
      { id: 'tan-thanh-led', pitch: 6, distance: 25 },
    ])
  })

  it('refuses facts outside what any panel has, in the database itself', () => {
    const db = beforeLegibility([['lobby', 1920, 1080]])
    migrate(db)
    expect(() => db.prepare('UPDATE screens SET pixel_pitch_mm = 0 WHERE id = ?').run('lobby')).toThrow(
      /CHECK/,
    )
    expect(() =>
      db.prepare('UPDATE screens SET viewing_distance_m = 1000 WHERE id = ?').run('lobby'),
    ).toThrow(/CHECK/)
  })

  it('keeps an override with its decision: final once decided, like the rest of a version', () => {
    const db = beforeLegibility([])
    migrate(db)
    db.prepare(
      `INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at)
       VALUES ('playlist', 'p', 1, '{}', 'submitted', '[]', 'u1', ?)`,
    ).run(T0)
    db.prepare(
      `UPDATE versions SET state = 'approved', decided_by = 'u2', decided_at = ?, legibility_override = 'why',
         legibility_findings = '[]' WHERE number = 1`,
    ).run(T0)
    expect(() => db.prepare("UPDATE versions SET legibility_override = 'other'").run()).toThrow(/immutable/)
    expect(() => db.prepare("UPDATE versions SET legibility_findings = 'not json'").run()).toThrow()
  })
})
