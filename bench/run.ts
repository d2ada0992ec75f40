import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import { apiBench, apiPostgresBench } from './api'
import { fanoutBench } from './fanout'
import { mediaStoreBench } from './media-store'
import { pgDriversBench } from './pg-drivers'
import { PLAYBACK_RUNS_DEFAULT, playbackBench } from './playback'
import { soakBench } from './soak'
import { syncBench } from './sync'
import { timelineBench } from './timeline'

/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one; `--runs=N` sets how
 * many consecutive runs the playback bench makes (PLAYBACK_RUNS_DEFAULT), reporting the worst. Each prints one JSON
 * line `{ bench, ...figures, baseline, ratio }`; all lines go to bench/results.json. Ratios
 * compare against a baseline measured in the same run, because these machines are shared.
 */
export interface BenchResult {
  bench: string
  baseline: Record<string, number>
  ratio: number
  [figure: string]: unknown
}

const BENCHES: Record<string, () => BenchResult | Promise<BenchResult>> = {
  timeline: timelineBench,
  sync: syncBench,
  playback: () => playbackBench(runsArgument()),
  soak: soakBench,
  fanout: fanoutBench,
  api: () => apiBench(),
  'api-postgres': apiPostgresBench,
  'pg-drivers': pgDriversBench,
  'media-store': mediaStoreBench,
}

function runsArgument(): number {
  const given = process.argv.find((a) => a.startsWith('--runs='))
  if (given === undefined) return PLAYBACK_RUNS_DEFAULT
  const runs = Number(given.slice('--runs='.length))
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs takes a whole number of runs, 1 or more (got ${given})`)
    process.exit(2)
  }
  return runs
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const unknown = wanted.filter((name) => !BENCHES[name])
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${Object.keys(BENCHES).join(', ')}`)
  process.exit(2)
}
const results: BenchResult[] = []
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  const result = await BENCHES[name]!()
  console.log(JSON.stringify(result))
  results.push(result)
}
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
