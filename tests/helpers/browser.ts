import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium'
import { ROOT } from '../../server/paths'

/** Debian's Chromium: the browser the screen PCs run. A downloaded browser is not used. */
export const CHROMIUM = CHROMIUM_PATH

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts')

/**
 * Headless Chromium with the flags a closed network needs: without the background-networking
 * flags Chromium keeps trying to reach Google's hosts.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Run the README's test command (it installs Debian's chromium).`,
    )
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  })
}
