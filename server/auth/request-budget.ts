import type { Clock } from '../clock'

/**
 * Requests per client in fixed windows of `windowMs`, aligned for every client: each request
 * costs one map lookup, and the whole map is dropped when a window ends, so memory holds only
 * the clients seen in the current window. A client may spend up to twice its budget across a
 * window's edge; a ceiling against floods, not an exact meter, needs no more.
 */
export class RequestBudget {
  private counts = new Map<string, number>()
  private windowEnd = 0

  constructor(
    private readonly clock: Clock,
    readonly max: number,
    private readonly windowMs: number,
  ) {}

  /**
   * Counts a request (of `cost` units: a batch may weigh more than one); 0 when it is within the
   * budget, else milliseconds until the next window.
   */
  spend(key: string, cost = 1): number {
    const now = this.clock()
    if (now >= this.windowEnd) {
      this.counts = new Map()
      this.windowEnd = (Math.floor(now / this.windowMs) + 1) * this.windowMs
    }
    const count = (this.counts.get(key) ?? 0) + cost
    this.counts.set(key, count)
    return count > this.max ? this.windowEnd - now : 0
  }

  /** Clients counted in the current window (for tests and metrics). */
  get clients(): number {
    return this.counts.size
  }
}
