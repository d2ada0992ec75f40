import { setFlagsFromString } from 'node:v8'

/**
 * How far past its live size the JavaScript heap may grow before V8 collects it whole. Left to
 * itself V8 lets it grow up to four times over when collections look cheap, and a publish to
 * thousands of screens leaves tens of megabytes behind each time (the documents, the packets,
 * the acknowledgements): with 10,000 players connected the server's resident memory climbed
 * to 600–890 MB over eight publishes, against a live heap of about 200 MB. Held to 20 % it
 * stayed under 380 MB with the same latency (bench `fanout --players=10000`). Unlike a heap
 * limit (`--max-old-space-size`) this never stops a server whose fleet outgrew a guess: it only
 * collects more often.
 */
export const HEAP_GROWTH_PERCENT_DEFAULT = 20

/**
 * Applies HEAP_GROWTH_PERCENT to this process. V8 reads the setting whenever it sizes the heap
 * after a collection, so it takes effect at run time. 0 leaves V8's own heuristics; a
 * `--heap-growing-percent` on node's own command line wins over the setting (NODE_OPTIONS
 * cannot carry it: node refuses it there).
 */
export function limitHeapGrowth(percent: number, execArgv: readonly string[] = process.execArgv): void {
  const fromNode = execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))
  if (percent > 0 && !fromNode) setFlagsFromString(`--heap-growing-percent=${percent}`)
}
