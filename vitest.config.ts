import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import { ABSOLUTE_ALIASES } from './tests/helpers/aliases'

/**
 * Every *.test.ts file belongs to exactly one project, by what it starts
 * (tests/deploy/projects.test.ts holds the config to that): `unit` starts nothing (no server,
 * browser, Redis or socket), `api` builds the app (app.inject) or listens, `realtime` connects
 * socket.io clients or Redis. A folder's glob takes its files; a file that starts more than its
 * folder's kind is named in its own project and excluded from the folder's. The browser tests and
 * the timed ones are @playwright/test's (*.spec.ts, playwright.config.ts).
 */

/**
 * The deployment run for real, beside its files in tests/deploy: Caddy before the listening server
 * (tls-proxy), the kiosk's launch script and X session with a page served from here
 * (kiosk-display). They start Chromium as the deployment does, by its flags and processes, rather
 * than drive pages: vitest's, with the servers that listen.
 */
const DEPLOYMENT_RUNS = [
  'tests/deploy/kiosk-agent.test.ts',
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
  'tests/console/refusal-params.test.ts',
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
  'tests/cap/decide.test.ts',
  'tests/cap/document.test.ts',
  'tests/alerts/queries.test.ts',
  'tests/feeds/on-air.test.ts',
  'tests/feeds/parse.test.ts',
  'tests/outbound/addresses.test.ts',
  'tests/server/config.test.ts',
  'tests/server/connection-limits.test.ts',
  'tests/server/fresh-cache.test.ts',
  'tests/server/heap.test.ts',
  'tests/server/job-lease.test.ts',
  'tests/server/jobs-dialect.test.ts',
  'tests/server/leases.test.ts',
  'tests/server/migrate-approvals.test.ts',
  'tests/server/migrate-datasets.test.ts',
  'tests/server/migrate-deleted-ids.test.ts',
  'tests/server/migrate-deleted-sources.test.ts',
  'tests/server/migrate-feeds.test.ts',
  'tests/server/migrate-feed-items.test.ts',
  'tests/server/migrate-legibility.test.ts',
  'tests/server/migrate-screenshots.test.ts',
  'tests/screenshots/classify.test.ts',
  'tests/screenshots/expectation.test.ts',
  'tests/server/reports-uptime.test.ts',
  'tests/server/repository-errors.test.ts',
  'tests/server/schema-compilers.test.ts',
  'tests/server/target-reach.test.ts',
  'tests/server/timeline-answer.test.ts',
]

/**
 * Files of the API and realtime folders that do not run again on PostgreSQL (issue 21): none so
 * far. A test about SQLite itself (its query plans, pragmas, its file) stays in its file and is
 * skipped on PostgreSQL beside its reason (tests/helpers/engine.ts).
 */
const NOT_ON_POSTGRES: string[] = []

/**
 * Builds the bundled server, player and console unless dist/ is fresh, and warms Chromium up: what
 * every project but `unit` runs against. The set-up runs once per vitest run however many projects
 * name it.
 */
const BUILT = ['tests/global-setup.ts']

/** One real PostgreSQL for the run, with the migrated template (shared by the projects that name it). */
const POSTGRES = 'tests/postgres-setup.ts'

/** The API folder's tests that connect sockets: the realtime projects' on both engines. */
const API_SOCKETS = SOCKETS_ELSEWHERE.filter((f) => f.startsWith('tests/api/'))

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
    // A bound for a test that hangs, not a measure of speed: a test on a new CI machine with both
    // cores busy waits for the bundled server, Redis or (tls-proxy) Chromium to start.
    testTimeout: 60_000,
    // expect.poll's own default is one second, which a busy two-core machine can take to answer a
    // push; a poll ends as soon as it holds, so the bound costs nothing when the test passes.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Two cores: more workers only make the servers the tests start fight for CPU.
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
        { exclude: [...SERVERS_ELSEWHERE, ...DEPLOYMENT_RUNS] },
      ),
      project(
        'api',
        [
          'tests/api/**/*.test.ts',
          'tests/auth/**/*.test.ts',
          'tests/fuzz/**/*.test.ts',
          'tests/postgres/**/*.test.ts',
          ...SERVERS_ELSEWHERE,
          ...DEPLOYMENT_RUNS,
        ],
        {
          exclude: SOCKETS_ELSEWHERE,
          globalSetup: BUILT,
        },
      ),
      project('realtime', ['tests/realtime/**/*.test.ts', ...SOCKETS_ELSEWHERE], { globalSetup: BUILT }),
      // The API and realtime tests again with the data in PostgreSQL (tests/helpers/app.ts), the
      // engine's second run: each test app on its own database, copied from a template.
      project('api-postgres', ['tests/api/**/*.test.ts'], {
        exclude: [...SOCKETS_ELSEWHERE, ...NOT_ON_POSTGRES],
        globalSetup: [...BUILT, POSTGRES],
        env: { GATECAST_TEST_ENGINE: 'postgres' },
      }),
      project('realtime-postgres', ['tests/realtime/**/*.test.ts', ...API_SOCKETS], {
        exclude: NOT_ON_POSTGRES,
        globalSetup: [...BUILT, POSTGRES],
        env: { GATECAST_TEST_ENGINE: 'postgres' },
      }),
    ],
  },
})
