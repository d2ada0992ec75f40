import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import { openDatabase } from '../db/open'
import type { Store } from '../db/store'

declare module 'fastify' {
  interface FastifyInstance {
    db: Store
  }
}

export const DATABASE_FILE = 'gatecast.sqlite'

/** Opens `<dataDir>/gatecast.sqlite`, migrating it on the way, and closes it with the app. */
export const dbPlugin = fp<{ dataDir: string }>(
  async (app, { dataDir }) => {
    mkdirSync(dataDir, { recursive: true })
    const db = openDatabase(join(dataDir, DATABASE_FILE), {
      onBackup: (path, version) =>
        app.log.warn({ backup: path, fromVersion: version }, 'upgrading the database; backed it up first'),
    })
    app.decorate('db', db)
    app.addHook('onClose', async () => {
      db.close()
    })
  },
  { name: 'db' },
)
