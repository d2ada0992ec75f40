import Database from 'better-sqlite3'
import { PostgresError } from './postgres/bridge'

/** SQLite's extended code of an error better-sqlite3 threw, or undefined for any other error. */
const sqliteCode = (error: unknown): string | undefined =>
  error instanceof Database.SqliteError ? error.code : undefined

/** PostgreSQL's SQLSTATE (or the Node code of a connection that failed), or undefined. */
const postgresCode = (error: unknown): string | undefined =>
  error instanceof PostgresError ? (error.code ?? '') : undefined

/**
 * PostgreSQL's answers that mean "not now": a lock or serialisation conflict (40001, 40P01,
 * 55P03), a statement cancelled by its timeout (57014), the server shutting down or restarting
 * (57P01–57P03), too many connections (53300), a connection lost or refused (class 08, and
 * Node's own codes for a socket that failed or a worker that timed out).
 */
const POSTGRES_BUSY = /^(40001|40P01|55P03|57014|57P0[1-3]|53300|08...|E[A-Z]+)$/

/**
 * The database cannot take the write now: another connection (a second node, a backup, a
 * maintenance command) held the lock longer than the wait allowed, or PostgreSQL is restarting
 * or out of reach. The write can simply be tried again later: callers refuse (HTTP 503, a
 * socket acknowledgement saying so) and the client retries.
 */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error)
  if (code !== undefined) return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
  const pgCode = postgresCode(error)
  return pgCode !== undefined && POSTGRES_BUSY.test(pgCode)
}

/**
 * The database refused this one row's values (a constraint, a value its column cannot hold):
 * sending the same row again can never succeed, so it is refused alone and the rest of a batch
 * is kept. SQLite undoes only the failing statement, not the transaction around it; PostgreSQL
 * undoes the transaction, so a batch runs each row in a savepoint (a nested transaction).
 * PostgreSQL's classes: 23 (integrity constraints, and the triggers' refusals) and 22 (data
 * exceptions: a value out of range or of the wrong form); 54000, a value too long.
 */
export function isRowRefusal(error: unknown): boolean {
  const code = sqliteCode(error)
  if (code !== undefined) {
    return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG'
  }
  const pgCode = postgresCode(error)
  return pgCode !== undefined && (pgCode.startsWith('23') || pgCode.startsWith('22') || pgCode === '54000')
}
