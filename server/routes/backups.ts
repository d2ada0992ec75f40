import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Backup, BackupList } from '@playlists/schemas/backup'
import { ErrorBody } from '@playlists/schemas/common'

const tags = ['operations']

/** Backups of the database and media: the list, and one made now. Admins only. */
export const backupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/backups',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        summary: 'The backups kept, newest first, with the schedule',
        response: { 200: BackupList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async () => ({
      directory: app.backups.dir,
      schedule: app.backups.schedule,
      keep: app.backups.keep,
      backups: await app.backups.list(),
    }),
  )

  app.post(
    '/api/backups',
    {
      config: { permission: 'settings:write', audit: 'backup.create' },
      schema: {
        tags,
        summary: 'Back up the database and media now (online: the server keeps serving)',
        response: { 201: Backup, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const manifest = await app.backups.run()
      app.audit(req, { action: 'backup.create', objectType: 'backup', objectId: manifest.name })
      return reply.code(201).send(manifest)
    },
  )
}
