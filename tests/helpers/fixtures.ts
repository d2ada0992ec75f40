import { test as base, expect } from '@playwright/test'
import type { AppOptions } from '@server/app'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { createTestApp, TEST_ENGINE, type TestApp } from './app'
import { NO_SW } from './browser'
import { type ConsoleOptions, type ConsoleSession, openConsole } from './console'
import { listen } from './listen'
import { playerUrl, screenToken } from './pairing'
import { waitForPlayer } from './player'

/**
 * What the browser tests (tests/e2e/*.spec.ts, run by `npx playwright test`) share: the file's
 * running app, a signed-in console and a playing screen. The browser itself is Playwright's own
 * `browser` fixture, launched from playwright.config.ts (Debian's Chromium, BROWSER_ARGS), once
 * per worker rather than once per file.
 */

export { expect }

/** A test file's app, listening on a loopback port. */
export interface Served {
  readonly t: TestApp
  /** Its base URL, `http://127.0.0.1:<port>`. */
  readonly base: string
}

/** The app of the file whose tests run now: a worker runs one file's tests at a time, in order. */
let current: Served | undefined

/**
 * One app for the whole test file, as the files' `beforeAll` built it under vitest: built (and
 * `prepare`d, before it listens) ahead of the file's first test, closed after its last. Playwright
 * has no file-scoped fixture, and a worker-scoped one would hand the same database to every file a
 * worker runs, so tests of one file would see what another left. Returns the app for the file's
 * own hooks; tests get it as the `served` fixture.
 */
export function serveApp(options: Partial<AppOptions> = {}, prepare?: (t: TestApp) => Promise<void>): Served {
  let running: Served | undefined
  const served: Served = {
    get t() {
      if (!running) throw new Error('the app is built in beforeAll: use it inside a test or hook')
      return running.t
    },
    get base() {
      if (!running) throw new Error('the app is built in beforeAll: use it inside a test or hook')
      return running.base
    },
  }
  base.beforeAll(async () => {
    const t = await createTestApp(options)
    try {
      await prepare?.(t)
      running = { t, base: await listen(t) }
    } catch (e) {
      await t.close()
      throw e
    }
    current = running
  })
  base.afterAll(async () => {
    current = undefined
    await running?.t.close()
    running = undefined
  })
  return served
}

export interface PlayerOptions {
  /** The player's query (`time=local`). */
  query?: string
  /** The screen's size; the seeded Chi Ma screen's 1536×768 unless given. */
  viewport?: BrowserContextOptions['viewport']
}

/**
 * A screen's player in its own page, holding the screen's token, once it shows its first
 * document. No service worker: tests/e2e/offline covers it (see NO_SW).
 */
export async function openPlayer(
  browser: Browser,
  served: Served,
  screenId: string,
  options: PlayerOptions = {},
): Promise<Page> {
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1536, height: 768 },
    serviceWorkers: NO_SW,
  })
  await page.goto(playerUrl(served.base, screenToken(served.t.app, screenId), options.query))
  await waitForPlayer(page)
  return page
}

interface Fixtures {
  /** The file's app (serveApp). */
  served: Served
  /**
   * Opens the console as `username` (signed in, in `language` if given); every session closes
   * after the test, which fails if its page threw an uncaught error.
   */
  consoleAs: (username: string, options?: Omit<ConsoleOptions, 'username'>) => Promise<ConsoleSession>
  /** A screen's playing player (openPlayer), closed after the test. */
  playerOf: (screenId: string, options?: PlayerOptions) => Promise<Page>
}

/** The database engine a project's test apps keep their data in (playwright.config.ts). */
export type Engine = 'sqlite' | 'postgres'

interface WorkerFixtures {
  /**
   * From the project's `metadata.engine`, set in the worker's environment before any hook builds
   * an app (createTestApp reads it, tests/helpers/app.ts testDatabase). A worker runs the tests of
   * one project only, so the engine never changes under a running app.
   */
  engine: Engine
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  engine: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use, workerInfo) => {
      const engine: Engine = workerInfo.project.metadata.engine === 'postgres' ? 'postgres' : 'sqlite'
      if (engine === 'postgres') process.env[TEST_ENGINE] = 'postgres'
      else delete process.env[TEST_ENGINE]
      await use(engine)
    },
    // Auto: Playwright sets a worker's automatic fixtures up before its first beforeAll hook
    // (serveApp's), even for a file whose tests never name the fixture.
    { scope: 'worker', auto: true },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  served: async ({}, use) => {
    if (!current) throw new Error('this file serves no app: call serveApp() at its top')
    await use(current)
  },
  consoleAs: async ({ browser, served }, use) => {
    const sessions: ConsoleSession[] = []
    await use(async (username, options = {}) => {
      const session = await openConsole(browser, served.base, { ...options, username })
      sessions.push(session)
      return session
    })
    for (const session of sessions) await session.close()
  },
  playerOf: async ({ browser, served }, use) => {
    const pages: Page[] = []
    await use(async (screenId, options) => {
      const page = await openPlayer(browser, served, screenId, options)
      pages.push(page)
      return page
    })
    for (const page of pages) await page.close()
  },
})
