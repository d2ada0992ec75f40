import Database from 'better-sqlite3'

/** SQLite's extended code of an error better-sqlite3 threw, or undefined for any other error. */
const sqliteCode = (error: unknown): string | undefined =>
  error instanceof Database.SqliteError ? error.code : undefined

/**
 * Another connection (a second node, a backup, a maintenance command) held the write lock
 * longer than the busy timeout. The write can simply be tried again later: callers refuse
 * (HTTP 503, a socket acknowledgement saying so) and the client retries.
 */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error)
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

/**
 * The database refused this one row's values (a constraint, a value its column cannot hold):
 * sending the same row again can never succeed, so it is refused alone and the rest of a batch
 * is kept. SQLite undoes only the failing statement, not the transaction around it.
 */
export function isRowRefusal(error: unknown): boolean {
  const code = sqliteCode(error)
  return (
    code !== undefined &&
    (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG')
  )
}
