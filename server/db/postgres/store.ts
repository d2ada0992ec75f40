import { DataGeneration } from '../generation'
import type { RunResult, Statement, Store, Transaction, TransactionBody } from '../store'
import type { SyncBridge } from './bridge'
import { bind, type Translated, translate } from './sql'
import { withoutPassword } from './url'

/** Distinct SQL texts kept translated and prepared on the server; past this, statements run unnamed. */
export const PREPARED_MAX = 2_000

/**
 * Every Gatecast transaction on PostgreSQL takes this advisory lock first, for its duration
 * (pg_advisory_xact_lock). The repositories were written for SQLite, where one writer at a time
 * holds the database: a read-then-write inside a transaction (a version number, a count against
 * a limit) is safe there. With the lock, it is as safe across every node sharing PostgreSQL.
 * Writes are rare in signage (edits, approvals, batched proof of play), so one at a time costs
 * little; reads outside transactions never wait for it.
 */
export const TRANSACTION_LOCK = 0x67617465 // "gate"

class PostgresStatement implements Statement {
  private plucked = false

  constructor(
    private readonly store: PostgresStore,
    private readonly sql: Translated,
    private readonly name: string | undefined,
  ) {}

  get readonly(): boolean {
    return this.sql.readonly
  }

  get reader(): boolean {
    return this.sql.reader
  }

  /** Rows come whole from PostgreSQL: nothing is ever left iterating. */
  get busy(): boolean {
    return false
  }

  pluck(on = true): this {
    this.plucked = on
    return this
  }

  reset(): this {
    this.plucked = false
    return this
  }

  private execute(args: unknown[]): { rows: unknown[]; rowCount: number } {
    const values = bind(this.sql.parameters, args)
    return this.store.query(this.sql, values, this.plucked, this.name)
  }

  run(...args: unknown[]): RunResult {
    const { rowCount } = this.execute(args)
    // PostgreSQL has no rowid: a caller needing the new key asks with RETURNING.
    return { changes: rowCount, lastInsertRowid: 0 }
  }

  get(...args: unknown[]): unknown {
    if (!this.sql.reader) throw new TypeError('This statement does not return data. Use run() instead')
    const rows = this.execute(args).rows
    const row = rows[0]
    return this.plucked && Array.isArray(row) ? row[0] : row
  }

  all(...args: unknown[]): unknown[] {
    if (!this.sql.reader) throw new TypeError('This statement does not return data. Use run() instead')
    const rows = this.execute(args).rows
    return this.plucked ? rows.map((row) => (row as unknown[])[0]) : rows
  }

  iterate(...args: unknown[]): IterableIterator<unknown> {
    return this.all(...args)[Symbol.iterator]()
  }
}

/**
 * The PostgreSQL engine's Store (the contract is store.ts). Statements go through a SyncBridge
 * to one connection held by a worker thread; the SQL is SQLite's, translated (sql.ts).
 *
 * - Transactions are better-sqlite3's: a function run between BEGIN and COMMIT, a savepoint when
 *   nested, rolled back when it throws; each takes TRANSACTION_LOCK.
 * - `generation` counts this store's writes, as SQLite's does, and for other connections' commits
 *   the notifications the tables' triggers send (postgres/migrate.ts): read once per turn of the
 *   event loop after a round trip, so a commit made before a request was sent is always seen.
 */
export class PostgresStore implements Store {
  readonly engine = 'postgres' as const
  readonly generation: DataGeneration
  private readonly statements = new Map<string, PostgresStatement>()
  private writeCount = 0
  private depth = 0
  private savepoints = 0
  private closed = false

  /** The address without its password, for logs. */
  readonly name: string

  constructor(
    private readonly bridge: SyncBridge,
    /** The whole address, for a worker thread's own connection (`connection`). */
    private readonly url: string,
  ) {
    this.name = withoutPassword(url)
    this.generation = new DataGeneration({
      inTransaction: () => this.depth > 0,
      writes: () => this.writeCount,
      dataVersion: () => {
        this.bridge.call({ op: 'sync' })
        return this.bridge.notified
      },
    })
  }

  /** What a worker thread needs to open its own connection to the same database (open.ts connectPostgres). */
  get connection(): { url: string; entry: string } {
    return { url: this.url, entry: this.bridge.entry.href }
  }

  get writes(): number {
    return this.writeCount
  }

  get open(): boolean {
    return !this.closed
  }

  get inTransaction(): boolean {
    return this.depth > 0
  }

  prepare(sql: string): Statement {
    const cached = this.statements.get(sql)
    if (cached) return cached.reset()
    const translated = translate(sql)
    const named = this.statements.size < PREPARED_MAX
    const statement = new PostgresStatement(this, translated, named ? `g${this.statements.size}` : undefined)
    if (named) this.statements.set(sql, statement)
    return statement
  }

  /** One statement through the bridge (PostgresStatement's), counting it when it may write. */
  query(
    sql: Translated,
    values: unknown[],
    arrays: boolean,
    name?: string,
  ): { rows: unknown[]; rowCount: number } {
    if (!sql.readonly) this.writeCount++
    return this.bridge.call({ op: 'query', text: sql.text, values, arrays, name })
  }

  /** PostgreSQL's own SQL, as is (DDL, several statements): migrations and the engine's own. */
  exec(sql: string): this {
    this.writeCount++
    this.bridge.call({ op: 'exec', text: sql })
    return this
  }

  transaction<F extends TransactionBody>(fn: F): Transaction<F> {
    const run = (...args: Parameters<F>): ReturnType<F> => {
      const nested = this.depth > 0
      const savepoint = `gatecast_${++this.savepoints}`
      this.exec(
        nested ? `SAVEPOINT ${savepoint}` : `BEGIN; SELECT pg_advisory_xact_lock(${TRANSACTION_LOCK})`,
      )
      this.depth++
      let result: ReturnType<F>
      try {
        result = fn(...args) as ReturnType<F>
        if (result && typeof (result as { then?: unknown }).then === 'function') {
          throw new TypeError('Transaction function cannot return a promise')
        }
      } catch (error) {
        this.depth--
        try {
          this.exec(
            nested ? `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}` : 'ROLLBACK',
          )
        } catch {
          // The connection itself failed: PostgreSQL has rolled the transaction back already.
        }
        throw error
      }
      this.depth--
      // A COMMIT that fails (the connection lost) leaves nothing behind: PostgreSQL rolls back.
      this.exec(nested ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT')
      return result
    }
    const modes = run as Transaction<F>
    modes.default = run
    modes.deferred = run
    modes.immediate = run
    modes.exclusive = run
    return modes
  }

  /**
   * `fn` under a lock_timeout of `ms` (at least 1: PostgreSQL reads 0 as "wait for ever"), then
   * the server's own setting again. Set on the bridge itself, not through `exec`: a setting is
   * not a write, and counting it would empty every cache at each job tick.
   */
  waitingAtMost<T>(ms: number, fn: () => T): T {
    this.bridge.call({ op: 'exec', text: `SET lock_timeout = ${Math.max(1, Math.floor(ms))}` })
    try {
      return fn()
    } finally {
      this.bridge.call({ op: 'exec', text: 'RESET lock_timeout' })
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.statements.clear()
    this.bridge.close()
  }
}
