import { AGENT_NAMESPACE } from '@playlists/agent'
import { rolesFor } from '@playlists/auth/permissions'
import { CONSOLE_NAMESPACE, PLAYER_NAMESPACE } from '@playlists/events'
import { SOCKET_ACCESS } from '@server/realtime/access'
import { io, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, TEST_PASSWORD, type TestApp } from '../helpers/app'
import { listen } from '../helpers/listen'
import { until } from '../helpers/wait'

/**
 * The sockets' half of "authorization everywhere": every namespace in SOCKET_ACCESS refuses a
 * connection without credentials (401), with a bad token (401) and with the wrong kind of
 * credentials or role (403); an undeclared event is refused and cannot even be handled; and an
 * ended session or a revoked token loses its open channel at once.
 */

let t: TestApp
let base: string
let screenToken: string
const opened: Socket[] = []

beforeAll(async () => {
  t = await createTestApp()
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  screenToken = t.app.repos.screenTokens.issue('screen-a').secret
  base = await listen(t)
})
afterEach(() => {
  for (const s of opened.splice(0)) s.close()
})
afterAll(() => t.close())

function open(nsp: string, options: { token?: string; cookie?: string } = {}): Socket {
  const socket = io(`${base}${nsp}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    // The kiosk agent's handshake also names its version (its refusal without one: tests/realtime/agents.test.ts).
    auth: {
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(nsp === AGENT_NAMESPACE ? { version: 'test' } : {}),
    },
    extraHeaders: options.cookie ? { cookie: options.cookie } : {},
  })
  opened.push(socket)
  return socket
}

/** Connects, or says with which status the server refused. */
function outcome(socket: Socket): Promise<number | 'connected'> {
  return new Promise((resolve) => {
    socket.on('connect', () => resolve('connected'))
    socket.on('connect_error', (e: Error & { data?: { statusCode?: number } }) =>
      resolve(e.data?.statusCode ?? -1),
    )
  })
}

const tokens = () => ({
  admin: t.team.admin.token,
  approver: t.team.approver.token,
  editor: t.team.editor.token,
  viewer: t.team.viewer.token,
})

describe('every socket namespace declares who may connect', () => {
  it('covers the player, kiosk agent and console namespaces', () => {
    expect(Object.keys(SOCKET_ACCESS).sort()).toEqual(
      [AGENT_NAMESPACE, CONSOLE_NAMESPACE, PLAYER_NAMESPACE].sort(),
    )
  })

  for (const [nsp, access] of Object.entries(SOCKET_ACCESS)) {
    it(`${nsp}: 401 without or with bad credentials, 403 for the wrong kind or role, connects otherwise`, async () => {
      expect(await outcome(open(nsp))).toBe(401)
      expect(await outcome(open(nsp, { token: 'not-a-token' }))).toBe(401)
      expect(await outcome(open(nsp, { token: `gct_${'B'.repeat(43)}` }))).toBe(401)
      const screen = await outcome(open(nsp, { token: screenToken }))
      expect(screen).toBe(access.connect === 'screen' ? 'connected' : 403)
      for (const [role, token] of Object.entries(tokens())) {
        const allowed = access.connect !== 'screen' && rolesFor(access.connect).includes(role as 'admin')
        expect(await outcome(open(nsp, { token })), `${nsp} as ${role}`).toBe(allowed ? 'connected' : 403)
      }
    })

    it(`${nsp}: refuses an event it does not declare, with a message in the acknowledgement`, async () => {
      const token = access.connect === 'screen' ? screenToken : t.team.admin.token
      const socket = open(nsp, { token })
      expect(await outcome(socket)).toBe('connected')
      const answer = await socket.timeout(2_000).emitWithAck('drop-tables', {})
      expect(answer).toEqual({
        ok: false,
        statusCode: 400,
        code: 'socket.unknown-event',
        msg: `Unknown event "drop-tables" in ${nsp}.`,
      })
      expect(socket.connected).toBe(true)
    })
  }

  it('throws when a handler is registered for an undeclared event, so it cannot go unnoticed', async () => {
    const errors: string[] = []
    t.app.io.of(CONSOLE_NAMESPACE).once('connection', (socket) => {
      try {
        socket.on('sneaky', () => undefined)
      } catch (error) {
        errors.push((error as Error).message)
      }
    })
    expect(await outcome(open(CONSOLE_NAMESPACE, { token: t.team.viewer.token }))).toBe('connected')
    await until(() => errors.length === 1, 2_000, 'the registration to throw')
    expect(errors[0]).toMatch(/Socket event "sneaky" in \/console has no declaration/)
  })

  it('records a refused connection with credentials as a security event', async () => {
    expect(await outcome(open(PLAYER_NAMESPACE, { token: t.team.editor.token }))).toBe(403)
    const [entry] = t.app.repos.audit.query({ action: 'access.denied', actor: 'editor', limit: 1 })
    expect(entry).toMatchObject({ outcome: 'denied', via: 'socket' })
    expect(entry?.detail).toMatch(/socket \/player: Only a paired screen/)
  })
})

describe('an open console channel', () => {
  it('closes at once when its API token is revoked, and cannot reconnect', async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'wallboard', role: 'viewer' },
      headers: { cookie: await signIn('viewer') },
    })
    expect(made.statusCode).toBe(201)
    const { token, secret } = made.json()
    const socket = open(CONSOLE_NAMESPACE, { token: secret })
    expect(await outcome(socket)).toBe('connected')
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}` })
    expect(revoked.statusCode).toBe(200)
    await until(() => !socket.connected, 2_000, 'the socket to drop')
    expect(await outcome(open(CONSOLE_NAMESPACE, { token: secret }))).toBe(401)
  })

  it('closes at once when its session signs out', async () => {
    const cookie = await signIn('editor')
    const socket = open(CONSOLE_NAMESPACE, { cookie })
    expect(await outcome(socket)).toBe('connected')
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })
    expect(out.statusCode).toBe(204)
    await until(() => !socket.connected, 2_000, 'the socket to drop')
    expect(await outcome(open(CONSOLE_NAMESPACE, { cookie }))).toBe(401)
  })

  it('closes at once when an admin disables the account', async () => {
    const socket = open(CONSOLE_NAMESPACE, { token: t.team.editor2.token })
    expect(await outcome(socket)).toBe('connected')
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${t.team.editor2.id}`,
      payload: { disabled: true },
    })
    expect(res.statusCode).toBe(200)
    await until(() => !socket.connected, 2_000, 'the socket to drop')
    expect(await outcome(open(CONSOLE_NAMESPACE, { token: t.team.editor2.token }))).toBe(401)
  })
})

async function signIn(username: string): Promise<string> {
  const res = await t.anonymous({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  })
  expect(res.statusCode, res.body).toBe(200)
  const cookie = res.cookies.find((c) => c.name === 'gatecast_session')
  return `gatecast_session=${cookie?.value}`
}
