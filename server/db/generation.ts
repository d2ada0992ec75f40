/** What a generation reads from its store (store.ts); an interface so that tests can drive it. */
export interface GenerationSource {
  /** Whether a transaction is open: what it reads may still be rolled back. */
  inTransaction(): boolean
  /** Writes counted through this connection so far; only grows. */
  writes(): number
  /** SQLite's `PRAGMA data_version`: changes when another connection commits. */
  dataVersion(): number
}

/**
 * Tells in-memory caches whether the database may have changed since they were filled:
 * - writes through this connection, counted as they run (the Store counts every statement that
 *   is not read-only, and every `exec`);
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
  /** data_version as last read, and whether that was in this turn of the loop. */
  private external = 0
  private readThisTurn = false
  private readonly nextTurn = () => {
    this.readThisTurn = false
  }

  constructor(private readonly source: GenerationSource) {}

  /**
   * A number that changes whenever data may have changed, or undefined inside a transaction:
   * what a transaction reads may still be rolled back, so nothing read there is kept.
   */
  current(): number | undefined {
    if (this.source.inTransaction()) return undefined
    if (!this.readThisTurn) {
      this.readThisTurn = true
      this.external = this.source.dataVersion()
      // setImmediate runs after this turn's I/O callbacks, before the next turn's.
      setImmediate(this.nextTurn)
    }
    // Both parts only grow, so their sum changes whenever either does.
    return this.source.writes() + this.external
  }
}
