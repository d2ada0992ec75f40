import type { DataGeneration } from './generation'

/**
 * Values computed from the database, kept while it has not changed (see generation.ts): the
 * first change anywhere, through this process or another, empties the whole cache. Meant for
 * what is read on most requests and written rarely: who holds a credential, a screen's
 * document, a list the console reloads. Bounded: past `maxEntries` it starts again.
 */
export class FreshCache<V> {
  private readonly entries = new Map<string, V>()
  private filledUnder: number | undefined

  constructor(
    private readonly generation: DataGeneration | undefined,
    private readonly maxEntries = 10_000,
  ) {}

  /** The value kept for `key`, or `compute()`'s, kept unless the database changed meanwhile. */
  get(key: string, compute: () => V): V {
    const before = this.generation?.current()
    if (before === undefined) return compute()
    if (before !== this.filledUnder) {
      this.entries.clear()
      this.filledUnder = before
    }
    const kept = this.entries.get(key)
    if (kept !== undefined) return kept
    const value = compute()
    // A computation may write (a token's last use): what was kept before it is then stale.
    const after = this.generation?.current()
    if (after !== before) {
      this.entries.clear()
      this.filledUnder = after
    }
    if (after !== undefined && value !== undefined) {
      if (this.entries.size >= this.maxEntries) this.entries.clear()
      this.entries.set(key, value)
    }
    return value
  }

  /** Forgets one key (an entry whose own lifetime ended, such as an expiring token's). */
  delete(key: string): void {
    this.entries.delete(key)
  }
}
