import fp from 'fastify-plugin'
import { type ComputeOptions, ComputePool } from '../compute/pool'
import { PostgresStore } from '../db/postgres/store'

declare module 'fastify' {
  interface FastifyInstance {
    /** Worker threads for work that grows with a range or the data (server/compute/pool.ts). */
    compute: ComputePool
  }
}

export type ComputeSettings = Omit<ComputeOptions, 'databaseFile' | 'postgres'>

/** The compute pool over the app's database (SQLite's file, or PostgreSQL); workers start on the first job and stop with the app. */
export const computePlugin = fp<ComputeSettings>(
  async (app, settings) => {
    const db = app.db
    const pool = new ComputePool({
      ...settings,
      databaseFile: db.name,
      postgres: db instanceof PostgresStore ? db.connection : undefined,
    })
    app.decorate('compute', pool)
    app.addHook('onClose', async () => {
      await pool.close()
    })
  },
  { name: 'compute', dependencies: ['db'] },
)
