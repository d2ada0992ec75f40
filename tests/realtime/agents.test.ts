import { AGENT_NAMESPACE, type AgentCommand, type AgentConfig } from '@playlists/agent'
import { io, type Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'
import { listen } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

/**
 * The kiosk agent's channel (server/realtime/agents.ts) and the console's route to it: an agent
 * connects with its screen's token, receives its settings, is sent the console's commands, and
 * what it reports lands in the screen's status and history.
 */

let t: TestApp
let base: string
const sockets: Socket[] = []

interface TestAgent {
  socket: Socket
  configs: AgentConfig[]
  commands: AgentCommand[]
}

function agent(token: string, auth: Record<string, unknown> = { version: 'test' }): Promise<TestAgent> {
  const socket = io(`${base}${AGENT_NAMESPACE}`, {
    auth: { token, ...auth },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  })
  sockets.push(socket)
  const a: TestAgent = { socket, configs: [], commands: [] }
  socket.on('agent:config', (c: AgentConfig) => a.configs.push(c))
  socket.on('agent:command', (c: AgentCommand) => a.commands.push(c))
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(a))
    socket.once('connect_error', reject)
  })
}

const command = (screenId: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/api/screens/${screenId}/agent-commands`, payload: body })

beforeEach(async () => {
  t = await createTestApp()
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  await seedMinimal(t.app, 'screen-b', 'pl-b')
  base = await listen(t)
})
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect()
  await t.close()
})

describe('the screen settings the agent follows', () => {
  it('defaults to no reboot and a screenshot every 10 minutes, and a PUT without them keeps them', async () => {
    expect(t.app.repos.screens.get('screen-a')).toMatchObject({
      allowReboot: false,
      screenshotIntervalMinutes: 10,
    })
    const { createdAt: _c, updatedAt: _u, ...screen } = t.app.repos.screens.get('screen-a')
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/screens/screen-a',
      payload: { ...screen, allowReboot: true, screenshotIntervalMinutes: 0 },
    })
    expect(set.statusCode).toBe(200)
    expect(set.json()).toMatchObject({ allowReboot: true, screenshotIntervalMinutes: 0 })
    const { allowReboot: _a, screenshotIntervalMinutes: _s, ...without } = screen
    const kept = await t.app.inject({ method: 'PUT', url: '/api/screens/screen-a', payload: without })
    expect(kept.json()).toMatchObject({ allowReboot: true, screenshotIntervalMinutes: 0 })
  })

  it('refuses an interval past a day, naming the field', async () => {
    const { createdAt: _c, updatedAt: _u, ...screen } = t.app.repos.screens.get('screen-a')
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/screens/screen-a',
      payload: { ...screen, screenshotIntervalMinutes: 1441 },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain('screenshotIntervalMinutes')
  })
})

describe('realtime: kiosk agents', () => {
  it('receives its screen’s settings and power plan on connect, and again when an admin changes them', async () => {
    const a = await agent(screenToken(t.app, 'screen-a'))
    await until(() => a.configs.length === 1, 5_000, 'config')
    expect(a.configs[0]).toMatchObject({
      screenId: 'screen-a',
      allowReboot: false,
      screenshotIntervalMinutes: 10,
      power: { source: 'site', plan: { hours: { mode: 'always' } } },
    })
    const { createdAt: _c, updatedAt: _u, ...screen } = t.app.repos.screens.get('screen-a')
    await t.app.inject({
      method: 'PUT',
      url: '/api/screens/screen-a',
      payload: { ...screen, allowReboot: true },
    })
    await until(() => a.configs.length === 2, 5_000, 'config after the change')
    expect(a.configs[1]).toMatchObject({ allowReboot: true })
    expect(t.app.repos.agents.find('screen-a')).toMatchObject({ connected: true, version: 'test' })
  })

  it('refuses a handshake without its version, and one without a screen token', async () => {
    await expect(agent(screenToken(t.app, 'screen-a'), {})).rejects.toMatchObject({
      data: { code: 'socket.handshake' },
    })
    await expect(agent(t.team.admin.token)).rejects.toMatchObject({ data: { statusCode: 403 } })
  })

  it('gets the console’s command, and only its own screen’s', async () => {
    expect((await command('screen-a', { type: 'reload' })).json()).toMatchObject({ code: 'screen.no-agent' })
    const a = await agent(screenToken(t.app, 'screen-a'))
    const b = await agent(screenToken(t.app, 'screen-b'))
    const sent = await command('screen-a', { type: 'brightness', level: 40 })
    expect(sent.statusCode).toBe(202)
    expect(sent.json()).toMatchObject({ type: 'brightness', delivered: 1 })
    await until(() => a.commands.length === 1, 5_000, 'command')
    expect(a.commands[0]).toEqual({ id: sent.json().id, type: 'brightness', level: 40 })
    expect(b.commands).toEqual([])
    const history = t.app.repos.audit.query({ action: 'screen.agent-command', limit: 10 })
    expect(history[0]).toMatchObject({ objectId: 'screen-a', outcome: 'ok' })
  })

  it('refuses a reboot the screen does not allow (409) and a level past 100 (400)', async () => {
    await agent(screenToken(t.app, 'screen-a'))
    expect((await command('screen-a', { type: 'reboot' })).json()).toMatchObject({
      code: 'screen.reboot-not-allowed',
    })
    expect((await command('screen-a', { type: 'brightness', level: 101 })).statusCode).toBe(400)
    expect((await command('screen-a', { type: 'display-power' })).statusCode).toBe(400)
    expect((await command('screen-a', { type: 'format-disk' })).statusCode).toBe(400)
  })

  it('writes each result and each change it reports into the screen’s status and history', async () => {
    const a = await agent(screenToken(t.app, 'screen-a'))
    const result = { id: 'c1', type: 'display-power', ok: false, detail: 'no display control found' }
    expect(await a.socket.emitWithAck('agent:result', result)).toEqual({ ok: true })
    const state = {
      hardware: ['ddcutil'],
      display: { on: true, brightness: 30 },
      event: { kind: 'healing', step: 'restart-browser', atMs: 1_000, detail: 'three reloads in an hour' },
    }
    expect(await a.socket.emitWithAck('agent:state', state)).toEqual({ ok: true })
    const status = (await t.app.inject({ url: '/api/screens/screen-a/agent' })).json()
    expect(status).toMatchObject({ connected: true, state, results: [{ result }] })
    const actions = t.app.repos.audit
      .query({ objectId: 'screen-a', limit: 50 })
      .map((e) => [e.action, e.outcome])
    expect(actions).toContainEqual(['agent.command.display-power', 'failed'])
    expect(actions).toContainEqual(['agent.healing.restart-browser', 'ok'])
  })

  it('opens a healing incident when the ladder shows the last good frame, and resolves it when the player plays again', async () => {
    const a = await agent(screenToken(t.app, 'screen-a'))
    const report = (event: object) =>
      a.socket.emitWithAck('agent:state', { hardware: [], display: null, event })
    const incidents = async () =>
      (await t.app.inject({ url: '/api/alerts/incidents?screenId=screen-a&state=all' })).json().items as {
        kind: string
        resolvedAt: string | null
        detail: { why?: string }
      }[]
    // The steps below the last resort are the PC's own business: no incident.
    await report({ kind: 'healing', step: 'reboot', atMs: 1_000, detail: 'renderer crashed: reboot' })
    expect(await incidents()).toEqual([])
    const why = 'renderer crashed: last-good-frame'
    await report({ kind: 'healing', step: 'last-good-frame', atMs: 2_000, detail: why })
    // Reported again (a reconnect), it is still one incident.
    await report({ kind: 'healing', step: 'last-good-frame', atMs: 2_000, detail: why })
    expect(await incidents()).toMatchObject([{ kind: 'healing', resolvedAt: null, detail: { why } }])
    await report({ kind: 'recovered', atMs: 3_000, detail: 'plays again after: renderer crashed' })
    const [resolved] = await incidents()
    expect(resolved).toMatchObject({ kind: 'healing' })
    expect(resolved!.resolvedAt).not.toBeNull()
    const actions = t.app.repos.audit.query({ objectId: 'screen-a', limit: 50 }).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['agent.healing.last-good-frame', 'agent.recovered']))
  })

  it('refuses a malformed report with the reason, and keeps the channel', async () => {
    const a = await agent(screenToken(t.app, 'screen-a'))
    const ack = await a.socket.emitWithAck('agent:state', {
      hardware: ['flux-capacitor'],
      display: null,
      event: null,
    })
    expect(ack).toMatchObject({ ok: false, code: 'socket.payload' })
    expect(
      await a.socket.emitWithAck('agent:result', { id: 'x', type: 'reboot', ok: 'yes', detail: '' }),
    ).toMatchObject({ ok: false, code: 'socket.payload' })
    expect(a.socket.connected).toBe(true)
  })

  it('is shown disconnected once its last socket is gone', async () => {
    const a = await agent(screenToken(t.app, 'screen-a'))
    a.socket.disconnect()
    await until(() => t.app.repos.agents.find('screen-a')?.connected === false, 5_000, 'disconnected')
  })
})
