import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import { describe, expect, it } from 'vitest'
import config from '../../playwright.config'
import { CHROMIUM_PATH } from '../../scripts/chromium'

/**
 * The two test runners split the suite without a gap or an overlap: each browser test file is run
 * by exactly one of them, the browser tests drive Debian's Chromium through the same
 * playwright-core the runner traces, and the timing tests run alone after the rest.
 */

const E2E = join(ROOT, 'tests', 'e2e')
const read = (file: string) => readFileSync(file, 'utf8')
const require = createRequire(import.meta.url)

describe('the browser test runner', () => {
  it('pins @playwright/test to the exact playwright-core the helpers import', () => {
    const { devDependencies } = JSON.parse(read(join(ROOT, 'package.json')))
    // Two copies would each have their own instrumentation: the runner would trace none of the
    // browsers the helpers launch.
    expect(devDependencies['@playwright/test']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(devDependencies['playwright-core']).toBe(devDependencies['@playwright/test'])
    const installed = (name: string) => require(`${name}/package.json`).version
    expect(installed('playwright-core')).toBe(devDependencies['playwright-core'])
    expect(installed('@playwright/test')).toBe(devDependencies['@playwright/test'])
  })

  it('runs each browser test file under exactly one runner', () => {
    const files = readdirSync(E2E).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(30)
    for (const file of files) {
      const source = read(join(E2E, file))
      if (file.endsWith('.spec.ts')) {
        expect(source, file).toMatch(/from '\.\.\/helpers\/fixtures'/)
        expect(source, file).not.toMatch(/from 'vitest'/)
      } else {
        // vitest's include is *.test.ts: a file named otherwise would run under neither.
        expect(file).toMatch(/\.test\.ts$/)
        expect(source, file).toMatch(/from 'vitest'/)
      }
    }
  })

  it('drives Debian’s Chromium, keeps traces of failures and runs the @timed tests alone, last', () => {
    expect(config.testMatch).toBe('**/*.spec.ts')
    expect(config.use?.launchOptions?.executablePath).toBe(CHROMIUM_PATH)
    // The DOM snapshots stay on: they are what a failing test's trace is read by.
    expect(config.use?.trace).toMatchObject({ mode: 'retain-on-failure' })
    expect(config.use?.trace).not.toMatchObject({ snapshots: false })
    const [parallel, timed] = config.projects ?? []
    expect(parallel?.grepInvert).toEqual(/@timed/)
    expect(timed).toMatchObject({ grep: /@timed/, workers: 1, dependencies: [parallel?.name] })
  })
})
