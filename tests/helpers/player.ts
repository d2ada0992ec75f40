import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import type { PlayerStatus } from '../../player/src/main'

/**
 * The longest a player may take from opening its page to showing its first document. About a
 * second on a warm machine; a new CI machine pays Chromium's first start, the first service
 * worker install and downloads of fonts nothing has cached, with the other test worker's
 * Chromium on the second core. A bound on a wait, not a claim about speed: the benchmarks
 * measure speed.
 */
export const PLAYER_COLD_START_MS = 30_000

/** The player's own word on where it stands (`#stage[data-status]`, player/src/main.ts). */
export const playerStatus = (page: Page): Promise<string | null> =>
  page.locator('#stage').getAttribute('data-status')

/** Waits until the player says `status` (by default: its first document is on screen). */
export async function waitForPlayer(
  page: Page,
  status: PlayerStatus = 'playing',
  timeout = PLAYER_COLD_START_MS,
): Promise<void> {
  await page.locator(`#stage[data-status="${status}"]`).waitFor({ state: 'attached', timeout })
}

/**
 * Opens a player at `url` in a new page whose clock reads `at` and stands still until the player
 * is playing, then runs at normal speed: the first item it shows is the one due at `at`, and the
 * switches after it come at their instants, however long the start took. With `paused` the
 * clock stays stopped at `at` for the test to move (`page.clock.resume()`, `pauseAt`, …).
 */
export async function openPlayerAt(
  browser: Browser,
  url: string,
  at: number,
  options: BrowserContextOptions & { paused?: boolean } = {},
): Promise<Page> {
  const { paused = false, ...context } = options
  const page = await browser.newPage(context)
  // Installed a second early, then paused at `at`: the blank page already open has run since
  // the install, and a pause cannot step its clock back.
  await page.clock.install({ time: at - 1_000 })
  await page.clock.pauseAt(at)
  await page.goto(url)
  await waitForPlayer(page)
  if (!paused) await page.clock.resume()
  return page
}
