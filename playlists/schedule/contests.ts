import { isPlayable } from '../playable'
import type { ScreenDocument } from '../schemas/document'
import type { ScheduleRule } from '../schemas/schedule'
import { compileRule, occurrences, zoneDays } from './occurrences'

/**
 * Where schedule entries of one zone compete: the stretches in which two or more entries want the
 * zone, which one the overlap rule (schemas/schedule.ts) puts on screen, and what decided against
 * each of the others. Operators see why their entry is not showing without reading the rule text.
 */

/** The step of the overlap rule that settled it: the first one on which the two entries differ. */
export type WinReason = 'priority' | 'specificity' | 'newer' | 'id'

export interface ContestRule {
  ruleId: string
  priority: number
  specificity: number
}

export interface Contest {
  startMs: number
  endMs: number
  winner: ContestRule
  /** Best first: the entry that would play if the winner were gone comes first. */
  losers: (ContestRule & { reason: WinReason })[]
}

/**
 * Why `a` beats `b`, or null when `b` beats `a`: the overlap rule for two different entries,
 * step by step (the same order as `beats` in segments.ts, which the timeline uses).
 */
export function whyBeats(a: ScheduleRule, b: ScheduleRule): WinReason | null {
  if (a.priority !== b.priority) return a.priority > b.priority ? 'priority' : null
  if (a.specificity !== b.specificity) return a.specificity > b.specificity ? 'specificity' : null
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? 'newer' : null
  return a.id > b.id ? 'id' : null
}

const summary = (r: ScheduleRule): ContestRule => ({
  ruleId: r.id,
  priority: r.priority,
  specificity: r.specificity,
})

/**
 * The contests of one zone within [from, to), clipped to it, in time order; consecutive stretches
 * with the same entries in the same order are one contest. An entry competing with its own other
 * occurrences (a cron firing before the last one ended) is no contest: the newer firing restarts it.
 * At most `max`: the first ones, each whole (a page of them; the next page starts where the last ends).
 */
export function contests(
  document: ScreenDocument,
  from: number,
  to: number,
  zoneId: string,
  max = Number.POSITIVE_INFINITY,
): Contest[] {
  if (!(to > from)) return []
  const zone = document.screen.timeZone
  // As the timeline does: an entry whose playlist has nothing playable (or that the document
  // lacks) never plays, so it neither wins nor loses a contest.
  const rules = document.rules.filter((r) => r.zoneId === zoneId && isPlayable(document, r.playlistId))
  if (rules.length < 2) return []
  const days = zoneDays(zone, from, to)

  // +1 where an occurrence opens, −1 where it closes; an entry is active while its count is positive.
  const edges: { at: number; rule: ScheduleRule; delta: 1 | -1 }[] = []
  for (const rule of rules) {
    for (const o of occurrences(compileRule(rule, zone), zone, days, from, to)) {
      edges.push({ at: Math.max(o.startMs, from), rule, delta: 1 })
      edges.push({ at: Math.min(o.endMs, to), rule, delta: -1 })
    }
  }
  // Closing before opening at the same instant: back-to-back windows do not compete.
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta)

  const active = new Map<ScheduleRule, number>()
  const out: Contest[] = []
  let key = ''
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i]!
    const count = (active.get(edge.rule) ?? 0) + edge.delta
    if (count > 0) active.set(edge.rule, count)
    else active.delete(edge.rule)
    const next = edges[i + 1]
    // Apply every edge at one instant before looking at the stretch that follows it.
    if (next && next.at === edge.at) continue
    const end = next?.at ?? to
    if (active.size < 2 || end <= edge.at) {
      key = ''
      continue
    }
    const ranked = [...active.keys()].sort((a, b) => (whyBeats(a, b) ? -1 : 1))
    const [winner, ...rest] = ranked as [ScheduleRule, ...ScheduleRule[]]
    const thisKey = ranked.map((r) => r.id).join('\n')
    const last = out.at(-1)
    if (last && key === thisKey && last.endMs === edge.at) {
      last.endMs = end
      continue
    }
    if (out.length >= max) break
    key = thisKey
    out.push({
      startMs: edge.at,
      endMs: end,
      winner: summary(winner),
      losers: rest.map((r) => ({ ...summary(r), reason: whyBeats(winner, r)! })),
    })
  }
  return out
}
