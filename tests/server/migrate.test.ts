import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DatabaseTooNewError, MIGRATIONS, migrate, SCHEMA_VERSION } from '../../server/db/migrate'
import { openDatabase } from '../../server/db/open'

describe('database migrations', () => {
  it('brings a new database to the latest version and is idempotent', () => {
    const db = openDatabase(':memory:')
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(migrate(db)).toEqual([])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })

  it('refuses a database written by a newer Gatecast, with a message saying what to do', () => {
    const db = new Database(':memory:')
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    expect(() => migrate(db)).toThrow(DatabaseTooNewError)
    expect(() => migrate(db)).toThrow(/written by a newer Gatecast/)
    db.close()
  })

  it('rolls back a failing migration whole, leaving the version where it was', () => {
    const db = new Database(':memory:')
    const broken = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (x INTEGER)')
          d.exec('THIS IS NOT SQL')
        },
      },
    ]
    expect(() => migrate(db, broken)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined()
    db.close()
  })

  it('finds a screen’s current document through the primary key, not a scan', () => {
    const db = openDatabase(':memory:')
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT body FROM documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1',
      )
      .all('x') as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (INDEX|PRIMARY KEY)/)
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/)
    db.close()
  })
})
