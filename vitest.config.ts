import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import { ABSOLUTE_ALIASES } from './tests/helpers/aliases'

/**
 * Every test file belongs to exactly one project, by what it starts (tests/deploy/projects.test.ts
 * holds the config to that): `unit` starts nothing (no server, browser, Redis or socket), `api`
 * builds the app (app.inject) or listens, `realtime` connects socket.io clients or Redis, `e2e`
 * drives Chromium, `timed` times the player or the event loop and runs alone. A folder's glob takes
 * its files; a file that starts more than its folder's kind is named in its own project and
 * excluded from the folder's.
 */

/**
 * Tests that time the player to a fraction of a second, or the server's event loop. They run alone,
 * after the rest: among parallel Chromium instances on two cores a timer can fire a quarter of a
 * second late, and that would be the machine's fault, not the player's or the server's.
 * (Benchmarks measure timing properly; these check it is right at all.)
 */
export const TIMED = [
  'tests/e2e/health.test.ts',
  'tests/e2e/player.test.ts',
  'tests/e2e/schedule.test.ts',
  'tests/e2e/sync.test.ts',
  'tests/e2e/media-playback.test.ts',
  'tests/server/event-loop.test.ts',
]

/** Browser tests outside tests/e2e, beside the code they check. */
const BROWSER_ELSEWHERE = [
  'tests/alerts/player-storage.test.ts',
  'tests/deploy/kiosk-display.test.ts',
  'tests/deploy/tls-proxy.test.ts',
]

/** Tests outside tests/realtime that connect a socket.io client or start Redis. */
const SOCKETS_ELSEWHERE = [
  'tests/api/alerts.test.ts',
  'tests/auth/sockets.test.ts',
  'tests/fuzz/sockets.fuzz.test.ts',
  'tests/server/crash-safety.test.ts',
  'tests/server/hostile-screen.test.ts',
  'tests/server/slow-clients.test.ts',
]

/** Tests outside the API folders that build the app, listen, or run the bundled server. */
const SERVERS_ELSEWHERE = [
  'tests/console/console-media-refusals.test.ts',
  'tests/console/deleted-id-message.test.ts',
  'tests/console/error-codes.test.ts',
  'tests/media/store-sweep.test.ts',
  'tests/outbound/request.test.ts',
  'tests/server/backup-inspection.test.ts',
  'tests/server/backup-manifest.test.ts',
  'tests/server/backup.test.ts',
  // Starts the bundled server's worker from dist/, which only the api project's set-up builds.
  'tests/server/compute-pool.test.ts',
  'tests/server/delivery-slices.test.ts',
  'tests/server/document-programmes.test.ts',
  'tests/server/logging.test.ts',
  'tests/server/main.test.ts',
  'tests/server/metrics.test.ts',
  'tests/server/migrate-foreign-tokens.test.ts',
  'tests/server/migrate.test.ts',
  'tests/server/rate-limit.test.ts',
  'tests/server/store.test.ts',
  'tests/server/upgrade.test.ts',
]

/** Server modules checked without a server: pure functions, SQL over an in-memory database. */
const SERVER_UNITS = [
  'tests/alerts/evaluate.test.ts',
  'tests/alerts/queries.test.ts',
  'tests/outbound/addresses.test.ts',
  'tests/server/config.test.ts',
  'tests/server/connection-limits.test.ts',
  'tests/server/fresh-cache.test.ts',
  'tests/server/heap.test.ts',
  'tests/server/jobs-dialect.test.ts',
  'tests/server/migrate-approvals.test.ts',
  'tests/server/migrate-deleted-ids.test.ts',
  'tests/server/migrate-legibility.test.ts',
  'tests/server/reports-uptime.test.ts',
  'tests/server/repository-errors.test.ts',
  'tests/server/schema-compilers.test.ts',
  'tests/server/target-reach.test.ts',
  'tests/server/timeline-answer.test.ts',
]

/**
 * Builds the bundled server, player and console, and warms Chromium up: what every project but
 * `unit` runs against. The set-up runs once per vitest run however many projects name it.
 */
const BUILT = ['tests/global-setup.ts']

const project = (
  name: string,
  include: string[],
  test: TestProjectInlineConfiguration['test'] = {},
): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, include, ...test, exclude: [...configDefaults.exclude, ...(test.exclude ?? [])] },
})

export default defineConfig({
  // The compiler's aliases (tsconfig.base.json), one table for both.
  resolve: { alias: ABSOLUTE_ALIASES },
  test: {
    // A bound for a test that hangs, not a measure of speed: a browser test on a new CI machine
    // with both cores busy waits for Chromium and its players to start (tests/helpers/player.ts).
    testTimeout: 60_000,
    // expect.poll's own default is one second, which a page on a busy two-core machine can take to
    // render after a click or a push; a poll ends as soon as it holds, so the bound costs nothing
    // when the test passes. Tests that claim a time ("within a second") give their own.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Two cores: more workers only make the browser tests fight for CPU.
    maxWorkers: 2,
    projects: [
      project(
        'unit',
        [
          'tests/playlists/**/*.test.ts',
          'tests/console/**/*.test.ts',
          'tests/player/**/*.test.ts',
          'tests/deploy/**/*.test.ts',
          'tests/media/**/*.test.ts',
          ...SERVER_UNITS,
        ],
        { exclude: [...SERVERS_ELSEWHERE, ...BROWSER_ELSEWHERE] },
      ),
      project(
        'api',
        [
          'tests/api/**/*.test.ts',
          'tests/auth/**/*.test.ts',
          'tests/fuzz/**/*.test.ts',
          ...SERVERS_ELSEWHERE,
        ],
        {
          exclude: SOCKETS_ELSEWHERE,
          globalSetup: BUILT,
        },
      ),
      project('realtime', ['tests/realtime/**/*.test.ts', ...SOCKETS_ELSEWHERE], { globalSetup: BUILT }),
      project('e2e', ['tests/e2e/**/*.test.ts', ...BROWSER_ELSEWHERE], {
        exclude: TIMED,
        globalSetup: BUILT,
      }),
      // After every other project, one file at a time (see TIMED).
      project('timed', TIMED, { globalSetup: BUILT, maxWorkers: 1, sequence: { groupOrder: 1 } }),
    ],
  },
})
