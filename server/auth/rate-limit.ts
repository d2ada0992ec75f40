import type { Clock } from '../clock'

/**
 * Counts failures per key (an account, an address) in a sliding window, and says when a key has
 * had too many. In memory: a restart forgets, which costs an attacker a restart per window —
 * something they cannot cause. Bounded: the oldest keys go first when `maxKeys` is reached.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until the key may try again; 0 if it may now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.max) return 0
    return Math.max(1, (recent[recent.length - this.max] ?? 0) + this.windowMs - this.clock())
  }

  fail(key: string): void {
    const recent = this.recent(key)
    recent.push(this.clock())
    this.failures.delete(key) // re-inserted last: the map's order is its age
    this.failures.set(key, recent)
    if (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value
      if (oldest !== undefined) this.failures.delete(oldest)
    }
  }

  reset(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string): number[] {
    const since = this.clock() - this.windowMs
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since)
    if (kept.length === 0) this.failures.delete(key)
    else this.failures.set(key, kept)
    return kept
  }
}
