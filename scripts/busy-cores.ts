import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

/**
 * Keeps every core of the machine busy, as a screen PC is when its antivirus scans or Windows
 * updates: one thread per core spinning at the same priority as everything else. Bounded: the
 * threads stop by themselves after `maxMs` even if the caller never calls the returned stop
 * (a bench that threw), so a failed run cannot leave the machine pegged.
 */
export function busyCores(maxMs: number): () => Promise<void> {
  const until = Date.now() + maxMs
  const spin = `const until = ${until}; while (Date.now() < until) {}`
  const workers = Array.from({ length: availableParallelism() }, () => new Worker(spin, { eval: true }))
  return async () => {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
