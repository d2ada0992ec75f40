import type { PlayerStatus } from '@player/status'
import type { Browser, BrowserContextOptions, Frame, Page } from 'playwright-core'

/**
 * The longest a player may take from opening its page to showing its first document. About a
 * second on a warm machine; a new CI machine pays Chromium's first start, the first service
 * worker install and downloads of fonts nothing has cached, with the other test worker's
 * Chromium on the second core. A bound on a wait, not a claim about speed: the benchmarks
 * measure speed.
 */
export const PLAYER_COLD_START_MS = 30_000

/** The player's own word on where it stands (`#stage[data-status]`, player/src/status.ts). */
export const playerStatus = (page: Page | Frame): Promise<string | null> =>
  page.locator('#stage').getAttribute('data-status')

/**
 * Waits until the player (or an official's preview, in its frame) says `status`; by default, that
 * its first document is on screen.
 */
export async function waitForPlayer(
  page: Page | Frame,
  status: PlayerStatus = 'playing',
  timeout = PLAYER_COLD_START_MS,
): Promise<void> {
  await page.locator(`#stage[data-status="${status}"]`).waitFor({ state: 'attached', timeout })
}

/**
 * Waits until every zone of the player has dealt with document `version` (shown or skipped the
 * item it puts on them: `#stage[data-settled-version]`, player/src/main.ts). What a new version
 * left untouched is looked at after this, not as soon as the version arrives. The bound is for a
 * push through a busy server to a busy page, like a cold start's.
 */
export async function waitForSettled(page: Page | Frame, version: number): Promise<void> {
  await page
    .locator(`#stage[data-settled-version="${version}"]`)
    .waitFor({ state: 'attached', timeout: PLAYER_COLD_START_MS })
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
  options: BrowserContextOptions & {
    paused?: boolean
    /** Runs on the new page before the player opens (routes that fake a broken file, say). */
    beforeOpen?: (page: Page) => Promise<void>
  } = {},
): Promise<Page> {
  const { paused = false, beforeOpen, ...context } = options
  const page = await browser.newPage(context)
  await beforeOpen?.(page)
  await startPlayerAt(page, url, at, { paused })
  return page
}

/** How far before `at` the page clock is installed (see startPlayerAt). */
const INSTALL_LEAD_MS = 60_000

/** openPlayerAt in a page the test already has (a persistent profile's, say). */
export async function startPlayerAt(
  page: Page,
  url: string,
  at: number,
  { paused = false }: { paused?: boolean } = {},
): Promise<void> {
  // Installed well before `at`, then paused at it: the page already open runs on between the
  // two calls, and a pause cannot step its clock back. A second's margin was not enough on a busy
  // machine ("Cannot fast-forward to the past"); the page has not loaded the player yet, so the
  // fast-forward runs nothing of it.
  await page.clock.install({ time: at - INSTALL_LEAD_MS })
  await page.clock.pauseAt(at)
  await page.goto(url)
  await waitForPlayer(page)
  if (!paused) await page.clock.resume()
}

/**
 * Leeway for stopping a running page clock: the page's time goes on between reading it and the
 * stop, and a stop cannot go back in time.
 */
const STOP_LEEWAY_MS = 500

/**
 * Stops the page's running clock about where it stands (at most STOP_LEEWAY_MS on), so that what
 * the player shows stays for as long as the test looks; `page.clock.resume()` lets it run on.
 * Returns the instant it stopped at.
 */
export async function stopClock(page: Page): Promise<number> {
  const at = (await page.evaluate(() => Date.now())) + STOP_LEEWAY_MS
  await page.clock.pauseAt(at)
  return at
}

/**
 * Starts watching the page for the first instant, by the page's own clock, at which an element
 * matching `selector` (with `text`, if given) is on the page, and returns how to read it once it
 * is. What a latency claim ("within a second") measures: when the player put it up, not when a
 * test on a busy machine next got round to looking. (A MutationObserver's callback runs in the
 * task that changed the page, before it is painted.)
 */
export async function watchFirstShown(
  page: Page,
  selector: string,
  text?: string,
): Promise<() => Promise<number>> {
  const key = `gatecastFirstShown:${selector}:${text ?? ''}`
  await page.evaluate(
    ({ key, selector, text }) => {
      const seen = window as unknown as Record<string, number | undefined>
      seen[key] = undefined
      const check = () => {
        if (seen[key] !== undefined) return
        const found = document.querySelector(selector)
        if (found && (text === undefined || found.textContent === text)) seen[key] = Date.now()
      }
      new MutationObserver(check).observe(document.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      })
      check()
    },
    { key, selector, text },
  )
  return async () => {
    const shown = await page.waitForFunction(
      (key) => (window as unknown as Record<string, number | undefined>)[key] ?? false,
      key,
      { timeout: PLAYER_COLD_START_MS },
    )
    return (await shown.jsonValue()) as number
  }
}
