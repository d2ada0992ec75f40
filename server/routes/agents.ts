import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AGENT_NAMESPACE, type AgentCommand, agentRoom } from '@playlists/agent'
import { screensApi } from '@playlists/api/places'
import { ErrorBody } from '@playlists/schemas/common'
import { conflict, notFound } from '../errors'
import { schemaOf } from './contract'

const tags = ['screens']

/** The console's side of the kiosk agent: its status, and commands sent through its socket. */
export const agentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { screens, agents } = app.repos

  app.get(
    screensApi.agent.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(
        screensApi.agent,
        { 404: ErrorBody },
        { tags, summary: "The screen PC's kiosk agent" },
      ),
    },
    async (req) => {
      const found = agents.find(req.params.id)
      if (!found) throw notFound('screen.not-found', 'Screen', req.params.id)
      return found
    },
  )

  app.post(
    screensApi.agentCommand.path,
    {
      config: { permission: 'screens:operate', audit: 'screen.agent-command' },
      schema: schemaOf(
        screensApi.agentCommand,
        { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        {
          tags,
          summary: "Send a command to the screen PC's kiosk agent",
          description:
            'Delivered at once to the connected agent, which reports the result into the screen’s history; ' +
            'refused (409) when no agent is connected, or for a reboot the screen does not allow.',
        },
      ),
    },
    async (req, reply) => {
      const screen = screens.get(req.params.id)
      if (req.body.type === 'reboot' && !screen.allowReboot) {
        throw conflict(
          'screen.reboot-not-allowed',
          `Screen "${screen.id}" does not allow its PC to be rebooted: set allowReboot on the screen first.`,
          undefined,
          { id: screen.id },
        )
      }
      const room = app.io.of(AGENT_NAMESPACE).to(agentRoom(screen.id))
      const sockets = await room.fetchSockets()
      if (sockets.length === 0) {
        throw conflict(
          'screen.no-agent',
          `Screen "${screen.id}" has no kiosk agent connected; the command would be lost.`,
          undefined,
          { id: screen.id },
        )
      }
      const command: AgentCommand = { ...req.body, id: randomUUID() }
      room.emit('agent:command', command)
      req.log.info({ screenId: screen.id, command: command.type }, 'command sent to kiosk agent')
      return reply.code(202).send({ id: command.id, type: command.type, delivered: sockets.length })
    },
  )
}
