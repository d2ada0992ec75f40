import { type PlayableList, playableList } from './playable'
import { type Segment, SWEEP_MARGIN_MS, sweep } from './schedule/segments'
import type { ScreenDocument } from './schemas/document'
import type { Override } from './schemas/emergency'
import type { DocumentItem } from './schemas/items'
import { MAIN_ZONE } from './schemas/layout'

/**
 * The timeline: what a screen shows at an instant, as a pure function of (document, instant).
 *
 * No clock reads and no I/O: every screen of a sync group, an official's preview and the
 * server's reports call these with the same document and instant and get the same answer.
 * Instants are milliseconds since the Unix epoch; intervals are half-open, [start, end).
 *
 * Each layout zone has its own timeline (the zone id is the last argument, `main` by default).
 * Layers, top first: an emergency override (the whole screen); else the winning schedule
 * entry's playlist for the zone (see the overlap rule in schemas/schedule.ts), looping from the
 * start of its segment; else the zone's default playlist, looping from the document's epoch.
 * A playlist loops its playable items only (playable.ts), and an entry whose playlist has none
 * is passed over as if it were not there: the next entry, or the default, plays instead.
 */

export type { Segment } from './schedule/segments'

export interface Playing {
  playlistId: string
  revision: number
  item: DocumentItem
  /** Position of the item in its playlist (unplayable items keep their places). */
  index: number
  /** Whole loops since the segment's anchor (negative before it). */
  loop: number
  startMs: number
  endMs: number
}

export interface Resolution {
  segment: Segment
  /** Null when the segment has nothing to play (no playlist, or none with a playable item). */
  playing: Playing | null
  /** An emergency message in force, shown above `playing`. */
  override: Override | null
}

/** nextChange looks this far ahead for a schedule change when nothing is playing. */
export const NEXT_CHANGE_SEARCH_MS = 400 * 86_400_000

export function resolve(document: ScreenDocument, at: number, zoneId: string = MAIN_ZONE): Resolution {
  assertInstant(at)
  const segment = segmentAt(document, zoneId, at)
  const playlist = playableList(document, segment.playlistId)
  return {
    segment,
    playing: playlist ? playingAt(playlist, segment, at) : null,
    override: overrideAt(document, at),
  }
}

/**
 * The first instant after `at` at which the screen must change what it shows, or null if it
 * never will. A one-item playlist "changes" to itself at each loop, so that a video restarts.
 */
export function nextChange(document: ScreenDocument, at: number, zoneId: string = MAIN_ZONE): number | null {
  const { segment, playing } = resolve(document, at, zoneId)
  const content = playing ? playing.endMs : segmentEnd(document, zoneId, segment)
  const next = Math.min(content, nextOverrideBoundary(document, at))
  return Number.isFinite(next) ? next : null
}

export interface TimelineEntry {
  zoneId: string
  playlistId: string | null
  itemId: string | null
  index: number | null
  /** The schedule entry in force, or null for the default playlist. */
  ruleId: string | null
  /** The emergency message covering the screen, if any. */
  overrideId: string | null
  startMs: number
  endMs: number
}

/** More entries than this in one call is a caller bug (a year of 1-second items), not a query. */
export const TIMELINE_ENTRIES_MAX = 200_000

/**
 * Contiguous, non-overlapping entries covering [from, to): the first starts at `from` (clipped),
 * the last ends at `to` (clipped). `resolve(t)` agrees with the entry containing `t`.
 */
export function timeline(
  document: ScreenDocument,
  from: number,
  to: number,
  zoneId: string = MAIN_ZONE,
): TimelineEntry[] {
  const page = timelinePage(document, from, to, { zoneId, max: TIMELINE_ENTRIES_MAX + 1 })
  if (page.entries.length > TIMELINE_ENTRIES_MAX) {
    throw new RangeError(`timeline: more than ${TIMELINE_ENTRIES_MAX} entries; ask for a shorter range`)
  }
  return page.entries
}

export type Granularity = 'item' | 'segment'

export interface PageOptions {
  zoneId?: string
  /** `segment`: one entry per stretch of one playlist, rule and override, not one per item. */
  granularity?: Granularity
  /** At most this many entries (at least 1). */
  max: number
}

export interface TimelinePage {
  /** Contiguous from `from` to `until`, as `timeline` gives them (clipped at `until`). */
  entries: TimelineEntry[]
  /** Where the entries stop: `to`, or earlier when `max` entries were reached. */
  until: number
}

/**
 * The first `max` entries of [from, to), and the instant they reach: a range too long for one
 * answer is read page after page, each starting at the previous page's `until`. By segment,
 * consecutive stretches with the same playlist, rule and override are one entry, and no item is
 * ever walked: the work grows with the schedule's occurrences, not with the items they loop.
 */
export function timelinePage(
  document: ScreenDocument,
  from: number,
  to: number,
  options: PageOptions,
): TimelinePage {
  assertInstant(from)
  assertInstant(to)
  const { zoneId = MAIN_ZONE, granularity = 'item', max } = options
  if (!(max >= 1)) throw new RangeError(`timeline: max must be at least 1, got ${max}`)
  if (to <= from) return { entries: [], until: to }
  const raw = walk(document, from, to, zoneId, granularity === 'segment', max)
  let entries = document.overrides.length > 0 ? withOverrides(document, raw) : raw
  if (granularity === 'segment') entries = merged(entries)
  // Overrides split entries: past `max`, the page ends with the last entry it keeps.
  if (entries.length > max) entries = entries.slice(0, max)
  const reachedMax = raw.length >= max || entries.length >= max
  const last = entries.at(-1)
  return { entries, until: reachedMax && last ? Math.min(last.endMs, to) : to }
}

/** Entries item by item (or segment by segment) from `from`, stopping after `max` of them. */
function walk(
  document: ScreenDocument,
  from: number,
  to: number,
  zoneId: string,
  bySegment: boolean,
  max: number,
): TimelineEntry[] {
  const entries: TimelineEntry[] = []
  for (const segment of sweep(document, zoneId, from - SWEEP_MARGIN_MS, to + SWEEP_MARGIN_MS)) {
    if (segment.endMs <= from || segment.startMs >= to) continue
    const start = Math.max(segment.startMs, from)
    const end = Math.min(segment.endMs, to)
    const playlist = playableList(document, segment.playlistId)
    if (bySegment || !playlist) {
      entries.push({
        zoneId,
        playlistId: segment.playlistId,
        ruleId: segment.ruleId,
        overrideId: null,
        itemId: null,
        index: null,
        startMs: start,
        endMs: end,
      })
      if (entries.length >= max) return entries
      continue
    }
    // Find the item at `start` once, then walk the loop item by item.
    const first = playingAt(playlist, segment, start)!
    const { items, positions } = playlist
    // Walks the playable items; reports each by its position in the playlist.
    let index = positions.indexOf(first.index)
    let t = start
    let itemEnd = first.endMs
    while (t < end) {
      const e = Math.min(itemEnd, end)
      entries.push({
        zoneId,
        playlistId: segment.playlistId,
        ruleId: segment.ruleId,
        overrideId: null,
        itemId: items[index]!.id,
        index: positions[index]!,
        startMs: t,
        endMs: e,
      })
      if (entries.length >= max) return entries
      t = e
      index = index + 1 === items.length ? 0 : index + 1
      itemEnd = t + items[index]!.durationMs
    }
  }
  return entries
}

/** Two entries of one stretch: the same playlist, played for the same rule, under the same override. */
export const sameStretch = (a: TimelineEntry, b: TimelineEntry): boolean =>
  a.playlistId === b.playlistId && a.ruleId === b.ruleId && a.overrideId === b.overrideId

/** Consecutive entries of one stretch become one. */
function merged(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = []
  for (const e of entries) {
    const last = out.at(-1)
    if (last && sameStretch(last, e)) last.endMs = e.endMs
    else out.push({ ...e, itemId: null, index: null })
  }
  return out
}

function segmentAt(document: ScreenDocument, zoneId: string, at: number): Segment {
  const segments = sweep(document, zoneId, at - SWEEP_MARGIN_MS, at + SWEEP_MARGIN_MS)
  return segments.find((s) => s.startMs <= at && at < s.endMs)!
}

/** The true end of `segment`, searching past the sweep window when it reaches its edge. */
function segmentEnd(document: ScreenDocument, zoneId: string, segment: Segment): number {
  let current = segment
  const limit = segment.startMs + NEXT_CHANGE_SEARCH_MS
  while (current.endMs < limit) {
    const next = segmentAt(document, zoneId, current.endMs)
    if (
      next.ruleId !== current.ruleId ||
      next.playlistId !== current.playlistId ||
      next.anchorMs !== current.anchorMs
    ) {
      return current.endMs
    }
    current = next
  }
  return Number.POSITIVE_INFINITY
}

function playingAt(playlist: PlayableList, segment: Segment, at: number): Playing | null {
  const { items, loopMs } = playlist
  const sinceAnchor = at - segment.anchorMs
  const loop = Math.floor(sinceAnchor / loopMs)
  // Position inside the loop, non-negative also for instants before the anchor.
  const position = sinceAnchor - loop * loopMs
  let offset = 0
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (position < offset + item.durationMs) {
      const startMs = segment.anchorMs + loop * loopMs + offset
      return {
        playlistId: playlist.id,
        revision: playlist.revision,
        item,
        index: playlist.positions[index]!,
        loop,
        startMs: Math.max(startMs, segment.startMs),
        endMs: Math.min(startMs + item.durationMs, segment.endMs),
      }
    }
    offset += item.durationMs
  }
  return null
}

export function loopLength(items: readonly DocumentItem[]): number {
  let total = 0
  for (const item of items) total += item.durationMs
  return total
}

/** The override in force: the one that started last (then the greater id) wins. */
function overrideAt(document: ScreenDocument, at: number): Override | null {
  let best: Override | null = null
  for (const o of document.overrides) {
    if (o.startsAtMs <= at && at < o.endsAtMs) {
      if (!best || o.startsAtMs > best.startsAtMs || (o.startsAtMs === best.startsAtMs && o.id > best.id))
        best = o
    }
  }
  return best
}

function nextOverrideBoundary(document: ScreenDocument, at: number): number {
  let next = Number.POSITIVE_INFINITY
  for (const o of document.overrides) {
    if (o.startsAtMs > at) next = Math.min(next, o.startsAtMs)
    if (o.endsAtMs > at) next = Math.min(next, o.endsAtMs)
  }
  return next
}

/** Splits entries at override boundaries and marks the covered parts. */
function withOverrides(document: ScreenDocument, entries: TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = []
  for (const entry of entries) {
    let t = entry.startMs
    while (t < entry.endMs) {
      const end = Math.min(entry.endMs, nextOverrideBoundary(document, t))
      out.push({ ...entry, overrideId: overrideAt(document, t)?.id ?? null, startMs: t, endMs: end })
      t = end
    }
  }
  return out
}

function assertInstant(at: number): void {
  if (!Number.isFinite(at)) throw new RangeError(`timeline: instant must be a finite number, got ${at}`)
}
