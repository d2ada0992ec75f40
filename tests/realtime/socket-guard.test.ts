import { Writable } from 'node:stream'
import { CONSOLE_NAMESPACE, PLAYER_NAMESPACE } from '@playlists/events'
import { FAILED_MESSAGE, runGuarded } from '@server/guard'
import { loggerOptions } from '@server/logging'
import { SOCKET_ACCESS, SOCKET_ARGUMENTS } from '@server/realtime/access'
import { io } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, seedMinimal, slide, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { heartbeat } from '../helpers/heartbeat'
import { connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { playEvent } from '../helpers/plays'
import { until } from '../helpers/wait'

/**
 * The one guard around socket handlers and jobs (server/guard.ts): whatever a handler throws,
 * now or later, is logged with the sender, answered as an error where the event has an
 * acknowledgement, and never reaches the process. Vitest fails a test on any error that escapes
 * to the process, so each test here would fail without the guard.
 */

let t: TestApp
let base: string
let broken = false
const players: TestPlayer[] = []
const log: Record<string, unknown>[] = []
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) log.push(JSON.parse(line))
    done()
  },
})

const player = () => {
  const p = connectPlayer(base, screenToken(t.app, 'screen-a'))
  players.push(p)
  return p
}

/** A valid payload for every event a player may send, so the handler itself runs. */
const PAYLOADS: Record<string, unknown[]> = {
  heartbeat: [heartbeat(null)],
  'document:applied': [{ version: 1, hash: 'a'.repeat(64) }],
  'clock:sync': [],
  plays: [[playEvent()]],
}

describe('the socket guard', () => {
  beforeEach(async () => {
    broken = false
    log.length = 0
    t = await createTestApp({
      logger: loggerOptions('info', sink),
      clock: () => {
        // Every player handler reads the clock: a broken clock breaks each of them.
        if (broken) throw new Error('the clock broke')
        return Date.now()
      },
    })
    await seedMinimal(t.app, 'screen-a', 'pl-a')
    base = await listen(t)
  })
  afterEach(async () => {
    for (const p of players.splice(0)) p.close()
    await t.close()
  })

  it('answers every player event whose handler throws with an error, and keeps the channel', async () => {
    expect(Object.keys(PAYLOADS).sort()).toEqual(Object.keys(SOCKET_ACCESS[PLAYER_NAMESPACE]!.events).sort())
    const p = player()
    await until(() => p.documents.length === 1, 5_000, 'document')
    broken = true
    for (const [event, args] of Object.entries(PAYLOADS)) {
      expect(args).toHaveLength(SOCKET_ARGUMENTS[event]!)
      const answer = await p.timeout(5_000).emitWithAck(event as 'heartbeat', ...(args as [never]))
      // clock:sync answers a bare number, so its failure is the only { ok: false } it sends.
      expect(answer, event).toMatchObject({ ok: false })
      if (event !== 'plays') expect(answer).toEqual({ ok: false, code: 'socket.failed', msg: FAILED_MESSAGE })
    }
    expect(p.connected).toBe(true)
    broken = false
    expect(await p.timeout(5_000).emitWithAck('heartbeat', heartbeat(null))).toMatchObject({ ok: true })
    const failed = log.filter((l) => l.msg === 'failed (the server carries on)')
    expect(failed.map((l) => l.event).sort()).toEqual(['clock:sync', 'document:applied', 'heartbeat'])
    expect(failed.every((l) => l.screenId === 'screen-a' && l.nsp === PLAYER_NAMESPACE)).toBe(true)
  })

  it('disconnects a player whose connection handler throws, and serves the next one', async () => {
    const connected = vi.spyOn(t.app.screenStatus, 'connected').mockImplementationOnce(() => {
      throw new Error('presence could not be written')
    })
    const first = player()
    await until(
      () => connected.mock.calls.length === 1 && !first.connected,
      5_000,
      'the failed connection closed',
    )
    const second = player()
    await until(() => second.documents.length === 1, 5_000, 'document')
    expect(log.some((l) => l.step === 'connection' && l.screenId === 'screen-a')).toBe(true)
  })

  it('refuses a connection whose middleware throws with 503, and the server carries on', async () => {
    vi.spyOn(t.app.repos.screens, 'find').mockImplementationOnce(() => {
      throw new Error('the screens table could not be read')
    })
    const p = player()
    const error = await new Promise<Error & { data?: { statusCode?: number } }>((resolve) =>
      p.once('connect_error', resolve),
    )
    expect(error.message).toBe(FAILED_MESSAGE)
    expect(error.data?.statusCode).toBe(503)
    const again = player()
    await until(() => again.documents.length === 1, 5_000, 'document')
  })

  it('disconnects a console whose first snapshot cannot be read', async () => {
    vi.spyOn(t.app.repos.status, 'list').mockImplementationOnce(() => {
      throw new Error('statuses could not be read')
    })
    const socket = io(`${base}${CONSOLE_NAMESPACE}`, {
      auth: { token: t.team.admin.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    })
    const reason = await new Promise<string>((resolve) => socket.once('disconnect', resolve))
    expect(reason).toBe('io server disconnect')
    socket.close()
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200)
  })

  it('publishes even when handing the documents to the sockets throws; players get them at their next heartbeat', async () => {
    const p = player()
    await until(() => p.documents.length === 1, 5_000, 'document')
    vi.spyOn(t.app.io.of(PLAYER_NAMESPACE), 'to').mockImplementationOnce(() => {
      throw new Error('the room broke')
    })
    await t.app.inject({
      method: 'PUT',
      url: '/api/playlists/pl-a',
      payload: { name: 'Again', items: [slide('s9', 'Again')] },
    })
    const published = await approveAndPublish(t.app, 'playlist', 'pl-a')
    expect(published.screens).toEqual([expect.objectContaining({ screenId: 'screen-a', version: 2 })])
    expect(
      log.some((l) => l.step === 'deliver documents' && l.msg === 'failed (the server carries on)'),
    ).toBe(true)
    expect(p.documents).toHaveLength(1)
    const ack = await p.timeout(5_000).emitWithAck('heartbeat', heartbeat(1))
    expect(ack).toEqual({ ok: true, version: 2 })
    await until(() => p.documents.length === 2, 5_000, 'the document, sent after the heartbeat')
  })

  it('refuses anonymous connections to the default namespace', async () => {
    const socket = io(`${base}/`, { transports: ['websocket'], reconnection: false, forceNew: true })
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve))
    socket.close()
    expect(error.message).toMatch(/Nothing is served on the namespace "\/": players connect to \/player/)
  })
})

describe('runGuarded', () => {
  it('logs a throw and a rejection with their context and reports both, never rethrowing', async () => {
    const entries: unknown[][] = []
    const fake = { error: (...a: unknown[]) => entries.push(a), warn: (...a: unknown[]) => entries.push(a) }
    const told: string[] = []
    runGuarded(
      fake as never,
      { job: 'sync' },
      () => {
        throw new Error('now')
      },
      (message) => told.push(message),
    )
    runGuarded(
      fake as never,
      { job: 'later' },
      () => Promise.reject(new Error('later')),
      (m) => told.push(m),
    )
    // A sender that cannot be told is logged too, not thrown.
    runGuarded(
      fake as never,
      { job: 'untold' },
      () => {
        throw new Error('x')
      },
      () => {
        throw new Error('the socket is gone')
      },
    )
    await new Promise((r) => setImmediate(r))
    expect(told).toEqual([FAILED_MESSAGE, FAILED_MESSAGE])
    expect(entries.map((e) => (e[0] as { job: string }).job)).toEqual(['sync', 'untold', 'untold', 'later'])
  })
})

describe('scheduled jobs', () => {
  it('log a failing job with its name and run it again at its next tick', async () => {
    const lines: Record<string, unknown>[] = []
    const jobLog = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
        done()
      },
    })
    const s = await createTestApp({ scheduleJobs: true, logger: loggerOptions('info', jobLog) })
    try {
      const publishDue = vi.spyOn(s.app.publisher, 'publishDue').mockImplementation(() => {
        throw new Error('publishing broke')
      })
      await s.app.ready()
      await until(() => publishDue.mock.calls.length >= 2, 5_000, 'two ticks of publish-due')
      expect(lines.some((l) => l.job === 'publish-due' && l.msg === 'failed (the server carries on)')).toBe(
        true,
      )
      expect((await s.app.inject({ url: '/api/health' })).statusCode).toBe(200)
    } finally {
      await s.close()
    }
  })
})
