import { powerStateAt } from '@playlists/power/plan'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { ItemKind } from '@playlists/schemas/items'
import { resolve } from '@playlists/timeline'

/**
 * What the screen's document says about an instant, as pure functions of (document, instant):
 * the power plan in force, and whether what shows moved between two captures. The frozen check
 * needs the second: two identical frames of a still image are right, of a playing video wrong.
 */

/** Kinds whose picture moves while they show: a video plays, a ticker scrolls. */
const MOVING_KINDS: ReadonlySet<ItemKind> = new Set(['video', 'ticker'])
/** A clock's face changes each minute: two captures further apart than this differ. */
const CLOCK_TICK_MS = 60_000

export function powerAt(document: ScreenDocument, at: number): { on: boolean; brightness: number } {
  const { plan, latitude, longitude } = document.screen.power
  const location = latitude === null || longitude === null ? null : { latitude, longitude }
  const state = powerStateAt(plan, { timeZone: document.screen.timeZone, location }, at)
  return { on: state.on, brightness: state.brightness }
}

/**
 * Whether any zone's picture should differ between `from` and `to`: another item (or another
 * loop of the same one), an emergency message coming or going, or an item that moves by itself.
 */
export function contentMoved(document: ScreenDocument, from: number, to: number): boolean {
  return document.layout.zones.some((zone) => {
    const change = zoneChange(document, zone.id, from, to)
    if (change === 'item') return true
    if (change === null) return false
    if (MOVING_KINDS.has(change.kind)) return true
    return change.kind === 'clock' && to - from >= CLOCK_TICK_MS
  })
}

/**
 * The instants `toleranceMs` before and after `at` at which some zone shows another item (or an
 * emergency message comes or goes): a capture made that close to a swap may show either side of
 * it. A player that swaps a moment late under load, or a capture stamped before Chromium
 * composited it, is not wrong content. Empty when nothing changes within the tolerance.
 */
export function swapNeighbours(document: ScreenDocument, at: number, toleranceMs: number): number[] {
  return [at - toleranceMs, at + toleranceMs].filter((other) =>
    document.layout.zones.some(
      (zone) => zoneChange(document, zone.id, Math.min(at, other), Math.max(at, other)) === 'item',
    ),
  )
}

/** How one zone's content differs between two instants: another item, or the same item's kind. */
function zoneChange(
  document: ScreenDocument,
  zoneId: string,
  from: number,
  to: number,
): 'item' | { kind: ItemKind } | null {
  const a = resolve(document, from, zoneId)
  const b = resolve(document, to, zoneId)
  if ((a.override?.id ?? null) !== (b.override?.id ?? null)) return 'item'
  const x = a.playing
  const y = b.playing
  if (x === null || y === null) return x === y ? null : 'item'
  if (x.item.id !== y.item.id || x.startMs !== y.startMs) return 'item'
  return { kind: y.item.kind }
}
