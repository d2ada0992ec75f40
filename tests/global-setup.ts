import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { buildConsole, buildPlayer, buildServer } from '../scripts/build.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium'

/**
 * The end-to-end tests load the bundled player and console and the start-up tests run the bundled server:
 * build both once per run so every test sees the current code. Each vitest project that needs the
 * build names this set-up, and vitest runs it once per project, each in its own module graph: the
 * promise is kept on globalThis (one vitest process) so the build and the warm-up run once.
 */
export default function setup(): Promise<void> {
  const shared = globalThis as { gatecastBuilt?: Promise<void> }
  shared.gatecastBuilt ??= buildAndWarmUp()
  return shared.gatecastBuilt
}

async function buildAndWarmUp(): Promise<void> {
  await Promise.all([buildPlayer(), buildConsole(), buildServer()])
  await warmUpChromium()
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
