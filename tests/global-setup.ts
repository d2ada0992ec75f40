import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { ensureBuilt } from '../scripts/build.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium'

/**
 * The API, realtime and browser tests run the bundled player, console and server: each runner's
 * set-up (vitest's for its projects, Playwright's) makes sure dist/ holds a build of the current
 * sources, and builds only if it does not (scripts/build.mjs ensureBuilt: the build stamp hashes
 * every file the last build read). So `npx vitest run file` and `npx playwright test file` each
 * build what they need, and scripts/test.sh, which builds once before both (tests/prepare.ts),
 * builds once. vitest runs this once per project, each in its own module graph: the promise is
 * kept on globalThis (one vitest process) so the check and the warm-up run once.
 */
export default function setup(): Promise<void> {
  const shared = globalThis as { gatecastBuilt?: Promise<void> }
  shared.gatecastBuilt ??= buildAndWarmUp()
  return shared.gatecastBuilt
}

/** Set by tests/prepare.ts for the runners it starts: Chromium was warmed up there already. */
export const WARMED_UP = 'GATECAST_TESTS_WARMED_UP'

async function buildAndWarmUp(): Promise<void> {
  const reasons = await ensureBuilt()
  if (reasons.length > 0) console.log(`built dist/ (${reasons.slice(0, 3).join('; ')})`)
  if (process.env[WARMED_UP] !== '1') await warmUpChromium()
}

/**
 * A new machine's first Chromium to draw text pays for what no screen pays each day: fontconfig
 * scanning every installed font to build its cache (2.4 s measured with both cores busy; the cache
 * is kept, so only the first process pays), and Chromium's own files read from disk. One browser
 * that draws a line of Vietnamese and Chinese here pays it once, before any test times a page,
 * instead of inside whichever browser test happens to start first. Skipped without Chromium: the
 * browser tests say how to install it.
 */
async function warmUpChromium(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) return
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage()
    await page.setContent('<p lang="vi">Cửa khẩu Hữu Nghị</p><p lang="zh-Hans">友谊关口岸</p>')
    await page.evaluate(() => document.fonts.ready)
  } finally {
    await browser.close()
  }
}
