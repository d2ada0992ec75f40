import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '@server/paths'
import { describe, expect, it } from 'vitest'

/**
 * HEAP_GROWTH_PERCENT, applied at run time (server/heap.ts), really changes how far V8 lets the
 * heap grow: a process holding a live set and leaving behind garbage that outlives the young
 * generation, as publishes do, peaks far lower with it than with V8's own choice.
 */
const run = promisify(execFile)

/** The process's peak heap size in MB, with limitHeapGrowth(percent) applied first. */
async function peakHeapMb(percent: number): Promise<number> {
  const script = `
    import { getHeapStatistics } from 'node:v8'
    import { limitHeapGrowth } from ${JSON.stringify(join(ROOT, 'server/heap.ts'))}
    limitHeapGrowth(${percent})
    const live = Array.from({ length: 300_000 }, (_, i) => ({ text: 'live '.repeat(4) + i, n: [i] }))
    let peak = 0
    for (let round = 0; round < 30; round++) {
      let garbage = Array.from({ length: 150_000 }, (_, i) => ({ text: 'gone '.repeat(6) + i, n: [i] }))
      await new Promise((r) => setTimeout(r, 2))
      garbage = null
      peak = Math.max(peak, getHeapStatistics().total_heap_size)
    }
    console.log(JSON.stringify({ peak: peak / 2 ** 20, live: live.length }))
  `
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  return JSON.parse(stdout).peak as number
}

describe('heap growth', () => {
  it('keeps the heap near its live size when limited, where V8 alone lets it grow far beyond', async () => {
    const [own, limited] = await Promise.all([peakHeapMb(0), peakHeapMb(20)])
    expect(limited).toBeLessThan(own * 0.75)
  }, 60_000)
})
