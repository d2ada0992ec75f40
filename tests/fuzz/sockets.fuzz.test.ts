import { AGENT_NAMESPACE } from '@playlists/agent'
import type { PlaysAck } from '@playlists/events'
import { SOCKET_ACCESS } from '@server/realtime/access'
import fc from 'fast-check'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { jsonText } from '../helpers/arbitraries'
import { heartbeat } from '../helpers/heartbeat'
import { listen } from '../helpers/listen'
import { ODD_NUMBERS, OUT_OF_RANGE, placeRaw } from '../helpers/numbers'
import { screenToken } from '../helpers/pairing'
import { playEvent } from '../helpers/plays'
import { sqliteStore } from '../helpers/sqlite'
import { until } from '../helpers/wait'

/**
 * Every socket event of every namespace, fed random and hostile payloads by a connected,
 * authenticated client (a paired player; a signed-in console): any number of arguments, with
 * and without an acknowledgement callback, events nobody declared. The server answers each
 * acknowledged event with `{ ok: false, msg }` or a result, never crashes, and its database
 * passes the integrity check afterwards.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 600)
let t: TestApp
let base: string
const sockets: Socket[] = []

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  base = await listen(t)
})
afterAll(async () => {
  for (const s of sockets) s.disconnect()
  await t?.close()
})

function connect(namespace: string, token: string): Promise<Socket> {
  const socket = io(`${base}${namespace}`, {
    // The kiosk agent's handshake also names its version.
    auth: namespace === AGENT_NAMESPACE ? { token, version: 'fuzz' } : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

const args = fc.array(
  jsonText.map((text) => JSON.parse(text) as unknown),
  { maxLength: 3 },
)

describe('fuzzing every socket event', () => {
  it.each(Object.entries(SOCKET_ACCESS))(
    `%s: random payloads on every declared event and on undeclared ones (${RUNS} cases)`,
    async (namespace, access) => {
      const byScreen = namespace === '/player' || namespace === AGENT_NAMESPACE
      const token = byScreen ? screenToken(t.app, 'chi-ma-led') : t.team.admin.token
      const socket = await connect(namespace, token)
      const events = [
        ...Object.keys(access.events),
        'undeclared',
        'constructor',
        '__proto__',
        'hasOwnProperty',
      ]
      let acked = 0
      let sent = 0
      let dropped = ''
      socket.on('disconnect', (reason) => {
        dropped = reason
      })
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...events), args, fc.boolean(), async (event, values, withAck) => {
          sent += withAck ? 1 : 0
          if (withAck) socket.emit(event, ...values, () => acked++)
          else socket.emit(event, ...values)
        }),
        { numRuns: RUNS },
      )
      // Every acknowledged event was answered: the server kept up and kept the channel.
      await until(() => acked === sent || dropped !== '', 20_000, `${sent} acknowledgements (got ${acked})`)
      expect(dropped, 'the server dropped the channel').toBe('')
      expect(acked).toBe(sent)
      expect(socket.connected).toBe(true)
      expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200)
      expect(sqliteStore(t.app.db).pragma('integrity_check', { simple: true })).toBe('ok')
    },
    120_000,
  )
})

/**
 * Sends `event` with its arguments written as raw JSON text (so 1e400 or 2^63 + 1 reach the
 * server as an attacker writes them; a JSON encoder never would) and resolves with the
 * acknowledgement.
 */
let rawAcks = 900_000
function emitRaw(socket: Socket, event: string, argsText: string): Promise<unknown> {
  const id = rawAcks++
  const nsp = (socket as unknown as { nsp: string }).nsp
  const engine = socket.io.engine
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no acknowledgement of ${event} ${argsText}`)), 5_000)
    const onMessage = (data: unknown) => {
      const prefix = `3${nsp},${id}`
      if (typeof data !== 'string' || !data.startsWith(prefix)) return
      engine.off('message', onMessage)
      clearTimeout(timer)
      resolve((JSON.parse(data.slice(prefix.length)) as unknown[])[0])
    }
    engine.on('message', onMessage)
    engine.send(`2${nsp},${id}[${JSON.stringify(event)},${argsText}]`)
  })
}

describe('numeric extremes in every player event', () => {
  it('refuses each, at each number of each event, and keeps the channel', async () => {
    const socket = await connect('/player', screenToken(t.app, 'chi-ma-led'))
    const play = playEvent({ playlistId: 'welcome' })
    const samples: { event: string; body: object; slots: string[]; refused: (ack: unknown) => boolean }[] = [
      {
        event: 'heartbeat',
        body: {
          ...heartbeat(null),
          pendingVersion: 1,
          pendingPlays: 0,
          storage: { usageBytes: 1, quotaBytes: 2 },
        },
        slots: [
          '/version',
          '/uptimeMs',
          '/memory/usedBytes',
          '/memory/totalBytes',
          '/resolution/width',
          '/resolution/height',
          '/resolution/pixelRatio',
          '/clockOffsetMs',
          '/pendingVersion',
          '/pendingPlays',
          '/storage/usageBytes',
          '/storage/quotaBytes',
        ],
        refused: (ack) => (ack as { ok: boolean }).ok === false,
      },
      {
        event: 'document:applied',
        body: { version: 1, hash: 'a'.repeat(64) },
        slots: ['/version'],
        refused: (ack) => (ack as { ok: boolean }).ok === false,
      },
      {
        // One absurd play is refused alone, named in an acknowledgement that is otherwise fine.
        event: 'plays',
        body: [play],
        slots: ['/0/documentVersion', '/0/startMs', '/0/endMs'],
        refused: (ack) =>
          (ack as PlaysAck & { ok: boolean }).ok === true &&
          (ack as PlaysAck).refused?.[0]?.id === play.id &&
          (ack as PlaysAck).stored.length === 0,
      },
    ]
    for (const sample of samples) {
      for (const slot of sample.slots) {
        for (const raw of OUT_OF_RANGE) {
          const ack = await emitRaw(socket, sample.event, placeRaw(sample.body, slot, raw))
          expect(sample.refused(ack), `${sample.event} ${slot}=${raw}: ${JSON.stringify(ack)}`).toBe(true)
        }
        for (const raw of ODD_NUMBERS) {
          const ack = await emitRaw(socket, sample.event, placeRaw(sample.body, slot, raw))
          expect(ack, `${sample.event} ${slot}=${raw}`).toHaveProperty('ok')
        }
      }
    }
    // The server answered all of them on the same channel, and still serves it.
    expect(socket.connected).toBe(true)
    expect(await socket.timeout(5_000).emitWithAck('heartbeat', heartbeat(null))).toMatchObject({ ok: true })
    expect(sqliteStore(t.app.db).pragma('integrity_check', { simple: true })).toBe('ok')
  }, 60_000)
})

describe('numeric extremes in every kiosk agent event', () => {
  it('refuses each, at each number of each event, and keeps the channel', async () => {
    const socket = await connect(AGENT_NAMESPACE, screenToken(t.app, 'chi-ma-led'))
    const state = {
      hardware: ['dpms'],
      display: { on: true, brightness: 80 },
      event: { kind: 'brightness', atMs: 1_000, detail: 'fuzz' },
    }
    const samples = [{ event: 'agent:state', body: state, slots: ['/display/brightness', '/event/atMs'] }]
    for (const sample of samples) {
      for (const slot of sample.slots) {
        for (const raw of OUT_OF_RANGE) {
          const ack = await emitRaw(socket, sample.event, placeRaw(sample.body, slot, raw))
          expect(ack, `${sample.event} ${slot}=${raw}`).toMatchObject({ ok: false })
        }
        for (const raw of ODD_NUMBERS) {
          const ack = await emitRaw(socket, sample.event, placeRaw(sample.body, slot, raw))
          expect(ack, `${sample.event} ${slot}=${raw}`).toHaveProperty('ok')
        }
      }
    }
    expect(socket.connected).toBe(true)
    expect(await socket.timeout(5_000).emitWithAck('agent:state', state)).toMatchObject({ ok: true })
    expect(sqliteStore(t.app.db).pragma('integrity_check', { simple: true })).toBe('ok')
  }, 60_000)
})
