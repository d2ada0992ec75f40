import fp from 'fastify-plugin'
import { type ComputeOptions, ComputePool } from '../compute/pool'

declare module 'fastify' {
  interface FastifyInstance {
    /** Worker threads for work that grows with a range or the data (server/compute/pool.ts). */
    compute: ComputePool
  }
}

export type ComputeSettings = Omit<ComputeOptions, 'databaseFile'>

/** The compute pool over the app's database file; workers start on the first job and stop with the app. */
export const computePlugin = fp<ComputeSettings>(
  async (app, settings) => {
    const pool = new ComputePool({ ...settings, databaseFile: app.db.name })
    app.decorate('compute', pool)
    app.addHook('onClose', async () => {
      await pool.close()
    })
  },
  { name: 'compute', dependencies: ['db'] },
)
