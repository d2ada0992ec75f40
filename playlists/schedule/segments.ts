import { isPlayable } from '../playable'
import type { ScreenDocument } from '../schemas/document'
import { type CompiledRule, compileRule, type Occurrence, occurrences, zoneDays } from './occurrences'

/** A stretch of time in which one playlist loops, anchored at `anchorMs`. */
export interface Segment {
  playlistId: string | null
  /** The schedule entry that won, or null for the screen's default playlist. */
  ruleId: string | null
  /** The instant the loop's first item starts (loop position 0). */
  anchorMs: number
  startMs: number
  endMs: number
}

/**
 * How far outside a queried range the sweep looks. An occurrence lasts at most 25 hours (a
 * 24-hour window on a fall-back night) and a segment lies within one occurrence, so any segment
 * touching the range starts and ends within this margin.
 */
export const SWEEP_MARGIN_MS = 26 * 3_600_000

/** True when `a` beats `b` under the overlap rule (see schemas/schedule.ts). */
export function beats(a: Occurrence, b: Occurrence): boolean {
  const ra = a.rule.rule
  const rb = b.rule.rule
  if (ra.priority !== rb.priority) return ra.priority > rb.priority
  if (ra.specificity !== rb.specificity) return ra.specificity > rb.specificity
  if (ra.createdAt !== rb.createdAt) return ra.createdAt > rb.createdAt
  if (ra.id !== rb.id) return ra.id > rb.id
  // Two firings of one cron rule overlap: the newer firing restarts the playlist.
  return a.startMs > b.startMs
}

/** Compiled rules per document and zone: documents are immutable, so this never goes stale. */
const compiled = new WeakMap<ScreenDocument, Map<string, CompiledRule[]>>()

function rulesOf(document: ScreenDocument, zoneId: string): CompiledRule[] {
  let byZone = compiled.get(document)
  if (!byZone) {
    byZone = new Map()
    compiled.set(document, byZone)
  }
  let rules = byZone.get(zoneId)
  if (!rules) {
    rules = document.rules
      .filter((r) => r.zoneId === zoneId)
      .map((r) => compileRule(r, document.screen.timeZone))
    byZone.set(zoneId, rules)
  }
  return rules
}

/**
 * The playlist a zone falls back to when no rule is active; null for a zone the layout lacks,
 * and for a default with nothing playable (the zone then has nothing to show, and says so).
 */
export function zoneDefault(document: ScreenDocument, zoneId: string): string | null {
  for (const zone of document.layout.zones) {
    if (zone.id === zoneId)
      return isPlayable(document, zone.defaultPlaylistId) ? zone.defaultPlaylistId : null
  }
  return null
}

/**
 * The segments of one layout zone covering [lo, hi), unclipped inside: each segment's start
 * and end are true instants unless they touch lo or hi. Scheduled segments are anchored at
 * their start, so a daypart opens with its first item; default segments are anchored at the
 * document's epoch. An entry whose playlist has nothing playable takes no part: it would blank
 * the zone while a lower entry or the default has something to show (issue 17).
 */
export function sweep(document: ScreenDocument, zoneId: string, lo: number, hi: number): Segment[] {
  const zone = document.screen.timeZone
  const fallback = zoneDefault(document, zoneId)
  const occs: Occurrence[] = []
  const rules = rulesOf(document, zoneId)
  const days = rules.length > 0 ? zoneDays(zone, lo, hi) : []
  for (const rule of rules) {
    if (!isPlayable(document, rule.rule.playlistId)) continue
    for (const o of occurrences(rule, zone, days, lo, hi)) occs.push(o)
  }
  occs.sort((a, b) => a.startMs - b.startMs)

  // Every instant at which the winner may change, sorted and without repeats. A typed array
  // sorts numerically without a comparator, which matters with thousands of entries.
  const raw = new Float64Array(occs.length * 2 + 2)
  let n = 0
  raw[n++] = lo
  raw[n++] = hi
  for (const o of occs) {
    if (o.startMs > lo && o.startMs < hi) raw[n++] = o.startMs
    if (o.endMs > lo && o.endMs < hi) raw[n++] = o.endMs
  }
  const sorted = raw.subarray(0, n).sort()
  const points: number[] = []
  for (const p of sorted) if (points.length === 0 || points[points.length - 1] !== p) points.push(p)

  const heap = new OccurrenceHeap()
  const out: Segment[] = []
  let next = 0
  let current: Occurrence | null | undefined
  for (let i = 0; i < points.length - 1; i++) {
    const at = points[i]!
    while (next < occs.length && occs[next]!.startMs <= at) heap.push(occs[next++]!)
    while (heap.top && heap.top.endMs <= at) heap.pop()
    const winner = heap.top ?? null
    const end = points[i + 1]!
    const last = out.at(-1)
    if (last && current === winner) {
      last.endMs = end
      continue
    }
    current = winner
    out.push({
      playlistId: winner ? winner.rule.rule.playlistId : fallback,
      ruleId: winner ? winner.rule.rule.id : null,
      anchorMs: winner ? at : document.epochMs,
      startMs: at,
      endMs: end,
    })
  }
  return out
}

/** A binary max-heap under `beats`; expired entries are removed lazily from the top. */
class OccurrenceHeap {
  private items: Occurrence[] = []

  get top(): Occurrence | undefined {
    // Entries that ended are only dropped when they surface; skip past them here.
    return this.items[0]
  }

  push(o: Occurrence): void {
    const a = this.items
    a.push(o)
    let i = a.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!beats(a[i]!, a[parent]!)) break
      ;[a[i], a[parent]] = [a[parent]!, a[i]!]
      i = parent
    }
  }

  pop(): void {
    const a = this.items
    const last = a.pop()!
    if (a.length === 0) return
    a[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let best = i
      if (l < a.length && beats(a[l]!, a[best]!)) best = l
      if (r < a.length && beats(a[r]!, a[best]!)) best = r
      if (best === i) break
      ;[a[i], a[best]] = [a[best]!, a[i]!]
      i = best
    }
  }
}
