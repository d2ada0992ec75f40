import type { RenderContext } from './renderer'

/**
 * Shows `count` parts of an item one after the other, each for an equal share of the item's
 * time, chosen by the clock: the part on screen at an instant is the same on every screen of a
 * cluster, and a player joining mid-item shows the right one. `show(i)` puts part i on screen.
 */
export function rotateByClock(context: RenderContext, count: number, show: (index: number) => void) {
  const share = (context.endMs - context.startMs) / Math.max(1, count)
  const indexAt = (t: number) => Math.min(count - 1, Math.max(0, Math.floor((t - context.startMs) / share)))
  let timer: ReturnType<typeof setTimeout> | undefined
  const showAt = (t: number) => {
    clearTimeout(timer)
    const index = indexAt(t)
    show(index)
    if (index + 1 < count) {
      const next = context.startMs + (index + 1) * share
      timer = setTimeout(() => showAt(context.now()), Math.max(0, next - context.now()))
    }
  }
  return {
    /** Shows the part due now and keeps turning until the last. */
    start: () => showAt(context.now()),
    /** Shows the part due now without turning (while the item is prepared off screen). */
    settle: () => {
      showAt(context.now())
      clearTimeout(timer)
    },
    stop: () => clearTimeout(timer),
  }
}
