import type { Language } from '@playlists/schemas/common'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { TEST_PASSWORD } from './app'

/**
 * The console in Chromium, as a person uses it: a fresh context (its own cookies), the sign-in
 * form filled in, and the language chosen from the switcher.
 */
export interface ConsoleSession {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

export interface ConsoleOptions {
  username?: string
  password?: string
  language?: Language
  viewport?: { width: number; height: number }
}

export async function openConsole(
  browser: Browser,
  base: string,
  options: ConsoleOptions = {},
): Promise<ConsoleSession> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${base}/console/`)
  if (options.language) await chooseLanguage(page, options.language)
  if (options.username) await signIn(page, options.username, options.password ?? TEST_PASSWORD)
  return {
    context,
    page,
    close: async () => {
      await context.close()
      // Thrown, not asserted, so that it fails a test under either runner (vitest, Playwright).
      if (errors.length > 0) throw new Error(`uncaught errors in the console:\n${errors.join('\n')}`)
    },
  }
}

export async function signIn(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('form button[type="submit"]').click()
  await page.locator('header.top-bar').waitFor()
}

export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page.locator('select[name="language"]').first().selectOption(language)
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), language)
}

/** Goes to a console page by its route (`media`, `playlists/welcome`) and waits for its heading. */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    location.hash = `#/${p}`
  }, path)
  await page.locator('main h1').first().waitFor()
}
