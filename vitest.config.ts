import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests migrated to @playwright/test are named *.spec.ts and run by `npx playwright
    // test` (playwright.config.ts): never by vitest, whose runner cannot host them.
    exclude: [...configDefaults.exclude, 'tests/**/*.spec.ts'],
    globalSetup: ['tests/global-setup.ts'],
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
  },
})
