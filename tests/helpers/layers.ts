import type { Page } from 'playwright-core'

/** A zone's layers as the page saw them at one change (see recordLayers). */
export interface LayerChange {
  /** The item on screen (the first `.layer.showing`), and how many layers say they are showing. */
  showing: string | undefined
  showingCount: number
  /** Its computed opacity: below 1 while it blends in. */
  opacity: number | null
  /** Its animations (a crossfade's blend), while they still affect it. */
  blends: { state: string; ms: number }[]
  /** The layers on their way out, and whether they are still drawn. */
  leaving: { item: string | undefined; drawn: boolean }[]
}

/**
 * Has the page write down zone `zoneId`'s layers at every change of them, in the task of the
 * change (a MutationObserver's callback runs before anything is painted or the next timer
 * fires). A crossfade's blend is a compositor animation lasting real time, which a busy machine
 * may not give a test a single look into; the record holds what the screen went through however
 * slowly the test looks. Returns a function reading the record so far.
 */
export async function recordLayers(page: Page, zoneId: string): Promise<() => Promise<LayerChange[]>> {
  await page.evaluate((id) => {
    const zone = document.querySelector<HTMLElement>(`[data-zone-id="${id}"]`)!
    const seen: LayerChange[] = []
    ;(window as unknown as { layerChanges: LayerChange[] }).layerChanges = seen
    const layers = (state: string) => [...zone.querySelectorAll<HTMLElement>(`:scope > .layer.${state}`)]
    const drawn = (el: HTMLElement) => {
      const style = getComputedStyle(el)
      return style.display !== 'none' && style.visibility !== 'hidden'
    }
    new MutationObserver(() => {
      const showing = layers('showing')
      const top = showing[0]
      seen.push({
        showing: top?.dataset.itemId,
        showingCount: showing.length,
        opacity: top ? Number(getComputedStyle(top).opacity) : null,
        blends: (top?.getAnimations() ?? []).map((a) => ({
          state: a.playState,
          ms: Number(a.effect?.getTiming().duration),
        })),
        leaving: layers('leaving').map((l) => ({ item: l.dataset.itemId, drawn: drawn(l) })),
      })
    }).observe(zone, { childList: true, attributes: true, attributeFilter: ['class'], subtree: true })
  }, zoneId)
  return () => page.evaluate(() => (window as unknown as { layerChanges: LayerChange[] }).layerChanges)
}
