import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { SCHEMA_VERSION } from '../db/migrate'

const Health = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  schemaVersion: Type.Integer(),
  uptimeSeconds: Type.Number(),
  screens: Type.Integer(),
  playersConnected: Type.Integer(),
})

export const healthRoutes: FastifyPluginAsyncTypebox<{ version: string }> = async (app, { version }) => {
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
      const screens = app.db.prepare('SELECT count(*) FROM screens').pluck().get() as number
      return {
        status: 'ok' as const,
        version,
        schemaVersion: SCHEMA_VERSION,
        uptimeSeconds: Math.round(process.uptime()),
        screens,
        playersConnected: app.io.of('/player').sockets.size,
      }
    },
  )
}
