import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { FreshCache } from '@server/db/fresh-cache'
import { openDatabase } from '@server/db/open'
import type { Store } from '@server/db/store'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/**
 * In-memory caches kept only while the database is unchanged (server/db/generation.ts and
 * fresh-cache.ts): changes through this connection, through another connection (another node,
 * a maintenance command) and inside transactions.
 */

let dir: string
let db: Store
let other: Database.Database

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatecast-fresh-'))
  db = openDatabase(join(dir, 'gatecast.sqlite'))
  db.exec('CREATE TABLE names (id TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT')
  db.prepare("INSERT INTO names VALUES ('s', 'S')").run()
  other = new Database(join(dir, 'gatecast.sqlite'))
})
afterEach(() => {
  other.close()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A cache of one row's name, counting how often it reads the database. */
function cachedName() {
  const cache = new FreshCache<string>(db.generation)
  let reads = 0
  const name = () =>
    cache.get('s', () => {
      reads++
      return db.prepare("SELECT name FROM names WHERE id = 's'").pluck().get() as string
    })
  return { name, reads: () => reads }
}

describe('FreshCache over a DataGeneration', () => {
  it('reads once while nothing changes', async () => {
    const names = cachedName()
    expect([names.name(), names.name()]).toEqual(['S', 'S'])
    await nextTurn()
    expect(names.name()).toBe('S')
    expect(names.reads()).toBe(1)
  })

  it('forgets everything at a write through this connection, in the same turn', () => {
    const names = cachedName()
    names.name()
    db.prepare("UPDATE names SET name = 'Renamed' WHERE id = 's'").run()
    expect(names.name()).toBe('Renamed')
    expect(names.reads()).toBe(2)
  })

  it('counts a write run with get(), such as an INSERT … RETURNING', () => {
    const names = cachedName()
    names.name()
    const id = db.prepare("INSERT INTO names VALUES ('t', 'T') RETURNING id").pluck().get()
    expect(id).toBe('t')
    names.name()
    expect(names.reads()).toBe(2)
  })

  it('sees a commit by another connection from the next turn of the event loop', async () => {
    const names = cachedName()
    names.name()
    await nextTurn()
    other.prepare("UPDATE names SET name = 'Elsewhere' WHERE id = 's'").run()
    // A request arriving after that commit is handled in a later turn than the commit.
    await nextTurn()
    expect(names.name()).toBe('Elsewhere')
  })

  it('keeps nothing read inside a transaction, so a rollback leaves nothing stale', () => {
    const names = cachedName()
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE names SET name = 'Doomed' WHERE id = 's'").run()
        expect(names.name()).toBe('Doomed')
        throw new Error('roll back')
      })(),
    ).toThrow('roll back')
    expect(names.name()).toBe('S')
    expect(names.name()).toBe('S')
    expect(names.reads()).toBe(2)
  })

  it('drops what a computation kept before writing, and keeps its own result', () => {
    const cache = new FreshCache<string>(db.generation)
    cache.get('a', () => 'first')
    const written = cache.get('b', () => {
      db.prepare("UPDATE names SET name = 'Touched' WHERE id = 's'").run()
      return 'second'
    })
    expect(written).toBe('second')
    expect(cache.get('a', () => 'recomputed')).toBe('recomputed')
    expect(cache.get('b', () => 'not again')).toBe('second')
  })

  it('counts db.exec as a write too', () => {
    const names = cachedName()
    names.name()
    db.exec("UPDATE names SET name = 'Executed' WHERE id = 's'")
    expect(names.name()).toBe('Executed')
  })

  it('starts again past its size bound', () => {
    const cache = new FreshCache<number>(db.generation, 2)
    cache.get('a', () => 1)
    cache.get('b', () => 2)
    cache.get('c', () => 3)
    expect(cache.get('a', () => 10)).toBe(10)
  })

  it('caches nothing without a generation to tell it when the data changed', () => {
    const cache = new FreshCache<number>(undefined)
    let n = 0
    cache.get('a', () => ++n)
    cache.get('a', () => ++n)
    expect(n).toBe(2)
  })
})
