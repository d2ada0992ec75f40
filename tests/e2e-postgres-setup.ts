import { POSTGRES_ENV } from './helpers/app'
import { startMigrated, TEMPLATE } from './postgres-setup'

/**
 * Playwright's second global set-up, for its `postgres` project (playwright.config.ts): one real
 * PostgreSQL for the whole run with a template database migrated once, as tests/postgres-setup.ts
 * makes for vitest's PostgreSQL projects. Playwright's workers are started after this and inherit
 * its environment, so the address and the template's name reach them there (POSTGRES_ENV); each
 * test file's app then gets its own copy of the template (tests/helpers/app.ts testDatabase).
 * Started whichever projects run: Playwright hands this set-up the configuration, not the
 * projects chosen on the command line, and the start costs about two seconds.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startMigrated()
  process.env[POSTGRES_ENV] = JSON.stringify({ admin: server.urlOf('postgres'), template: TEMPLATE })
  return async () => {
    delete process.env[POSTGRES_ENV]
    await server.stop()
  }
}
