import type { ScreenDocument } from './schemas/document'
import type { DocumentItem, DocumentPlaylist } from './schemas/playlist'

/**
 * The timeline: what a screen shows at an instant, as a pure function of (document, instant).
 *
 * No clock reads and no I/O: every screen of a sync group, an official's preview and the
 * server's reports call these with the same document and instant and get the same answer.
 *
 * Instants are milliseconds since the Unix epoch. Intervals are half-open, [start, end): at the
 * exact instant an item ends, the next one is showing.
 */

/** A stretch of time in which one playlist loops, anchored at `anchorMs`. */
export interface Segment {
  playlistId: string | null
  /** The instant the loop's first item starts (loop position 0). */
  anchorMs: number
  /** Unbounded ends are ±Infinity. */
  startMs: number
  endMs: number
}

export interface Playing {
  playlistId: string
  revision: number
  item: DocumentItem
  /** Position of the item in its playlist. */
  index: number
  /** How many whole loops have run since the anchor (negative before it). */
  loop: number
  startMs: number
  endMs: number
}

export interface Resolution {
  segment: Segment
  /** Null when the segment has nothing to play (no playlist, or an empty one). */
  playing: Playing | null
}

/** The rule in force at `at`. Only the default loop exists until schedules are added. */
export function segmentAt(document: ScreenDocument, _at: number): Segment {
  return {
    playlistId: document.defaultPlaylistId,
    anchorMs: document.epochMs,
    startMs: Number.NEGATIVE_INFINITY,
    endMs: Number.POSITIVE_INFINITY,
  }
}

export function resolve(document: ScreenDocument, at: number): Resolution {
  assertInstant(at)
  const segment = segmentAt(document, at)
  const playlist = segment.playlistId === null ? undefined : document.playlists[segment.playlistId]
  const playing = playlist ? playingInLoop(playlist, segment, at) : null
  return { segment, playing }
}

/**
 * The first instant after `at` at which the screen must change what it shows, or null if it
 * never will. A one-item playlist "changes" to itself at each loop, so that a video restarts.
 */
export function nextChange(document: ScreenDocument, at: number): number | null {
  const { segment, playing } = resolve(document, at)
  const end = playing ? playing.endMs : segment.endMs
  return Number.isFinite(end) ? end : null
}

export interface TimelineEntry {
  playlistId: string | null
  itemId: string | null
  index: number | null
  startMs: number
  endMs: number
}

/** More entries than this in one call is a caller bug (a year of 1-second items), not a query. */
export const TIMELINE_ENTRIES_MAX = 100_000

/**
 * Contiguous, non-overlapping entries covering [from, to): the first starts at `from` (clipped),
 * the last ends at `to` (clipped).
 */
export function timeline(document: ScreenDocument, from: number, to: number): TimelineEntry[] {
  assertInstant(from)
  assertInstant(to)
  const entries: TimelineEntry[] = []
  let t = from
  while (t < to) {
    if (entries.length >= TIMELINE_ENTRIES_MAX) {
      throw new RangeError(`timeline: more than ${TIMELINE_ENTRIES_MAX} entries; ask for a shorter range`)
    }
    const { playing } = resolve(document, t)
    const next = nextChange(document, t) ?? Number.POSITIVE_INFINITY
    const end = Math.min(next, to)
    entries.push({
      playlistId: playing?.playlistId ?? null,
      itemId: playing?.item.id ?? null,
      index: playing?.index ?? null,
      startMs: t,
      endMs: end,
    })
    t = end
  }
  return entries
}

function playingInLoop(playlist: DocumentPlaylist, segment: Segment, at: number): Playing | null {
  const { items } = playlist
  const loopMs = loopLength(items)
  if (loopMs <= 0) return null
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
        index,
        loop,
        startMs: Math.max(startMs, segment.startMs),
        endMs: Math.min(startMs + item.durationMs, segment.endMs),
      }
    }
    offset += item.durationMs
  }
  // Unreachable for finite positions: position < loopMs by construction.
  return null
}

export function loopLength(items: readonly DocumentItem[]): number {
  let total = 0
  for (const item of items) total += item.durationMs
  return total
}

function assertInstant(at: number): void {
  if (!Number.isFinite(at)) throw new RangeError(`timeline: instant must be a finite number, got ${at}`)
}
