import { defineConfig } from '@playwright/test'
import { CHROMIUM_PATH } from './scripts/chromium'
import { ARTIFACTS, BROWSER_ARGS } from './tests/helpers/browser'

/**
 * The browser tests: every *.spec.ts under tests/ (tests/e2e/ holds all but the timed server test),
 * in Debian's Chromium (the browser the screen PCs run; Playwright's own downloads are never
 * used). vitest runs the *.test.ts files; two of them start Chromium as the deployment does
 * (tests/deploy/tls-proxy and kiosk-display: processes and flags, not pages to drive).
 *
 * Tests tagged @timed time the player to a fraction of a second, or the server's event loop: they
 * run in their own project, one at a time, after the rest. Among parallel Chromium instances on
 * two cores a timer can fire a quarter of a second late, and that would be the machine's fault,
 * not the player's. (Benchmarks measure timing properly; these check it is right at all.)
 * Playwright runs a project's dependencies whole, whatever files are named: run one @timed file
 * with `--no-deps`.
 */
export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  // Builds the bundled player, console and server unless dist/ is fresh (scripts/test.sh built it
  // before vitest ran: the stamp says so), and warms Chromium up.
  globalSetup: './tests/global-setup.ts',
  outputDir: `${ARTIFACTS}/playwright`,
  // Two cores: more workers only make the browsers fight for CPU.
  workers: 2,
  // A flaky test is a bug to fix, not to retry past.
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A bound for a test that hangs, not a measure of speed: a new CI machine with both cores busy
  // waits for Chromium and its players to start (tests/helpers/player.ts).
  timeout: 60_000,
  // Auto-retrying assertions end as soon as they hold; the bound costs nothing when a test passes,
  // and a page on a busy two-core machine can take a second to render after a click or a push.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: BROWSER_ARGS },
    // What a failure leaves to read: the trace (every action, DOM snapshot and network request)
    // and the page as it stood, under tests/artifacts/playwright. Recorded for every test, kept for
    // the failing ones: without the screencast, which cost the most of it (a quarter of a file's
    // time measured on console-alerts) and shows no more than the DOM snapshots and the
    // screenshot at the failure.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'browser', grepInvert: /@timed/ },
    { name: 'timed', grep: /@timed/, workers: 1, dependencies: ['browser'] },
  ],
})
