import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { isoAt } from '../clock'
import { FreshCache } from '../db/fresh-cache'
import { SCHEMA_VERSION } from '../db/migrate'

const Health = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  schemaVersion: Type.Integer(),
  uptimeSeconds: Type.Number(),
  screens: Type.Integer(),
  playersConnected: Type.Integer(),
  jobs: Type.Object(
    {
      leaseHeld: Type.Boolean({
        description: 'Whether this node holds the jobs lease, and so runs the jobs',
      }),
      holder: Type.Union([
        // No host name or pid: this answer is public. The node that takes the lease logs it.
        Type.Object({
          node: Type.String({ description: "The holding process's id, random per start" }),
          expiresAt: Type.String({ format: 'date-time', description: 'Unless renewed before' }),
        }),
        Type.Null(),
      ]),
    },
    {
      description:
        'The background jobs and scheduled backups run on the node holding the jobs lease; none while nobody holds it (see README "More than one node")',
    },
  ),
})

export const healthRoutes: FastifyPluginAsyncTypebox<{ version: string }> = async (app, { version }) => {
  // Read again only once the database changed. Checking that is itself a read (SQLite's
  // data_version; a round trip on PostgreSQL), so a 200 still says the database answers.
  const counted = new FreshCache<number>(app.db.generation, 1)
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and basic figures; 200 when the database answers',
        response: { 200: Health },
      },
    },
    async () => {
      const screens = counted.get(
        'screens',
        () => app.db.prepare('SELECT count(*) FROM screens').pluck().get() as number,
      )
      const { held, holder } = app.jobLease.state()
      return {
        status: 'ok' as const,
        version,
        schemaVersion: SCHEMA_VERSION,
        uptimeSeconds: Math.round(process.uptime()),
        screens,
        playersConnected: app.io.of('/player').sockets.size,
        jobs: {
          leaseHeld: held,
          holder: holder && {
            node: holder.id,
            expiresAt: isoAt(holder.expiresAt),
          },
        },
      }
    },
  )
}
