import type Database from 'better-sqlite3'
import { DataGeneration } from './generation'
import type { RunResult, Statement, Store, Transaction, TransactionBody } from './store'

type Connection = Database.Database

/** Distinct SQL texts kept compiled; past this the cache starts again (dynamic SQL must not grow it). */
export const STATEMENTS_CACHED_MAX = 2_000

/**
 * A compiled statement as the store hands it out. It runs better-sqlite3's own statement, and
 * when that statement may write (anything but a read-only SELECT), counts a write first, however
 * it is run: an INSERT … RETURNING is read with get or all.
 */
class SqliteStatement implements Statement {
  private plucked = false

  constructor(
    private readonly statement: Database.Statement,
    /** Called before each run of a statement that may write; undefined for read-only ones. */
    private readonly wrote: (() => void) | undefined,
  ) {}

  /** Whether the statement only reads (SQLite's own judgement, `sqlite3_stmt_readonly`). */
  get readonly(): boolean {
    return this.statement.readonly
  }

  /** Whether it returns rows (a SELECT, a PRAGMA, a write with RETURNING). */
  get reader(): boolean {
    return this.statement.reader
  }

  /** Still iterating: the same statement cannot be run again until the iteration ends. */
  get busy(): boolean {
    return this.statement.busy
  }

  /** Rows as their first column's value alone (better-sqlite3's `pluck`). */
  pluck(on = true): this {
    this.statement.pluck(on)
    this.plucked = on
    return this
  }

  /** Back to whole rows, as a freshly prepared statement reads them (the cache hands it out again). */
  reset(): this {
    return this.plucked ? this.pluck(false) : this
  }

  run(...params: unknown[]): RunResult {
    this.wrote?.()
    return this.statement.run(...params)
  }

  get(...params: unknown[]): unknown {
    this.wrote?.()
    return this.statement.get(...params)
  }

  all(...params: unknown[]): unknown[] {
    this.wrote?.()
    return this.statement.all(...params)
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    this.wrote?.()
    return this.statement.iterate(...params)
  }
}

/**
 * The embedded engine's Store (store.ts): repositories and services receive it, never
 * better-sqlite3's connection. It adds two things to the connection, by wrapping, not by
 * patching the library's objects:
 *
 * - a statement cache. better-sqlite3 compiles the SQL on every `prepare()`, and repositories
 *   prepare per call: a publish to a thousand screens spent more time compiling the same few
 *   queries than running them (bench `fanout`). The same text gets the same compiled statement,
 *   back in its default mode (a caller may have asked for `pluck()`); a statement still
 *   iterating is never handed out twice.
 * - a count of the writes made through it (`writes`): every statement that may write, and every
 *   `exec`, counts. Together with SQLite's `data_version` for other connections' commits, it
 *   tells the in-memory caches whether the data may have changed (`generation`, fresh-cache.ts).
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const
  private readonly statements = new Map<string, SqliteStatement>()
  private writeCount = 0
  private readonly countWrite = () => {
    this.writeCount++
  }
  /** Whether data may have changed since a cache was filled: this store's writes and others' commits. */
  readonly generation: DataGeneration

  constructor(private readonly connection: Connection) {
    // Its own statement, outside the cache: nobody else can reset its pluck mode.
    const dataVersion = connection.prepare('PRAGMA data_version').pluck()
    this.generation = new DataGeneration({
      inTransaction: () => connection.inTransaction,
      writes: () => this.writeCount,
      dataVersion: () => dataVersion.get() as number,
    })
  }

  /** Statements run through this store that may have written, and `exec` calls, since it opened. */
  get writes(): number {
    return this.writeCount
  }

  /** The database file's path (`:memory:` for a throwaway one). */
  get name(): string {
    return this.connection.name
  }

  get open(): boolean {
    return this.connection.open
  }

  get inTransaction(): boolean {
    return this.connection.inTransaction
  }

  /** The compiled statement for `sql`, from the cache when it is there and free. */
  prepare(sql: string): Statement {
    const cached = this.statements.get(sql)
    if (cached && !cached.busy) return cached.reset()
    const compiled = this.connection.prepare(sql)
    const statement = new SqliteStatement(compiled, compiled.readonly ? undefined : this.countWrite)
    if (!cached) {
      if (this.statements.size >= STATEMENTS_CACHED_MAX) this.statements.clear()
      this.statements.set(sql, statement)
    }
    return statement
  }

  /** Runs SQL text without results (DDL, several statements); counted as a write, as it may be one. */
  exec(sql: string): this {
    this.countWrite()
    this.connection.exec(sql)
    return this
  }

  /**
   * better-sqlite3's transaction function (with `.immediate()`, `.deferred()`, `.exclusive()`):
   * the statements run inside count their writes as they run, whether it commits or not.
   */
  transaction<F extends TransactionBody>(fn: F): Transaction<F> {
    // The same function; better-sqlite3 spells its parameters' type its own way.
    return this.connection.transaction(fn) as unknown as Transaction<F>
  }

  /** `fn` under a busy timeout of `ms`, then the connection's own again (store.ts). */
  waitingAtMost<T>(ms: number, fn: () => T): T {
    const usual = this.connection.pragma('busy_timeout', { simple: true }) as number
    this.connection.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`)
    try {
      return fn()
    } finally {
      this.connection.pragma(`busy_timeout = ${usual}`)
    }
  }

  /** A PRAGMA's answer (settings, integrity checks); pragmas change no data, so none counts. */
  pragma(source: string, options?: Database.PragmaOptions): unknown {
    return this.connection.pragma(source, options)
  }

  /** An online copy through SQLite's backup API (server/backup/backup.ts). */
  backup(destination: string, options?: Database.BackupOptions): Promise<Database.BackupMetadata> {
    return this.connection.backup(destination, options)
  }

  close(): void {
    this.statements.clear()
    this.connection.close()
  }
}
