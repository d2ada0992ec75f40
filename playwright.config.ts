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
 *
 * The `postgres` project runs the specs of ON_POSTGRES again with every test app on PostgreSQL
 * (issue 21): one server started by tests/e2e-postgres-setup.ts, each file's app on its own copy
 * of a migrated template. Not every spec: CI runs on two cores within a time limit, so the ones
 * that go through the database paths that differ between the engines (publishing, approvals,
 * media, schedules, plays and reports, screenshots, pages listing data) run on both, and each
 * other one is named in NOT_ON_POSTGRES with why once on SQLite is enough. `--project browser`
 * runs a file on SQLite only.
 */
/** The browser tests run on PostgreSQL as well as on SQLite (the `postgres` project). */
export const ON_POSTGRES = [
  // Publishing end to end through the console: upload, playlist, schedule, four-eyes approval,
  // the player showing it, the live mirror and the report counting its plays.
  'journey',
  'console-approvals',
  'console-approvals-reach',
  'console-approvals-rollback',
  // Upload, the library's search, tag filter and pages, and a delete refused while in use.
  'console-media',
  'console-playlists',
  'console-schedule',
  'console-reports',
  // Plays written exactly once across outages and a server restart (conflicts on insert).
  'proof-of-play',
  'screenshots',
  // Every page listing the seeded data.
  'console-pages',
  // The audit log's filters, pages and CSV export.
  'console-users-audit',
  'console-screens',
  'pairing',
  'console-datasets',
  'dataset-items',
  'console-feeds',
  'feed-items',
  'console-sources-delete',
  'console-emergency',
  'cap-alert',
  'console-alerts',
]

/** Why each other browser test runs on SQLite only: what it checks does not depend on the engine. */
export const NOT_ON_POSTGRES: Record<string, string> = {
  'console-approvals-shapes': 'draws the rows console-approvals-reach reads, at other panel shapes',
  'console-cap-sources': 'a source form and a feed setting: the same rows as console-alerts and cap-alert',
  'console-drafts': 'what a person typed is kept in the browser, not on the server',
  'console-error-codes': 'how the page words a refusal code; the code is the same on both engines',
  'console-favicon': 'a static file and a header',
  'console-forms-more': 'the form kit marking fields from refusals that are decided before any query',
  'console-forms-pages': 'the form kit marking fields from refusals that are decided before any query',
  'console-forms-sources': 'the form kit marking fields from refusals that are decided before any query',
  'console-forms': 'the form kit marking fields from refusals that are decided before any query',
  'console-language': 'the console’s own words in three languages; console-pages lists the data on both',
  'console-layouts': 'the drawing of a layout’s zones; the layout is saved as one document',
  'console-legibility': 'the fitter’s findings, computed in the page from the playlist',
  'console-lunar': 'lunar dates converted in the page; the entry is stored as console-schedule’s',
  'console-notices': 'where a notice sits on the page',
  'console-preview': 'the player’s renderers in the page; the document comes as journey’s mirror does',
  'console-search': 'the search field’s accessibility; console-media searches the server on both',
  'console-shell': 'sign-in, navigation and the language switch',
  'console-submit-refusal': 'refusals decided from the submitted playlist before any query',
  'kiosk-agent-console': 'a socket conversation with the agent, kept in memory',
  content: 'how the player draws each content kind from its document',
  fonts: 'glyphs drawn by the player',
  'gate-screens': 'pictures of each screen size; the feed, dataset and alert paths run in their own specs',
  lunar: 'the player’s own clock and calendar',
  'nothing-blank': 'what the player does with a document it cannot play',
  'offline-server-gone': 'the player’s service worker and cache, with the server stopped',
  'offline-swap': 'the player’s service worker and cache',
  'player-storage': 'the browser’s storage estimate in a heartbeat',
  'power-plan': 'the player dimming its own output by its clock',
  'readme-examples':
    'the bundled server as `npm start` runs it, on SQLite (the PostgreSQL nodes run in tests/postgres)',
  'security-headers': 'headers and the Content-Security-Policy',
  'server-time': 'the player’s clock offset across a server restart',
  'video-cuts': 'the compositor’s frames at video cuts',
  // @timed: these time the player or the event loop and must run alone, after the rest; a second
  // run of each would lengthen the part of CI that cannot use both cores.
  health: '@timed; the heartbeats it reads are listed by console-screens on both',
  'media-playback': '@timed; uploads are console-media’s and journey’s on both',
  player: '@timed; publishing without a reload is journey’s on both',
  schedule: '@timed; schedule entries are console-schedule’s on both',
  sync: '@timed; the timeline is computed from the same document on both',
}

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  // Builds the bundled player, console and server unless dist/ is fresh (scripts/test.sh built it
  // before vitest ran: the stamp says so), and warms Chromium up.
  // Then a PostgreSQL with a migrated template for the `postgres` project.
  globalSetup: ['./tests/global-setup.ts', './tests/e2e-postgres-setup.ts'],
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
    {
      name: 'postgres',
      testMatch: ON_POSTGRES.map((name) => `**/e2e/${name}.spec.ts`),
      grepInvert: /@timed/,
      metadata: { engine: 'postgres' },
    },
    { name: 'timed', grep: /@timed/, workers: 1, dependencies: ['browser', 'postgres'] },
  ],
})
