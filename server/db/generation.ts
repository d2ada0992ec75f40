import type Database from 'better-sqlite3'

type Db = Database.Database

/**
 * Tells in-memory caches whether the database may have changed since they were filled:
 * - writes through this connection, counted as they run (every statement that is not read-only
 *   goes through the wrapper openDatabase puts on `prepare`);
 * - commits by any other connection, from SQLite's own `PRAGMA data_version`: another node
 *   sharing the file, or a maintenance command such as a password reset.
 * A cache keeps what it holds only while `current()` returns the number it was filled under.
 *
 * `data_version` is read once per turn of the event loop, not per request: reading it opens a
 * read transaction (two file-lock calls), which cost as much as the rest of a cached request
 * (bench `api`). That loses nothing a client could see. Every request handled in a turn had
 * arrived before the turn began, and the first read comes after that; so a commit that
 * happened before a request was sent is always seen by that request. Only a commit racing the
 * request itself may land either side of it, as it would without any cache.
 */
export class DataGeneration {
  private writes = 0
  /** data_version as last read, and whether that was in this turn of the loop. */
  private external = 0
  private readThisTurn = false
  private readonly nextTurn = () => {
    this.readThisTurn = false
  }
  private readonly dataVersion: Database.Statement

  constructor(private readonly db: Db) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck()
  }

  /** Counts a write through this connection. */
  wrote(): void {
    this.writes++
  }

  /**
   * A number that changes whenever data may have changed, or undefined inside a transaction:
   * what a transaction reads may still be rolled back, so nothing read there is kept.
   */
  current(): number | undefined {
    if (this.db.inTransaction) return undefined
    if (!this.readThisTurn) {
      this.readThisTurn = true
      this.external = this.dataVersion.get() as number
      // setImmediate runs after this turn's I/O callbacks, before the next turn's.
      setImmediate(this.nextTurn)
    }
    // Both parts only grow, so their sum changes whenever either does.
    return this.writes + this.external
  }
}

const generations = new WeakMap<Db, DataGeneration>()

/** The generation of a database opened by openDatabase; undefined for others (nothing cached). */
export const generationOf = (db: Db): DataGeneration | undefined => generations.get(db)

/** Gives a connection its generation; its statements are then wrapped with countWrites. */
export function trackGeneration(db: Db): DataGeneration {
  const generation = new DataGeneration(db)
  generations.set(db, generation)
  return generation
}

/**
 * Makes a statement that is not read-only count a write each time it runs, whichever way it is
 * run (an INSERT … RETURNING is read with get or all).
 */
export function countWrites(statement: Database.Statement, generation: DataGeneration): Database.Statement {
  if (statement.readonly) return statement
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const run = statement[method].bind(statement) as (...args: unknown[]) => unknown
    Object.defineProperty(statement, method, {
      value: (...args: unknown[]) => {
        generation.wrote()
        return run(...args)
      },
    })
  }
  return statement
}
