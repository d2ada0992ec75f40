import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium'

export { skewClock } from '../../scripts/chromium'

import { ROOT } from '@server/paths'

/** Debian's Chromium: the browser the screen PCs run. A downloaded browser is not used. */
export const CHROMIUM = CHROMIUM_PATH

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts')

/**
 * The flags of every test browser: a closed network's (without the background-networking flags
 * Chromium keeps trying to reach Google's hosts), and video that plays without a click, as on a
 * screen PC in kiosk mode. playwright.config.ts launches its browsers with these too.
 */
export const BROWSER_ARGS = [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required']

/** Headless Chromium with BROWSER_ARGS, for tests still run by vitest. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Run the README's test command (it installs Debian's chromium).`,
    )
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: BROWSER_ARGS,
  })
}

/**
 * Chromium with a profile on disk, as a screen PC runs it: service workers, caches and local
 * storage survive closing the browser, so a test can restart it (same flags as launchChromium).
 */
export async function launchPersistentChromium(
  userDataDir: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Run the README's test command (it installs Debian's chromium).`,
    )
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launchPersistentContext(userDataDir, {
    ...options,
    executablePath: CHROMIUM,
    args: BROWSER_ARGS,
  })
}

/**
 * For pages that test playback, not offline behaviour: each new context would otherwise install
 * the service worker and precache 4.7 MB of fonts, which slows a loaded CI machine for nothing.
 * tests/e2e/offline-*.spec.ts cover the worker.
 */
export const NO_SW = 'block' as const
