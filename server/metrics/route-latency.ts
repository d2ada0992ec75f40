/** One series: a method, a route pattern and a status, with its bucket counts. */
interface Series {
  labels: { method: string; route: string; status_code: string }
  /** Observations per bucket, not cumulative; the last counts those above every bound. */
  counts: number[]
  sum: number
}

type Value = { labels: Record<string, string | number>; value: number; metricName: string }

/**
 * Answer latency by method, route pattern and status, as a Prometheus histogram with the same
 * exposition as prom-client's. It is fed on every request, and prom-client's own observe()
 * converted, validated and hashed the labels each time (bench `api`); here one string key
 * finds the series. The registry reads it through `get()` like any prom-client metric.
 * The labels stay few: routes are patterns (/api/screens/:id), and Node's parser admits only
 * known methods.
 */
export class RouteLatency {
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  private readonly series = new Map<string, Series>()

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
  ) {}

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const key = `${method} ${statusCode} ${route}`
    let series = this.series.get(key)
    if (!series) {
      series = {
        labels: { method, route, status_code: String(statusCode) },
        counts: new Array<number>(this.bounds.length + 1).fill(0),
        sum: 0,
      }
      this.series.set(key, series)
    }
    let bucket = 0
    while (bucket < this.bounds.length && seconds > (this.bounds[bucket] as number)) bucket++
    series.counts[bucket] = (series.counts[bucket] as number) + 1
    series.sum += seconds
  }

  /** What prom-client's registry prints: cumulative buckets, then the sum and the count. */
  get(): { name: string; help: string; type: string; aggregator: string; values: Value[] } {
    const values: Value[] = []
    for (const { labels, counts, sum } of this.series.values()) {
      let seen = 0
      this.bounds.forEach((le, i) => {
        seen += counts[i] as number
        values.push({ labels: { ...labels, le }, value: seen, metricName: `${this.name}_bucket` })
      })
      seen += counts[this.bounds.length] as number
      values.push({ labels: { ...labels, le: '+Inf' }, value: seen, metricName: `${this.name}_bucket` })
      values.push({ labels, value: sum, metricName: `${this.name}_sum` })
      values.push({ labels, value: seen, metricName: `${this.name}_count` })
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values }
  }
}
