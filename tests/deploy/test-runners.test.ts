import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import { beforeAll, describe, expect, it } from 'vitest'
import config, { NOT_ON_POSTGRES, ON_POSTGRES } from '../../playwright.config'
import { CHROMIUM_PATH } from '../../scripts/chromium'
import { sourceFiles } from '../helpers/imports'
import { type Listed, listPlaywright } from '../helpers/projects'

/**
 * The two test runners split the suite without a gap or an overlap: every browser test is
 * Playwright's, the browser tests drive Debian's Chromium through the same playwright-core the
 * runner traces, the chosen ones run on PostgreSQL as well, and the timed tests run alone after
 * the rest.
 */

const E2E = join(ROOT, 'tests', 'e2e')
const read = (file: string) => readFileSync(file, 'utf8')
const require = createRequire(import.meta.url)

/**
 * The tests that time the player to a fraction of a second, or the server's event loop: what
 * must run alone (see playwright.config.ts).
 */
const TIMED = [
  'tests/e2e/health.spec.ts',
  'tests/e2e/media-playback.spec.ts',
  'tests/e2e/player.spec.ts',
  'tests/e2e/schedule.spec.ts',
  'tests/e2e/sync.spec.ts',
  'tests/server/event-loop.spec.ts',
]

/** Playwright's own listing of its tests, made once: it loads every spec file. */
let listed: Listed[]
beforeAll(async () => {
  listed = await listPlaywright()
})

describe('the browser test runner', () => {
  it('pins @playwright/test to the exact playwright-core the helpers import', () => {
    const { dependencies, devDependencies } = JSON.parse(read(join(ROOT, 'package.json')))
    // Two copies would each have their own instrumentation: the runner would trace none of the
    // browsers the helpers launch. playwright-core is a runtime dependency since the server
    // renders screenshots' expected pictures with it.
    expect(devDependencies['@playwright/test']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(dependencies['playwright-core']).toBe(devDependencies['@playwright/test'])
    const installed = (name: string) => require(`${name}/package.json`).version
    expect(installed('playwright-core')).toBe(dependencies['playwright-core'])
    expect(installed('@playwright/test')).toBe(devDependencies['@playwright/test'])
  })

  it('runs every browser test, each spec file on the fixtures and none under vitest', () => {
    // tests/e2e holds browser tests only, all of them Playwright's now.
    const e2e = readdirSync(E2E).filter((f) => f.endsWith('.ts'))
    expect(e2e.length).toBeGreaterThan(40)
    expect(e2e.filter((f) => !f.endsWith('.spec.ts'))).toEqual([])
    const specs = sourceFiles('tests').filter((f) => f.endsWith('.spec.ts'))
    for (const file of specs) {
      const source = read(join(ROOT, file))
      expect(source, file).toMatch(/from '\.\.\/helpers\/fixtures'/)
      expect(source, file).not.toMatch(/from 'vitest'/)
    }
    // Playwright finds every one of them, and nothing else.
    expect([...new Set(listed.map((l) => l.file))].sort()).toEqual(specs.sort())
  })

  it('drives Debian’s Chromium, keeps traces of failures and runs the @timed tests alone, last', () => {
    expect(config.testDir).toBe('tests')
    expect(config.testMatch).toBe('**/*.spec.ts')
    expect(config.use?.launchOptions?.executablePath).toBe(CHROMIUM_PATH)
    // The DOM snapshots stay on: they are what a failing test's trace is read by.
    expect(config.use?.trace).toMatchObject({ mode: 'retain-on-failure' })
    expect(config.use?.trace).not.toMatchObject({ snapshots: false })
    const [parallel, postgres, timed] = config.projects ?? []
    expect(parallel?.grepInvert).toEqual(/@timed/)
    expect(postgres).toMatchObject({ grepInvert: /@timed/, metadata: { engine: 'postgres' } })
    // The timed tests wait for both parallel projects: they run alone, whichever finishes last.
    expect(timed).toMatchObject({
      grep: /@timed/,
      workers: 1,
      dependencies: [parallel?.name, postgres?.name],
    })
  })

  it('runs the chosen browser tests on PostgreSQL too, and says why each other one is not', () => {
    const files = (project: string) =>
      [...new Set(listed.filter((l) => l.project === project).map((l) => l.file))].sort()
    const specs = readdirSync(E2E)
      .filter((f) => f.endsWith('.spec.ts'))
      .map((f) => f.replace(/\.spec\.ts$/, ''))
    // Every browser test is one or the other, so a new spec cannot slip past the choice.
    expect([...ON_POSTGRES, ...Object.keys(NOT_ON_POSTGRES)].sort()).toEqual(specs.sort())
    expect(ON_POSTGRES.filter((name) => name in NOT_ON_POSTGRES)).toEqual([])
    for (const [name, reason] of Object.entries(NOT_ON_POSTGRES)) expect(reason, name).not.toBe('')
    // Playwright runs exactly those files there, with the same tests as on SQLite.
    expect(files('postgres')).toEqual(ON_POSTGRES.map((name) => `tests/e2e/${name}.spec.ts`).sort())
    const count = (project: string, file: string) =>
      listed.filter((l) => l.project === project && l.file === file).length
    for (const file of files('postgres')) expect(count('postgres', file), file).toBe(count('browser', file))
    // No timed test runs on PostgreSQL: those run alone, once (see NOT_ON_POSTGRES).
    expect(files('postgres').filter((f) => TIMED.includes(f))).toEqual([])
  })

  it('runs the timed tests in the timed project, every test of theirs and nothing else', () => {
    const files = (project: string) => [
      ...new Set(listed.filter((l) => l.project === project).map((l) => l.file)),
    ]
    expect(files('timed').sort()).toEqual(TIMED)
    // No test of a timed file runs among the parallel ones, so none can fail for the machine's sake.
    expect(files('browser').filter((f) => TIMED.includes(f))).toEqual([])
  })

  it('is what npm run test:browser and scripts/test.sh start, after vitest', () => {
    const { scripts } = JSON.parse(read(join(ROOT, 'package.json'))) as { scripts: Record<string, string> }
    expect(scripts['test:browser']).toBe('playwright test')
    const script = read(join(ROOT, 'scripts', 'test.sh'))
    // One build for both runners, before either.
    const [prepare, vitest, playwright] = [
      'npx tsx tests/prepare.ts',
      'npx vitest run',
      'npx playwright test',
    ]
    expect(script.indexOf(prepare)).toBeGreaterThan(0)
    expect(script.indexOf(vitest)).toBeGreaterThan(script.indexOf(prepare))
    expect(script.indexOf(playwright)).toBeGreaterThan(script.indexOf(vitest))
  })
})
