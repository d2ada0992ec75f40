import {
  AGENT_NAMESPACE,
  type AgentConfig,
  AgentHandshake,
  AgentResult,
  AgentState,
  type AgentToServerEvents,
  agentRoom,
  type ServerToAgentEvents,
} from '@playlists/agent'
import type { Ack } from '@playlists/events'
import type { Screen } from '@playlists/schemas/screen'
import type { FastifyInstance } from 'fastify'
import type { Namespace, Socket } from 'socket.io'
import { Compile } from 'typebox/compile'
import { documentScreen } from '../publishing/compile'
import { guardNamespace, refused } from './access'

interface AgentData {
  screenId: string
  version: string
}

type AgentSocket = Socket<AgentToServerEvents, ServerToAgentEvents, Record<string, never>, AgentData>

/** A screen PC runs one agent; a second while one restarts. More is a stolen token trying its luck. */
export const AGENTS_PER_SCREEN_MAX = 2

const checkHandshake = Compile(AgentHandshake)
const checkResult = Compile(AgentResult)
const checkState = Compile(AgentState)

const replier = (ack: unknown): ((result: Ack) => void) =>
  typeof ack === 'function' ? (ack as (result: Ack) => void) : () => {}

/** The first thing wrong with a payload, for the refusal's message. */
const firstError = (errors: Iterable<{ instancePath: string; message: string }>) => {
  const [first] = errors
  return first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'
}

/** What an agent needs to know of its screen: its settings and the power plan it applies. */
export function agentConfig(app: FastifyInstance, screen: Screen): AgentConfig {
  const { timeZone, power } = documentScreen(screen, app.repos.sites.get(screen.siteId))
  return {
    screenId: screen.id,
    allowReboot: screen.allowReboot,
    screenshotIntervalMinutes: screen.screenshotIntervalMinutes,
    timeZone,
    power,
  }
}

/** Sends the screens' agents their settings again, after an admin changed them (or the site's plan). */
export function sendAgentConfig(app: FastifyInstance, screenIds: readonly string[]): void {
  const agents = app.io.of(AGENT_NAMESPACE)
  for (const id of screenIds) {
    const screen = app.repos.screens.find(id)
    if (screen) agents.to(agentRoom(id)).emit('agent:config', agentConfig(app, screen))
  }
}

/**
 * The kiosk agents' namespace. An agent connects with its screen's own token (the player's),
 * joins that screen's agent room and no other, and receives its settings at once; commands from
 * the console arrive through the room. What it reports goes into the screen's history (the audit
 * log, on the screen) and its status.
 */
export function registerAgentNamespace(app: FastifyInstance): void {
  const nsp = app.io.of(AGENT_NAMESPACE)
  const guarded = guardNamespace<AgentSocket>(app, nsp as unknown as Namespace)

  guarded.use((socket, next) => {
    const actor = socket.actor
    const screen = actor?.kind === 'screen' ? app.repos.screens.find(actor.screenId) : undefined
    if (!screen) return next(new Error('This token names no screen: pair the player again.'))
    const auth = socket.handshake.auth as unknown
    if (!checkHandshake.Check(auth)) {
      return next(
        refused(
          400,
          'socket.handshake',
          "Send { token, version } in the handshake (auth); version is the agent's, as text.",
        ),
      )
    }
    const here = [...(nsp.adapter.rooms.get(agentRoom(screen.id)) ?? [])].length
    if (here >= AGENTS_PER_SCREEN_MAX) {
      return next(
        refused(
          429,
          'screen.agents-full',
          `Screen ${screen.id} already has ${AGENTS_PER_SCREEN_MAX} agents connected: stop one, or revoke the screen's token if they are not yours.`,
          { id: screen.id, limit: AGENTS_PER_SCREEN_MAX },
        ),
      )
    }
    socket.data.screenId = screen.id
    socket.data.version = auth.version
    next()
  })

  guarded.onConnection((socket) => {
    const { screenId, version } = socket.data
    void socket.join(agentRoom(screenId))
    app.repos.agents.setConnected(screenId, true, app.clock(), version)
    app.log.info({ screenId, version }, 'kiosk agent connected')
    socket.emit('agent:config', agentConfig(app, app.repos.screens.get(screenId)))
    socket.on('disconnect', () => {
      // Another agent of the screen (a restart's overlap) may still be there, on any node.
      void nsp
        .in(agentRoom(screenId))
        .fetchSockets()
        .then(
          (left) => {
            if (left.length === 0 && app.repos.screens.find(screenId))
              app.repos.agents.setConnected(screenId, false, app.clock())
          },
          (error: unknown) => app.log.warn({ err: error, screenId }, 'could not count the agents left'),
        )
    })

    socket.on('agent:result', (payload, ack) => {
      const reply = replier(ack)
      if (!checkResult.Check(payload)) {
        reply({
          ok: false,
          code: 'socket.payload',
          msg: `agent:result: ${firstError(checkResult.Errors(payload))}`,
        })
        return
      }
      app.repos.agents.addResult(screenId, payload, app.clock())
      history(socket, `agent.command.${payload.type}`, payload.ok, payload.detail)
      reply({ ok: true })
    })

    socket.on('agent:state', (payload, ack) => {
      const reply = replier(ack)
      if (!checkState.Check(payload)) {
        reply({
          ok: false,
          code: 'socket.payload',
          msg: `agent:state: ${firstError(checkState.Errors(payload))}`,
        })
        return
      }
      app.repos.agents.setState(screenId, payload)
      const event = payload.event
      if (event) {
        const action =
          event.kind === 'healing' ? `agent.healing.${event.step ?? 'reload'}` : `agent.${event.kind}`
        history(socket, action, event.kind !== 'failure', event.detail)
        const screen = app.repos.screens.find(screenId)
        if (screen) app.alerts.agentHealing(screen, event, app.clock())
      }
      reply({ ok: true })
    })
  })

  /** One line in the screen's history, by the screen itself. */
  function history(socket: AgentSocket, action: string, ok: boolean, detail: string): void {
    const { screenId } = socket.data
    app.audit(null, {
      action,
      actor: { kind: 'screen', id: screenId, name: screenId },
      via: 'socket',
      objectType: 'screen',
      objectId: screenId,
      outcome: ok ? 'ok' : 'failed',
      ip: socket.handshake.address,
      userAgent: `gatecast-agent/${socket.data.version}`,
      detail,
    })
  }
}
