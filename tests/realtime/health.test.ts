import { HEARTBEAT_INTERVAL_MS, type Heartbeat, type ServerToConsoleEvents } from '@playlists/events'
import type { ScreenStatus } from '@playlists/schemas/status'
import { SILENT_AFTER_MS } from '@server/realtime/status'
import { io, type Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, firstAdminHeaders, seedMinimal, slide, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { heartbeat } from '../helpers/heartbeat'
import { caughtUp, connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

/**
 * The player–server health protocol: clock sync, heartbeats with the version check, presence
 * (online, offline, last seen) pushed to consoles, and remote commands.
 */

/** The server's clock, set by each test: presence and "last seen" are functions of it. */
let clockMs = Date.UTC(2026, 10, 26, 3, 0, 0)
let t: TestApp
let base: string
const sockets: Socket[] = []
const track = <S extends Socket>(s: S): S => {
  sockets.push(s)
  return s
}

beforeEach(async () => {
  clockMs = Date.UTC(2026, 10, 26, 3, 0, 0)
  t = await createTestApp({ clock: () => clockMs })
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  base = await listen(t)
})
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await t.close()
})

const player = (screenId = 'screen-a', version?: number): TestPlayer =>
  track(connectPlayer(base, screenToken(t.app, screenId), version))

const connected = (s: Socket) => until(() => s.connected, 5_000, 'connection')
const status = async (id = 'screen-a'): Promise<ScreenStatus> =>
  (await t.app.inject({ method: 'GET', url: `/api/screens/${id}/status` })).json()

describe('clock sync', () => {
  it('answers with the server’s clock, not the machine’s', async () => {
    const p = player()
    await connected(p)
    clockMs += 1_234
    expect(await p.timeout(2_000).emitWithAck('clock:sync')).toBe(clockMs)
  })
})

describe('heartbeats and the version check', () => {
  it('stores the report, answers with the current version, and keeps quiet when the player is current', async () => {
    const p = player()
    await until(() => p.documents.length === 1, 5_000, 'first document')
    const result = await p.timeout(2_000).emitWithAck('heartbeat', heartbeat(1))
    expect(result).toEqual({ ok: true, version: 1 })
    await caughtUp(p)
    expect(p.documents).toHaveLength(1)
    const s = await status()
    expect(s).toMatchObject({ online: true, appliedVersion: 1, publishedVersion: 1 })
    expect(s.report).toEqual(heartbeat(1))
    expect(s.lastSeenAt).toBe(new Date(clockMs).toISOString())
  })

  it('stores the power plan’s state as the player reports it (off hours)', async () => {
    const p = player()
    await connected(p)
    const result = await p
      .timeout(2_000)
      .emitWithAck('heartbeat', heartbeat(1, { power: { on: false, brightness: 0 } }))
    expect(result.ok).toBe(true)
    expect((await status()).report?.power).toEqual({ on: false, brightness: 0 })
  })

  it('pushes the document again to a player whose heartbeat shows it missed a version', async () => {
    const p = player()
    await until(() => p.documents.length === 1, 5_000, 'first document')
    // Publish while pretending the push was lost: the player still says version 1.
    await t.app.inject({
      method: 'PUT',
      url: '/api/playlists/pl-a',
      payload: { name: 'x', items: [slide('s9', 'New')] },
    })
    await approveAndPublish(t.app, 'playlist', 'pl-a')
    await until(() => p.documents.length === 2, 5_000, 'the publish push')
    const result = await p.timeout(2_000).emitWithAck('heartbeat', heartbeat(1))
    expect(result).toEqual({ ok: true, version: 2 })
    await until(() => p.documents.length === 3, 5_000, 'the resent document')
    expect(p.documents[2]!.version).toBe(2)
  })

  it('does not resend a version the player is still downloading', async () => {
    const p = player()
    await until(() => p.documents.length === 1, 5_000, 'first document')
    await t.app.inject({
      method: 'PUT',
      url: '/api/playlists/pl-a',
      payload: { name: 'x', items: [slide('s9', 'New')] },
    })
    await approveAndPublish(t.app, 'playlist', 'pl-a')
    await until(() => p.documents.length === 2, 5_000, 'the publish push')
    // Still playing 1, version 2 pending (its files downloading): nothing to resend.
    const result = await p.timeout(2_000).emitWithAck('heartbeat', heartbeat(1, { pendingVersion: 2 }))
    expect(result).toEqual({ ok: true, version: 2 })
    await caughtUp(p)
    expect(p.documents).toHaveLength(2)
  })

  it('sends nothing on reconnect to a player that already holds the current version, and the document to one that does not', async () => {
    const current = player('screen-a', 1)
    const behind = player('screen-a', 0)
    await connected(current)
    await until(() => behind.documents.length === 1, 5_000, 'document for the player behind')
    // The version check runs as the connection opens, before the server answers anything on it.
    await caughtUp(current)
    expect(current.documents).toHaveLength(0)
  })

  it('refuses a malformed heartbeat with a message, stores nothing, and keeps the connection', async () => {
    const p = player()
    await connected(p)
    for (const bad of [
      { ...heartbeat(1), uptimeMs: -1 },
      { ...heartbeat(1), resolution: { width: 'wide', height: 1, pixelRatio: 1 } },
      { ...heartbeat(1), errors: Array.from({ length: 21 }, () => ({ atMs: 1, message: 'x' })) },
      { ...heartbeat(1), extra: true },
      // The power plan's state: a brightness past 100 % or a missing half is no report.
      { ...heartbeat(1), power: { on: true, brightness: 101 } },
      { ...heartbeat(1), power: { on: false } },
      null,
      'hello',
    ]) {
      const result = await p.timeout(2_000).emitWithAck('heartbeat', bad as Heartbeat)
      expect(result.ok, JSON.stringify(bad)).toBe(false)
      if (!result.ok) expect(result.msg).toMatch(/^heartbeat: /)
    }
    expect(p.connected).toBe(true)
    expect((await status()).report).toBeNull()
  })
})

describe('presence', () => {
  it('is online while a player is connected, offline when the last one leaves, and tells consoles each change', async () => {
    const console = track(
      io(`${base}/console`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { token: t.team.viewer.token },
      }),
    )
    const snapshots: ScreenStatus[][] = []
    const changes: ScreenStatus[] = []
    console.on('screen:statuses' satisfies keyof ServerToConsoleEvents, (all: ScreenStatus[]) =>
      snapshots.push(all),
    )
    console.on('screen:status' satisfies keyof ServerToConsoleEvents, (s: ScreenStatus) => changes.push(s))
    await until(() => snapshots.length === 1, 5_000, 'the console snapshot')
    expect(snapshots[0]).toEqual([
      expect.objectContaining({ screenId: 'screen-a', online: false, lastSeenAt: null }),
    ])

    const first = player()
    const second = player()
    await until(() => first.connected && second.connected, 5_000, 'two players')
    expect(await status()).toMatchObject({ online: true, since: new Date(clockMs).toISOString() })
    await until(() => changes.some((c) => c.online), 5_000, 'online pushed')

    clockMs += 60_000
    first.close()
    await until(() => t.app.screenStatus.playersOf('screen-a') === 1, 5_000, 'the server to see one leave')
    expect((await status()).online).toBe(true)
    second.close()
    await until(() => changes.at(-1)?.online === false, 5_000, 'offline pushed')
    const after = await status()
    expect(after).toMatchObject({ online: false, since: new Date(clockMs).toISOString() })
    expect(after.lastSeenAt).toBe(new Date(clockMs - 60_000).toISOString())
  })

  it('calls a player that stopped reporting offline after three missed heartbeats, and online when it reports again', async () => {
    expect(SILENT_AFTER_MS).toBe(3 * HEARTBEAT_INTERVAL_MS)
    const p = player()
    await connected(p)
    await p.timeout(2_000).emitWithAck('heartbeat', heartbeat(1))
    clockMs += SILENT_AFTER_MS - 1_000
    t.app.jobs.run('screens-silent')
    expect((await status()).online).toBe(true)
    clockMs += 2_000
    t.app.jobs.run('screens-silent')
    expect((await status()).online).toBe(false)
    await p.timeout(2_000).emitWithAck('heartbeat', heartbeat(1))
    expect(await status()).toMatchObject({ online: true, lastSeenAt: new Date(clockMs).toISOString() })
  })

  it('starts with every screen offline after a restart, keeping when each was last seen', async () => {
    const p = player()
    await connected(p)
    const seen = (await status()).lastSeenAt
    p.close()
    const { dataDir, databaseUrl } = t
    await t.app.close()
    const { buildApp } = await import('@server/app')
    const again = await buildApp({ dataDir, databaseUrl, clock: () => clockMs + 3_600_000 })
    try {
      const headers = firstAdminHeaders(again)
      const s = (await again.inject({ method: 'GET', url: '/api/screens/screen-a/status', headers })).json()
      expect(s).toMatchObject({ online: false, lastSeenAt: seen })
    } finally {
      await again.close()
    }
    // The test's own app is closed already; give afterEach a fresh one to close.
    t = await createTestApp()
  })
})

describe('remote commands', () => {
  it('delivers a command to the screen’s player and says how many received it', async () => {
    const p = player()
    const received: unknown[] = []
    p.on('command', (c) => received.push(c))
    await connected(p)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/screens/screen-a/commands',
      payload: { type: 'identify' },
    })
    expect(res.statusCode).toBe(202)
    expect(res.json()).toMatchObject({ type: 'identify', delivered: 1 })
    await until(() => received.length === 1, 5_000, 'the command')
    expect(received[0]).toEqual({ id: res.json().id, type: 'identify', name: 'Screen screen-a' })
  })

  it('refuses a command nobody would receive (409), an unknown one (400) and an unknown screen (404)', async () => {
    const send = (id: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url: `/api/screens/${id}/commands`, payload: payload as object })
    const offline = await send('screen-a', { type: 'reload' })
    expect(offline.statusCode).toBe(409)
    expect(offline.json().message).toMatch(/no player connected/)
    expect((await send('screen-a', { type: 'format-disk' })).statusCode).toBe(400)
    expect((await send('screen-a', { type: 'reload', extra: 1 })).statusCode).toBe(400)
    expect((await send('ghost', { type: 'reload' })).statusCode).toBe(404)
  })
})
