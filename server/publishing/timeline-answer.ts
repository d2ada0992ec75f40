import { type Contest, type ContestRule, contests } from '@playlists/schedule/contests'
import type { ScreenDocument } from '@playlists/schemas/document'
import { type DocumentZone, MAIN_ZONE } from '@playlists/schemas/layout'
import {
  type Contender,
  TIMELINE_PAGE_ENTRIES_MAX,
  type TimelineAnswer,
  type TimelineGranularity,
} from '@playlists/schemas/timeline'
import { sameStretch, type TimelineEntry, timelinePage } from '@playlists/timeline'

/**
 * The timeline API's answer over [from, to), at most `max` entries and conflicts (see
 * TIMELINE_PAGE_ENTRIES_MAX). `documentAt(at)` is the screen's document compiled as of `at`: a
 * document holds the rules of its horizon only (DOCUMENT_HORIZON_DAYS), so a range reaching past
 * it is read document after document, each from where the previous one's horizon ends.
 */
export function timelineAnswer(
  documentAt: (at: number) => ScreenDocument,
  from: number,
  to: number,
  granularity: TimelineGranularity,
  max = TIMELINE_PAGE_ENTRIES_MAX,
): TimelineAnswer {
  const first = documentAt(from)
  // Main first: it is what a reader looks for; the others follow in drawing order.
  const zones = [...first.layout.zones].sort(
    (a, b) => Number(b.id === MAIN_ZONE) - Number(a.id === MAIN_ZONE),
  )
  const found = zones.map(() => ({ entries: [] as TimelineEntry[], conflicts: [] as Contest[] }))
  let used = 0
  let document = first
  let at = from
  let until = to
  for (;;) {
    const horizonEnd = document.horizon.untilMs > at ? document.horizon.untilMs : to
    const windowEnd = Math.min(to, horizonEnd)
    const room = max - used
    const pages = zones.map((zone) =>
      timelinePage(document, at, windowEnd, { zoneId: zone.id, granularity, max: room }),
    )
    let cut = Math.min(windowEnd, ...pages.map((p) => p.until))
    const fights = zones.map((zone) => contests(document, at, cut, zone.id, room))
    cut = Math.min(cut, fullAt([...pages.flatMap((p) => p.entries), ...fights.flat()], room, from))
    found.forEach((zone, i) => {
      for (const e of clipped(pages[i]!.entries, cut)) {
        if (!joined(zone.entries, e, granularity)) zone.entries.push(e)
      }
      for (const c of clipped(fights[i]!, cut))
        if (!sameFight(zone.conflicts.at(-1), c)) zone.conflicts.push(c)
    })
    used = found.reduce(
      (sum, z) => sum + z.entries.length + z.conflicts.reduce((n, c) => n + weightOf(c), 0),
      0,
    )
    // Stopped short, done, or the page is full.
    if (cut < windowEnd || cut >= to || used >= max) {
      until = cut
      break
    }
    at = cut
    document = documentAt(at)
  }
  return {
    screenId: first.screenId,
    timeZone: first.screen.timeZone,
    version: first.version,
    granularity,
    layoutId: first.layout.id,
    zones: zones.map((zone, i) => zoneAnswer(zone, found[i]!.entries, found[i]!.conflicts)),
    next: until < to ? iso(until) : null,
  }
}

/** What an entry or a conflict counts for in a page: one, plus one per entry a conflict beat. */
const weightOf = (x: TimelineEntry | Contest) => ('losers' in x ? 1 + x.losers.length : 1)

/**
 * Where the page is full: the entries and conflicts of every zone taken in time order, the first
 * that does not fit ends the page at its start. The page's first one always fits (it ends the page
 * at its end instead), so every page moves on. Infinity when everything fits.
 */
function fullAt(items: readonly (TimelineEntry | Contest)[], room: number, from: number): number {
  const inOrder = [...items].sort((a, b) => a.startMs - b.startMs)
  let used = 0
  for (const x of inOrder) {
    used += weightOf(x)
    if (used > room) return x.startMs > from ? x.startMs : x.endMs
  }
  return Number.POSITIVE_INFINITY
}

const iso = (ms: number) => new Date(ms).toISOString()

/** What starts before `cut`, ending there at the latest. */
function clipped<T extends { startMs: number; endMs: number }>(list: readonly T[], cut: number): T[] {
  const out: T[] = []
  for (const x of list) {
    if (x.startMs >= cut) break
    out.push(x.endMs > cut ? { ...x, endMs: cut } : x)
  }
  return out
}

/**
 * By segment, the stretch that goes on past one document's horizon into the next is one entry.
 * (Item by item a range never crosses a horizon: TIMELINE_ITEM_RANGE_MAX_MS is far shorter.)
 */
function joined(entries: TimelineEntry[], e: TimelineEntry, granularity: TimelineGranularity): boolean {
  const last = entries.at(-1)
  if (granularity !== 'segment' || !last || last.endMs !== e.startMs || !sameStretch(last, e)) return false
  entries[entries.length - 1] = { ...last, endMs: e.endMs }
  return true
}

const fightKey = (c: Contest) =>
  [c.winner.ruleId, ...c.losers.map((l) => `${l.ruleId}:${l.reason}`)].join('\n')

/** A conflict cut at a horizon goes on in the next document: extends the last one when it is the same. */
function sameFight(last: Contest | undefined, c: Contest): boolean {
  if (!last || last.endMs !== c.startMs || fightKey(last) !== fightKey(c)) return false
  last.endMs = c.endMs
  return true
}

const TARGETS = ['all', 'site', 'group', 'screen'] as const
/** A competing entry, its target kind read back from the specificity its rule carries (1 all … 4 screen). */
const contender = (r: ContestRule): Contender => ({
  ruleId: r.ruleId,
  priority: r.priority,
  target: TARGETS[r.specificity - 1] ?? 'all',
})

function zoneAnswer(zone: DocumentZone, entries: readonly TimelineEntry[], conflicts: readonly Contest[]) {
  return {
    id: zone.id,
    name: zone.name,
    x: zone.x,
    y: zone.y,
    width: zone.width,
    height: zone.height,
    entries: entries.map((e) => ({
      start: iso(e.startMs),
      end: iso(e.endMs),
      playlistId: e.playlistId,
      itemId: e.itemId,
      index: e.index,
      ruleId: e.ruleId,
      overrideId: e.overrideId,
    })),
    conflicts: conflicts.map((c) => ({
      start: iso(c.startMs),
      end: iso(c.endMs),
      winner: contender(c.winner),
      losers: c.losers.map((l) => ({ ...contender(l), reason: l.reason })),
    })),
  }
}
