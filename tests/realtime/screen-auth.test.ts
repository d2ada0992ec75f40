import { type Ack, PLAYER_NAMESPACE, type TokenRotation } from '@playlists/events'
import { io, type Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, seedMinimal, succeed, type TestApp } from '../helpers/app'
import { connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { pairScreen } from '../helpers/pairing'
import { until } from '../helpers/wait'

/** Players authenticate with their screen's token and reach only that screen's rooms. */

let t: TestApp
let base: string
const sockets: Socket[] = []
const track = <S extends Socket>(s: S): S => {
  sockets.push(s)
  return s
}

beforeEach(async () => {
  t = await createTestApp()
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  await seedMinimal(t.app, 'screen-b', 'pl-b')
  base = await listen(t)
})
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await t.close()
})

const player = (token: string) => track(connectPlayer(base, token))
const connected = (s: Socket) => until(() => s.connected, 5_000, 'connection')

/** A raw connection attempt with this handshake: resolves with the refusal, or null if it connected. */
async function refusal(nsp: string, auth: object): Promise<{ message: string; statusCode?: number } | null> {
  const s = track(
    io(`${base}${nsp}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true }),
  )
  return new Promise((resolve) => {
    s.on('connect', () => resolve(null))
    s.on('connect_error', (e: Error & { data?: { statusCode?: number } }) =>
      resolve({ message: e.message, statusCode: e.data?.statusCode }),
    )
  })
}

/** The rooms the server put this screen's sockets in. */
const roomsOf = (screenId: string) =>
  [...t.app.io.of(PLAYER_NAMESPACE).sockets.values()]
    .filter((s) => s.actor?.kind === 'screen' && s.actor.screenId === screenId)
    .map((s) => [...s.rooms].filter((r) => r !== s.id).sort())

const resize = (screenId: string, width: number) =>
  succeed(
    t.app,
    'PUT',
    `/api/screens/${screenId}`,
    screenBody(screenId, 'gate', { width, defaultPlaylistId: screenId === 'screen-a' ? 'pl-a' : 'pl-b' }),
  )

describe("players' tokens", () => {
  it("joins only its own screen's room and its sync group's, and receives only its own documents", async () => {
    await succeed(t.app, 'POST', '/api/sync-groups', { id: 'pair', siteId: 'gate', name: 'Pair' })
    await succeed(
      t.app,
      'PUT',
      '/api/screens/screen-a',
      screenBody('screen-a', 'gate', { syncGroupId: 'pair', defaultPlaylistId: 'pl-a' }),
    )
    const a = player(await pairScreen(t.app, 'screen-a', t.team.editor))
    const b = player(await pairScreen(t.app, 'screen-b', t.team.editor))
    await until(() => a.documents.length >= 1 && b.documents.length >= 1, 5_000, 'first documents')
    expect(roomsOf('screen-a')).toEqual([['screen:screen-a', 'sync-group:pair']])
    expect(roomsOf('screen-b')).toEqual([['screen:screen-b']])
    // Moving a screen between groups moves its connected player too.
    await succeed(
      t.app,
      'PUT',
      '/api/screens/screen-a',
      screenBody('screen-a', 'gate', { defaultPlaylistId: 'pl-a' }),
    )
    expect(roomsOf('screen-a')).toEqual([['screen:screen-a']])
    await succeed(
      t.app,
      'PUT',
      '/api/screens/screen-b',
      screenBody('screen-b', 'gate', { syncGroupId: 'pair', defaultPlaylistId: 'pl-b' }),
    )
    expect(roomsOf('screen-b')).toEqual([['screen:screen-b', 'sync-group:pair']])

    const before = a.documents.length
    await resize('screen-b', 1600)
    await until(() => b.documents.at(-1)?.screen.width === 1600, 5_000, "screen-b's new document")
    await resize('screen-a', 1700)
    await until(() => a.documents.at(-1)?.screen.width === 1700, 5_000, "screen-a's new document")
    // Everything screen-a's player ever received was screen-a's.
    expect(a.documents.length).toBeGreaterThan(before)
    expect(new Set(a.documents.map((d) => d.screenId))).toEqual(new Set(['screen-a']))
    expect(new Set(b.documents.map((d) => d.screenId))).toEqual(new Set(['screen-b']))
  })

  it('refuses malformed, unknown and missing tokens with 401 and says what is wrong', async () => {
    expect(await refusal('/player', { token: 'gcd_nope' })).toEqual({
      message: expect.stringMatching(/auth.token is malformed/),
      statusCode: 401,
    })
    expect(await refusal('/player', { token: 42 })).toEqual({
      message: expect.stringMatching(/auth.token must be text/),
      statusCode: 401,
    })
    expect(await refusal('/player', { token: `gcd_${'x'.repeat(43)}` })).toEqual({
      message: expect.stringMatching(/unknown or revoked: pair the screen again/),
      statusCode: 401,
    })
    expect(await refusal('/player', {})).toEqual({
      message: expect.stringMatching(/not paired/),
      statusCode: 401,
    })
    // An account's API token is no screen's.
    expect(await refusal('/player', { token: t.team.admin.token })).toEqual({
      message: 'Only a paired screen may use this.',
      statusCode: 403,
    })
    const refused = t.app.repos.audit.query({ action: 'access.unauthenticated', limit: 10 })
    expect(refused.length).toBeGreaterThanOrEqual(3)
  })

  it("keeps a screen's token out of the consoles' channel", async () => {
    const token = await pairScreen(t.app, 'screen-a')
    expect(await refusal('/console', { token })).toEqual({
      message: expect.stringMatching(/screen's token/),
      statusCode: 403,
    })
  })

  it('disconnects a revoked screen still connected at once, and refuses it when it reconnects', async () => {
    const token = await pairScreen(t.app, 'screen-a')
    const a = player(token)
    await connected(a)
    const dropped = new Promise<string>((resolve) => a.on('disconnect', resolve))

    const revoked = await succeed(t.app, 'DELETE', '/api/screens/screen-a/tokens')
    expect(revoked.disconnected).toBe(1)
    expect(await dropped).toBe('io server disconnect')

    expect(await refusal('/player', { token })).toEqual({
      message: expect.stringMatching(/unknown or revoked/),
      statusCode: 401,
    })
  })

  it("drops a deleted screen's player at once; its token goes with the screen", async () => {
    await succeed(t.app, 'POST', '/api/screens', screenBody('screen-c'))
    const token = await pairScreen(t.app, 'screen-c')
    const c = player(token)
    await connected(c)
    const dropped = new Promise<string>((resolve) => c.on('disconnect', resolve))
    expect((await t.app.inject({ method: 'DELETE', url: '/api/screens/screen-c' })).statusCode).toBe(204)
    expect(await dropped).toBe('io server disconnect')
    expect(await refusal('/player', { token })).toMatchObject({ statusCode: 401 })
  })

  it('rotates a token: the player gets the new one over its socket, then the old one stops working', async () => {
    const old = await pairScreen(t.app, 'screen-a')
    const a = player(old)
    await connected(a)
    let received: string | null = null
    a.on('token:rotate', (payload: TokenRotation, ack: (r: Ack) => void) => {
      received = payload.token
      ack({ ok: true })
    })

    const rotated = await succeed(t.app, 'POST', '/api/screens/screen-a/tokens/rotate')
    expect(rotated).toMatchObject({ players: 1, revoked: [expect.any(String)] })
    expect(received).toMatch(/^gcd_/)
    // The confirming player stays connected; the old token opens nothing any more.
    expect(a.connected).toBe(true)
    expect(await refusal('/player', { token: old })).toMatchObject({ statusCode: 401 })
    expect(await refusal('/player', { token: received! })).toBeNull()
    // Revoking by the new token's id still finds the socket that confirmed it.
    expect(
      (await succeed(t.app, 'DELETE', '/api/screens/screen-a/tokens')).disconnected,
    ).toBeGreaterThanOrEqual(1)
    const entry = t.app.repos.audit.query({ action: 'screen.tokens-rotate', limit: 5 })
    expect(entry).toEqual([expect.objectContaining({ objectId: 'screen-a', outcome: 'ok' })])
    expect(JSON.stringify(entry)).not.toContain(received!.slice(4))
  })

  it('keeps the old token when the player refuses the new one', async () => {
    const old = await pairScreen(t.app, 'screen-a')
    const a: TestPlayer = player(old)
    await connected(a)
    a.on('token:rotate', (_: TokenRotation, ack: (r: Ack) => void) =>
      ack({ ok: false, code: 'player.token-not-stored', msg: 'storage full' }),
    )
    const res = await t.app.inject({ method: 'POST', url: '/api/screens/screen-a/tokens/rotate' })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/did not confirm/)
    expect(a.connected).toBe(true)
    expect(t.app.repos.screenTokens.list('screen-a').filter((x) => !x.revokedAt)).toHaveLength(1)
    expect(await refusal('/player', { token: old })).toBeNull()
  })
})
