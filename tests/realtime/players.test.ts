import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, slide, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { caughtUp, connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

let t: TestApp
let base: string
const sockets: TestPlayer[] = []
const player = (screenId: string) => {
  const s = connectPlayer(base, screenToken(t.app, screenId))
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

const republish = async (playlistId: string, title: string) => {
  await t.app.inject({
    method: 'PUT',
    url: `/api/playlists/${playlistId}`,
    payload: { name: 'Edited', items: [slide('s1', title)] },
  })
  return approveAndPublish(t.app, 'playlist', playlistId)
}

describe('realtime: players', () => {
  it('receives its current document on connect', async () => {
    const a = player('screen-a')
    await until(() => a.documents.length === 1, 5_000, 'first document')
    expect(a.documents[0]).toMatchObject({ screenId: 'screen-a', version: 1 })
    expect(a.documents[0]!.layout.zones[0]).toMatchObject({ id: 'main', defaultPlaylistId: 'pl-a' })
  })

  it('receives a pushed document exactly as stored, over WebSocket and over long-polling', async () => {
    // A broadcast writes the programme's bytes encoded once (server/realtime/raw-json.ts); a
    // polling client gets the packet's text instead. Both must read the stored document.
    const ws = player('screen-a')
    const polling = connectPlayer(base, screenToken(t.app, 'screen-a'), undefined, 'polling')
    sockets.push(polling)
    await until(() => ws.documents.length === 1 && polling.documents.length === 1, 5_000, 'first documents')
    await republish('pl-a', 'Chào Hữu Nghị 友谊 ✓')
    await until(() => ws.documents.length === 2 && polling.documents.length === 2, 5_000, 'pushed document')
    const stored = JSON.parse(t.app.repos.documents.latestJson('screen-a')!)
    expect(ws.documents[1]).toEqual(stored)
    expect(polling.documents[1]).toEqual(stored)
    expect(JSON.stringify(stored)).toContain('Chào Hữu Nghị 友谊 ✓ (vi)')
  })

  it('receives the new version after a publish, and a player of another screen does not', async () => {
    const a = player('screen-a')
    const b = player('screen-b')
    await until(() => a.documents.length === 1 && b.documents.length === 1, 5_000, 'first documents')

    const res = await republish('pl-a', 'Changed')
    expect(res.screens).toEqual([expect.objectContaining({ screenId: 'screen-a', version: 2 })])
    await until(() => a.documents.length === 2, 5_000, 'pushed document')
    expect(a.documents[1]).toMatchObject({ version: 2 })
    expect(a.documents[1]!.playlists['pl-a']!.items[0]).toMatchObject({
      text: { vi: { title: 'Changed (vi)' } },
    })

    // A wrongly-routed push would have reached b before the answer to a later request of its own.
    await caughtUp(b)
    expect(b.documents).toHaveLength(1)
  })

  it('refuses a handshake without a token, with a message', async () => {
    const { io } = await import('socket.io-client')
    const s = io(`${base}/player`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { screenId: 'screen-a' },
    })
    const error = await new Promise<Error & { data?: unknown }>((resolve) => s.on('connect_error', resolve))
    s.close()
    expect(error.message).toMatch(/not paired/)
    expect(error.data).toEqual({ statusCode: 401, code: 'auth.player-not-paired' })
  })

  it('refuses a handshake whose version is not a number', async () => {
    const { io } = await import('socket.io-client')
    const s = io(`${base}/player`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: screenToken(t.app, 'screen-a'), version: 'two' },
    })
    const error = await new Promise<Error>((resolve) => s.on('connect_error', resolve))
    s.close()
    expect(error.message).toMatch(/version/)
  })

  it('answers a malformed acknowledgement with ok: false and stays connected', async () => {
    const a = player('screen-a')
    await until(() => a.documents.length === 1)
    const bad = await a.timeout(2_000).emitWithAck('document:applied', { version: 'two' } as never)
    expect(bad).toMatchObject({ ok: false, code: 'socket.payload', msg: expect.stringMatching(/version/) })
    const good = await a
      .timeout(2_000)
      .emitWithAck('document:applied', { version: 1, hash: a.documents[0]!.hash })
    expect(good).toEqual({ ok: true })
    expect(a.connected).toBe(true)
  })

  it('a player that reconnects gets the current document, including versions it missed', async () => {
    const a = player('screen-a')
    await until(() => a.documents.length === 1)
    a.disconnect()
    await republish('pl-a', 'While away')
    a.connect()
    await until(() => a.documents.length === 2)
    expect(a.documents[1]!.version).toBe(2)
  })
})
