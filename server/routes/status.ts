import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { screensApi } from '@playlists/api/places'
import { type Command, PLAYER_NAMESPACE, screenRoom } from '@playlists/events'
import { ErrorBody, IdParams } from '@playlists/schemas/common'
import { ScreenStatus } from '@playlists/schemas/status'
import { conflict, notFound } from '../errors'
import { schemaOf } from './contract'

const tags = ['screens']

export const statusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { screens, status } = app.repos

  app.get(
    screensApi.statuses.path,
    {
      config: { permission: 'preview' },

      schema: schemaOf(
        screensApi.statuses,
        {},
        { tags, summary: 'Every screen: online or offline, last seen, version applied, last health report' },
      ),
    },
    async () => status.list(),
  )

  app.get(
    '/api/screens/:id/status',
    {
      config: { permission: 'preview' },

      schema: { tags, params: IdParams, response: { 200: ScreenStatus, 404: ErrorBody } },
    },
    async (req) => {
      const found = status.find(req.params.id)
      if (!found) throw notFound('screen.not-found', 'Screen', req.params.id)
      return found
    },
  )

  app.post(
    screensApi.command.path,
    {
      config: { permission: 'screens:operate', audit: 'screen.command' },

      schema: schemaOf(
        screensApi.command,
        { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        {
          tags,
          summary: 'Send a command to the screen’s player: reload, identify or clear-cache',
          description:
            'Delivered at once to the connected player; refused (409) when no player is connected.',
        },
      ),
    },
    async (req, reply) => {
      const screen = screens.get(req.params.id)
      const room = app.io.of(PLAYER_NAMESPACE).to(screenRoom(screen.id))
      const sockets = await room.fetchSockets()
      if (sockets.length === 0) {
        throw conflict(
          'screen.no-player',
          `Screen "${screen.id}" has no player connected; the command would be lost.`,
          undefined,
          { id: screen.id },
        )
      }
      const command: Command = { id: randomUUID(), type: req.body.type, name: screen.name }
      room.emit('command', command)
      req.log.info({ screenId: screen.id, command: command.type }, 'command sent to screen')
      return reply.code(202).send({ id: command.id, type: command.type, delivered: sockets.length })
    },
  )
}
