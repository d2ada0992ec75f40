import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import { openDatabase } from '../db/open'
import { PG_MIGRATIONS } from '../db/postgres/migrations'
import { openPostgres } from '../db/postgres/open'
import type { Store } from '../db/store'

declare module 'fastify' {
  interface FastifyInstance {
    db: Store
  }
}

export const DATABASE_FILE = 'gatecast.sqlite'

/**
 * Opens the database, migrating it on the way, and closes it with the app: PostgreSQL at
 * `databaseUrl` when one is given, otherwise `<dataDir>/gatecast.sqlite`.
 */
export const dbPlugin = fp<{ dataDir: string; databaseUrl?: string }>(
  async (app, { dataDir, databaseUrl }) => {
    mkdirSync(dataDir, { recursive: true })
    const db: Store = databaseUrl
      ? await openPostgres(databaseUrl, {
          migrations: PG_MIGRATIONS,
          applicationName: `gatecast ${hostname()} ${process.pid}`,
        })
      : openDatabase(join(dataDir, DATABASE_FILE), {
          onBackup: (path, version) =>
            app.log.warn(
              { backup: path, fromVersion: version },
              'upgrading the database; backed it up first',
            ),
        })
    app.decorate('db', db)
    app.addHook('onClose', async () => {
      db.close()
    })
  },
  { name: 'db' },
)
