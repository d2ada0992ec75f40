import { SqliteStore, STATEMENTS_CACHED_MAX } from '@server/db/sqlite-store'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal } from '../helpers/app'

/**
 * The data layer's wrapper (server/db/store.ts): the statement cache and the write count the
 * in-memory caches rely on, made by wrapping better-sqlite3, never by patching it.
 */

let store: SqliteStore

beforeEach(() => {
  store = new SqliteStore(new Database(':memory:'))
  store.exec('CREATE TABLE names (id TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT')
  store.exec("INSERT INTO names VALUES ('a', 'A'), ('b', 'B')")
})
afterEach(() => {
  if (store.open) store.close()
})

/** How many writes `act` counted. */
function writesOf(act: () => unknown): number {
  const before = store.writes
  act()
  return store.writes - before
}

describe('Store statement cache', () => {
  it('hands out the same compiled statement for the same SQL text', () => {
    const sql = 'SELECT name FROM names WHERE id = ?'
    expect(store.prepare(sql)).toBe(store.prepare(sql))
    expect(store.prepare(sql)).not.toBe(store.prepare(`${sql} `))
  })

  it('hands a cached statement out in its default mode, whatever the last caller asked for', () => {
    const sql = "SELECT id, name FROM names WHERE id = 'a'"
    expect(store.prepare(sql).pluck().get()).toBe('a')
    expect(store.prepare(sql).get()).toEqual({ id: 'a', name: 'A' })
  })

  it('never hands out a statement still iterating: a second one is compiled for the same text', () => {
    const sql = 'SELECT id FROM names ORDER BY id'
    const outer = store.prepare(sql).pluck()
    const seen: string[] = []
    for (const id of outer.iterate()) {
      const inner = store.prepare(sql)
      expect(inner).not.toBe(outer)
      seen.push(`${id}:${(inner.pluck().all() as string[]).join('')}`)
    }
    expect(seen).toEqual(['a:ab', 'b:ab'])
    // The iteration is over: the cached one is free again.
    expect(store.prepare(sql)).toBe(outer)
  })

  it('starts again past its bound, so that SQL built per call cannot grow it for ever', () => {
    const first = store.prepare('SELECT 0')
    for (let i = 1; i <= STATEMENTS_CACHED_MAX; i++) store.prepare(`SELECT ${i}`)
    expect(store.prepare('SELECT 0')).not.toBe(first)
    expect(store.prepare('SELECT 0').get()).toEqual({ '0': 0 })
  })
})

describe('Store write count', () => {
  it('counts each run of a statement that writes, however it is run', () => {
    const update = "UPDATE names SET name = name || '!' WHERE id = 'a'"
    expect(writesOf(() => store.prepare(update).run())).toBe(1)
    expect(writesOf(() => store.prepare("INSERT INTO names VALUES ('c', 'C') RETURNING id").get())).toBe(1)
    expect(writesOf(() => store.prepare("DELETE FROM names WHERE id = 'c' RETURNING id").all())).toBe(1)
    expect(
      writesOf(() => [...store.prepare("INSERT INTO names VALUES ('d', 'D') RETURNING id").iterate()]),
    ).toBe(1)
    const insert = store.prepare('INSERT INTO names VALUES (?, ?)')
    expect(
      writesOf(() => {
        insert.run('e', 'E')
        insert.run('f', 'F')
      }),
    ).toBe(2)
  })

  it('counts nothing for reads and pragmas', () => {
    expect(
      writesOf(() => {
        store.prepare('SELECT * FROM names').all()
        store.prepare("SELECT name FROM names WHERE id = 'a'").pluck().get()
        store.pragma('integrity_check', { simple: true })
      }),
    ).toBe(0)
  })

  it('counts exec, which may run any statement', () => {
    expect(writesOf(() => store.exec("UPDATE names SET name = 'X' WHERE id = 'b'"))).toBe(1)
  })

  it('counts the writes inside a transaction, committed or rolled back', () => {
    const rename = store.prepare('UPDATE names SET name = ? WHERE id = ?')
    expect(
      writesOf(() =>
        store.transaction(() => {
          rename.run('A1', 'a')
          rename.run('B1', 'b')
        })(),
      ),
    ).toBe(2)
    expect(
      writesOf(() =>
        expect(() =>
          store.transaction(() => {
            rename.run('Doomed', 'a')
            throw new Error('roll back')
          })(),
        ).toThrow('roll back'),
      ),
    ).toBe(1)
    expect(store.prepare("SELECT name FROM names WHERE id = 'a'").pluck().get()).toBe('A1')
  })

  it('feeds the generation the caches are kept under', () => {
    const before = store.generation.current()
    store.prepare("UPDATE names SET name = 'Y' WHERE id = 'a'").run()
    expect(store.generation.current()).toBe((before ?? 0) + 1)
    store.transaction(() => expect(store.generation.current()).toBeUndefined())()
  })
})

/** The prototype's methods and accessors, by name: what a patch would replace. */
function methodsOf(prototype: object): Map<string, unknown> {
  return new Map(
    Object.entries(Object.getOwnPropertyDescriptors(prototype)).map(([name, d]) => [name, d.value ?? d.get]),
  )
}

/** better-sqlite3's connections and statements held anywhere inside `root` (a few levels down). */
function libraryObjects(
  root: unknown,
  statementProto: object,
  depth = 4,
  found = new Set<object>(),
): Set<object> {
  if (depth < 0 || root === null || typeof root !== 'object' || found.has(root)) return found
  if (root instanceof Database || Object.getPrototypeOf(root) === statementProto) {
    found.add(root)
    return found
  }
  const children = root instanceof Map ? [...root.values()] : Object.values(root)
  for (const child of children) libraryObjects(child, statementProto, depth - 1, found)
  return found
}

describe('no patched library', () => {
  it("leaves better-sqlite3's connection and statements with the library's own methods after the server ran", async () => {
    const probe = new Database(':memory:')
    const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as object
    probe.close()
    const databaseMethods = methodsOf(Database.prototype)
    const statementMethods = methodsOf(statementProto)

    const t = await createTestApp()
    try {
      // Writes and reads through most repositories: sites, playlists, approvals, screens, documents.
      await seedMinimal(t.app)
      expect((await t.app.inject({ method: 'GET', url: '/api/screens/screen-a/document' })).statusCode).toBe(
        200,
      )
      expect((await t.app.inject({ method: 'GET', url: '/api/playlists' })).statusCode).toBe(200)

      expect(methodsOf(Database.prototype)).toEqual(databaseMethods)
      expect(methodsOf(statementProto)).toEqual(statementMethods)
      const held = libraryObjects(t.app.db, statementProto)
      const connections = [...held].filter((o) => o instanceof Database)
      expect(connections).toHaveLength(1)
      expect(held.size).toBeGreaterThan(20)
      for (const object of held) {
        const methods = object instanceof Database ? databaseMethods : statementMethods
        const shadowing = Object.getOwnPropertyNames(object).filter((name) => methods.has(name))
        expect(shadowing, `${object.constructor.name} has its own ${shadowing.join(', ')}`).toEqual([])
      }
    } finally {
      await t.close()
    }
  })
})
