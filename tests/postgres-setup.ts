import { PG_MIGRATIONS } from '@server/db/postgres/migrations'
import { openPostgres } from '@server/db/postgres/open'
import type { TestProject } from 'vitest/node'
import { startPostgres } from './helpers/postgres'

/**
 * The `api-postgres` project's set-up: one real PostgreSQL for the whole run, with a template
 * database migrated once, so that each test app gets its own fresh database (a copy of the
 * template: milliseconds, where migrating takes a second) through tests/helpers/app.ts.
 */
export const TEMPLATE = 'gatecast_template'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's maintenance database address and the template's name; absent on SQLite. */
    postgres: { admin: string; template: string } | undefined
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres()
  const template = await openPostgres(await server.createDatabase(TEMPLATE), { migrations: PG_MIGRATIONS })
  template.close()
  project.provide('postgres', { admin: server.urlOf('postgres'), template: TEMPLATE })
  return () => server.stop()
}
