import { PG_MIGRATIONS } from '@server/db/postgres/migrations'
import { openPostgres } from '@server/db/postgres/open'
import type { TestProject } from 'vitest/node'
import { startPostgres, type TestPostgres } from './helpers/postgres'

/**
 * The set-up of the projects on PostgreSQL (`api-postgres`, `realtime-postgres`): one real
 * PostgreSQL for the whole run, with a template database migrated once, so that each test app
 * gets its own fresh database (a copy of the template: milliseconds, where migrating takes a
 * second) through tests/helpers/app.ts.
 */
export const TEMPLATE = 'gatecast_template'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's maintenance database address and the template's name; absent on SQLite. */
    postgres: { admin: string; template: string } | undefined
  }
}

/**
 * vitest runs a global set-up once per project that names it, each in its own module graph: the
 * server is kept on globalThis (one vitest process) so both projects share it, and stopped when
 * the last of them tears down.
 */
interface Shared {
  server: Promise<TestPostgres>
  users: number
}

/** A real PostgreSQL with the template database migrated, for either runner's set-up. */
export async function startMigrated(): Promise<TestPostgres> {
  const server = await startPostgres()
  const template = await openPostgres(await server.createDatabase(TEMPLATE), { migrations: PG_MIGRATIONS })
  template.close()
  return server
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const global = globalThis as { gatecastPostgres?: Shared }
  global.gatecastPostgres ??= { server: startMigrated(), users: 0 }
  const shared = global.gatecastPostgres
  shared.users++
  const server = await shared.server
  project.provide('postgres', { admin: server.urlOf('postgres'), template: TEMPLATE })
  return async () => {
    if (--shared.users > 0) return
    global.gatecastPostgres = undefined
    await server.stop()
  }
}
