import type { Transition } from '@player/playback'
import type { Page } from 'playwright-core'
import { expect } from './fixtures'

/**
 * "Switched on time" without timing the machine. A busy machine delays every timer of the page,
 * the player's among them, so a fixed bound on a switch's lateness fails for reasons that are not
 * the player's. Instead a chain of short timers runs in the page beside the player and records
 * how late each one fired, on the player's clock; a switch may be as late as the page's worst
 * timer around it, plus a margin for the switch's own work. A player that switches late on its
 * own (a poll, a missed timer, a wait for something it should have prepared) still fails.
 */
const TICK_MS = 20

/** Starts the chain; call it before the switches it will judge. Safe to call twice. */
export async function watchTimers(page: Page): Promise<void> {
  await page.evaluate((tickMs) => {
    const w = window as unknown as { timerLateness?: { atMs: number; lateMs: number }[] }
    if (w.timerLateness) return
    const seen: { atMs: number; lateMs: number }[] = []
    w.timerLateness = seen
    // On the player's clock (server time when it measured an offset), as its transitions are.
    const now = () => Date.now() + (window.gatecast?.clockOffsetMs ?? 0)
    const tick = (due: number) => {
      const at = now()
      seen.push({ atMs: at, lateMs: Math.max(0, at - due) })
      if (seen.length > 20_000) seen.splice(0, 10_000)
      setTimeout(() => tick(now() + tickMs), tickMs)
    }
    setTimeout(() => tick(now() + tickMs), tickMs)
  }, TICK_MS)
}

/** The most any of the page's timers was late while the switch was due: from its due instant to its showing. */
async function worstLatenessAround(page: Page, fromMs: number, toMs: number): Promise<number> {
  return page.evaluate(
    ([from, to]) => {
      const seen = (window as unknown as { timerLateness?: { atMs: number; lateMs: number }[] }).timerLateness
      if (!seen) throw new Error('watchTimers was not called on this page')
      let worst = 0
      // A tick that fired after `from` was due up to its lateness before; one due by `to` counts.
      for (const s of seen) if (s.atMs >= from && s.atMs - s.lateMs <= to) worst = Math.max(worst, s.lateMs)
      return worst
    },
    [fromMs, toMs + TICK_MS] as const,
  )
}

/**
 * Expects `transition` to have shown within `marginMs` of its due instant, beyond what the page's
 * timers lost at the time. Returns the lateness and the allowance, for a test that prints them.
 */
export async function expectOnTime(
  page: Page,
  transition: Pick<Transition, 'dueMs' | 'shownMs' | 'itemId'>,
  marginMs: number,
): Promise<{ lateMs: number; allowedMs: number }> {
  const lateMs = transition.shownMs - transition.dueMs
  const machineMs = await worstLatenessAround(page, transition.dueMs, transition.shownMs)
  const allowedMs = machineMs + marginMs
  const said = `${transition.itemId} shown ${lateMs} ms from its instant; the page's timers lost up to ${machineMs} ms then`
  // Early is never the machine's doing.
  expect(lateMs, said).toBeGreaterThan(-marginMs)
  expect(lateMs, said).toBeLessThan(allowedMs)
  return { lateMs, allowedMs }
}
