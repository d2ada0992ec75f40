import { CONSOLE_NAMESPACE, type Command, PLAYER_NAMESPACE } from '@playlists/events'
import type { ScreenStatus } from '@playlists/schemas/status'
import { buildApp } from '@server/app'
import { RedisUnavailable } from '@server/plugins/realtime'
import type { FastifyInstance } from 'fastify'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, slide, succeed, TEST_PASSWORD, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { pairScreen, screenToken } from '../helpers/pairing'
import { freePort, startRedis, type TestRedis } from '../helpers/redis'
import { until } from '../helpers/wait'

/**
 * Several server processes behind one Redis (a real redis-server on loopback), sharing one data
 * folder as nodes on one host do: a broadcast made on one node reaches sockets on the others.
 * Node B is a NODE_ROLE=secondary. The jobs lease between nodes: tests/realtime/job-lease.test.ts.
 */

const SCREEN = 'chi-ma-led'
let redis: TestRedis
let a: TestApp
let b: FastifyInstance
let baseA: string
let baseB: string
const sockets: Socket[] = []

async function secondary(): Promise<FastifyInstance> {
  return buildApp({
    dataDir: a.dataDir,
    databaseUrl: a.databaseUrl,
    redisUrl: redis.url,
    role: 'secondary',
    admin: { username: 'admin', password: TEST_PASSWORD },
  })
}

async function listenOn(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
}

function player(base: string, token: string, version?: number): TestPlayer {
  const socket = connectPlayer(base, token, version)
  sockets.push(socket)
  return socket
}

/** Changes the screen's playlist on node A and puts it on air there; returns the new version. */
async function publishOnA(title: string): Promise<number> {
  await succeed(a.app, 'PUT', '/api/playlists/trade-investment', {
    name: 'Trade',
    // Long enough to read on the seeded gate screens: approval checks legibility.
    items: [slide('multi-node', title, 10_000)],
  })
  await approveAndPublish(a.app, 'playlist', 'trade-investment')
  return a.app.repos.documents.latest(SCREEN)!.version
}

beforeAll(async () => {
  redis = await startRedis()
  a = await createTestApp({ seed: true, redisUrl: redis.url })
  b = await secondary()
  baseA = await listen(a)
  baseB = await listenOn(b)
})
afterAll(async () => {
  for (const s of sockets) s.disconnect()
  await b?.close()
  await a?.close()
  await redis?.stop()
})

describe('more than one node, through Redis', () => {
  it('delivers a publish made on node A to a player connected to node B', async () => {
    const p = player(baseB, screenToken(a.app, SCREEN))
    await until(() => p.documents.length > 0, 10_000, 'first document')
    const version = await publishOnA('Published on A')
    await until(() => p.documents.some((d) => d.version === version), 10_000, 'document from node A')
    expect(JSON.stringify(p.documents.at(-1))).toContain('Published on A')
    // Node B was told which version, and read the rest from the store: what A stored, exactly.
    expect(p.documents.at(-1)).toEqual(JSON.parse(b.repos.documents.latestJson(SCREEN)!))
    expect(p.documents.at(-1)).toEqual(a.app.repos.documents.latest(SCREEN))
  })

  it("reads a screen's start for the version a publish asked for, and none for a superseded one", async () => {
    const older = await publishOnA('First of two')
    const newer = await publishOnA('Second of two')
    const json = a.app.repos.documents.latestJson(SCREEN)!
    const starts = b.repos.documents.starts([
      { screenId: SCREEN, version: newer },
      { screenId: 'no-such-screen', version: 1 },
    ])
    expect([...starts.keys()]).toEqual([SCREEN])
    // The start, then the programme less its "{": the whole stored text.
    expect(json.startsWith(starts.get(SCREEN)!)).toBe(true)
    expect(JSON.parse(json)).toMatchObject({ version: newer })
    expect(b.repos.documents.starts([{ screenId: SCREEN, version: older }]).size).toBe(0)
  })

  it("delivers a publish to node B's players even when handing it to node A's own sockets throws", async () => {
    const p = player(baseB, screenToken(a.app, SCREEN))
    // The screen has a player on node A too, whose delivery is the one that breaks.
    const onA = player(baseA, screenToken(a.app, SCREEN))
    await until(() => p.documents.length > 0 && onA.documents.length > 0, 10_000, 'first documents')
    vi.spyOn(a.app.io.of(PLAYER_NAMESPACE), 'to').mockImplementationOnce(() => {
      throw new Error('a room on node A broke')
    })
    const version = await publishOnA('Published although A broke')
    await until(() => p.documents.some((d) => d.version === version), 10_000, 'document from node A')
  })

  it('gives a player that reconnects to another node the current document', async () => {
    const token = screenToken(a.app, SCREEN)
    const first = player(baseA, token)
    await until(() => first.documents.length > 0, 10_000, 'document on A')
    const held = first.documents.at(-1)!.version
    first.disconnect()
    const version = await publishOnA('While the player was away')
    const again = player(baseB, token, held)
    await until(() => again.documents.some((d) => d.version === version), 10_000, 'current document on B')
  })

  it('shows consoles on node A a player that connects to node B', async () => {
    const console = io(`${baseA}${CONSOLE_NAMESPACE}`, {
      auth: { token: a.team.viewer.token },
      transports: ['websocket'],
      forceNew: true,
    })
    sockets.push(console)
    const seen: ScreenStatus[] = []
    console.on('screen:status', (s: ScreenStatus) => seen.push(s))
    await new Promise<void>((resolve) => console.once('screen:statuses', () => resolve()))
    player(baseB, screenToken(a.app, 'tan-thanh-led'))
    await until(() => seen.some((s) => s.screenId === 'tan-thanh-led' && s.online), 10_000, 'status from B')
  })

  it('sends commands from node A to the player on node B', async () => {
    const p = player(baseB, screenToken(a.app, 'huu-nghi-wall'))
    const commands: Command[] = []
    p.on('command', (c: Command) => commands.push(c))
    await until(() => p.documents.length > 0, 10_000, 'document')
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/screens/huu-nghi-wall/commands',
      payload: { type: 'identify' },
    })
    expect(res.statusCode).toBe(202)
    expect(res.json().delivered).toBe(1)
    await until(() => commands.some((c) => c.type === 'identify'), 10_000, 'command on B')
  })

  it('rotates the token of a player on node B from node A, which keeps its channel', async () => {
    const token = await pairScreen(a.app, 'huu-nghi-kiosk-1')
    const p = player(baseB, token)
    p.on('token:rotate', (_payload, ack) => ack({ ok: true }))
    const commands: Command[] = []
    p.on('command', (c: Command) => commands.push(c))
    await until(() => p.documents.length > 0, 10_000, 'document')
    const res = await a.app.inject({ method: 'POST', url: '/api/screens/huu-nghi-kiosk-1/tokens/rotate' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().players).toBe(1)
    // Its old token is revoked, yet node B let the confirmed player keep its socket. A command
    // sent from A afterwards travels the same Redis stream as the revocation, so node B has
    // applied the revocation by the time the command reaches the player.
    const command = await a.app.inject({
      method: 'POST',
      url: '/api/screens/huu-nghi-kiosk-1/commands',
      payload: { type: 'identify' },
    })
    expect(command.json().delivered).toBe(1)
    await until(() => commands.some((c) => c.type === 'identify'), 10_000, 'a later command on B')
    expect(p.connected).toBe(true)
  })

  it('drops the player on node B when its tokens are revoked on node A', async () => {
    const p = player(baseB, screenToken(a.app, 'huu-nghi-kiosk-2'))
    await until(() => p.documents.length > 0, 10_000, 'document')
    const res = await a.app.inject({ method: 'DELETE', url: '/api/screens/huu-nghi-kiosk-2/tokens' })
    expect(res.statusCode).toBe(200)
    await until(() => !p.connected, 10_000, 'disconnect on B')
  })

  it('does not call offline the screens of other live nodes when a node starts', async () => {
    const p = player(baseA, screenToken(a.app, SCREEN))
    await until(() => a.app.repos.status.find(SCREEN)?.online === true, 10_000, 'online')
    // Not a secondary: any node, whatever its role, asks the nodes' heartbeats first.
    const c = await buildApp({ dataDir: a.dataDir, databaseUrl: a.databaseUrl, redisUrl: redis.url })
    try {
      expect(a.app.repos.status.find(SCREEN)?.online).toBe(true)
    } finally {
      await c.close()
      p.disconnect()
    }
  })

  it('refuses to start when Redis cannot be reached, naming REDIS_URL', async () => {
    const error = await buildApp({
      dataDir: a.dataDir,
      databaseUrl: a.databaseUrl,
      redisUrl: `redis://127.0.0.1:${await freePort()}`,
      role: 'secondary',
    }).then(
      (app) => app.close().then(() => null),
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(RedisUnavailable)
    expect(String(error)).toContain('REDIS_URL')
  })
})
