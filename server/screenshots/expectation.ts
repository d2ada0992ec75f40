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
  for (const zone of document.layout.zones) {
    const a = resolve(document, from, zone.id)
    const b = resolve(document, to, zone.id)
    if ((a.override?.id ?? null) !== (b.override?.id ?? null)) return true
    const x = a.playing
    const y = b.playing
    if (x === null || y === null) {
      if (x !== y) return true
      continue
    }
    if (x.item.id !== y.item.id || x.startMs !== y.startMs) return true
    if (MOVING_KINDS.has(y.item.kind)) return true
    if (y.item.kind === 'clock' && to - from >= CLOCK_TICK_MS) return true
  }
  return false
}
