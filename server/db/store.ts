import type { DataGeneration } from './generation'

/**
 * The one way the server reaches its database, whichever engine holds it: repositories and
 * services receive a Store. Two engines implement it:
 * - SQLite (sqlite-store.ts, better-sqlite3), the embedded default: one file in the data folder;
 * - PostgreSQL (postgres/store.ts), for nodes on several hosts sharing one database.
 *
 * The contract is better-sqlite3's, synchronous: a statement's rows are there when the call
 * returns. Repositories were written against it, and for PostgreSQL the engine keeps it (the
 * driver runs in a worker thread the server waits on, as better-sqlite3 waits on the disk).
 * SQL is written once where the dialects agree; where they differ a repository asks
 * `engine` and runs the engine's own text.
 */
export interface Store {
  readonly engine: Engine
  /** Whether data may have changed since a cache was filled: this store's writes and others' commits. */
  readonly generation: DataGeneration
  /** Statements run through this store that may have written, and `exec` calls, since it opened. */
  readonly writes: number
  /** For people and logs: the SQLite file's path, or the PostgreSQL address without its password. */
  readonly name: string
  readonly open: boolean
  readonly inTransaction: boolean
  /** The compiled statement for `sql`, from a cache when the engine keeps one. */
  prepare(sql: string): Statement
  /** Runs SQL text without results (DDL, several statements); counted as a write. */
  exec(sql: string): this
  /**
   * `fn` inside one transaction, as better-sqlite3's `transaction` makes it: called again inside
   * another, it is a savepoint. `.immediate()` (SQLite's write lock from the start) is what a
   * read-then-write needs; on PostgreSQL every transaction is serialised against the other
   * nodes' (postgres/store.ts).
   */
  transaction<F extends TransactionBody>(fn: F): Transaction<F>
  /**
   * `fn` with its waits for other connections' locks bounded by `ms` rather than the store's
   * usual wait (SQLite's busy timeout, 5 s): a statement meeting a lock held longer fails at once
   * with a busy error (errors.ts `isBusy`). For work that had better skip than hold the event
   * loop, such as a job tick's claim (jobs/lease.ts).
   */
  waitingAtMost<T>(ms: number, fn: () => T): T
  close(): void
}

export type Engine = 'sqlite' | 'postgres'

// biome-ignore lint/suspicious/noExplicitAny: better-sqlite3's own signature for a transaction body.
export type TransactionBody = (...args: any[]) => unknown

/** A transaction function (better-sqlite3's shape): call it, or one of its modes. */
export interface Transaction<F extends TransactionBody> {
  (...params: Parameters<F>): ReturnType<F>
  default(...params: Parameters<F>): ReturnType<F>
  deferred(...params: Parameters<F>): ReturnType<F>
  immediate(...params: Parameters<F>): ReturnType<F>
  exclusive(...params: Parameters<F>): ReturnType<F>
}

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement itself. */
  changes: number
  lastInsertRowid: number | bigint
}

/** A compiled statement as a store hands it out (better-sqlite3's shape). */
export interface Statement {
  /** Whether the statement only reads. */
  readonly readonly: boolean
  /** Whether it returns rows (a SELECT, a PRAGMA, a write with RETURNING). */
  readonly reader: boolean
  /** Still iterating: the same statement cannot be run again until the iteration ends. */
  readonly busy: boolean
  /** Rows as their first column's value alone. */
  pluck(on?: boolean): this
  /** Back to whole rows. */
  reset(): this
  run(...params: unknown[]): RunResult
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
  iterate(...params: unknown[]): IterableIterator<unknown>
}
