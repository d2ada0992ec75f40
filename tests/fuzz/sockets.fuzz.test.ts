import fc from 'fast-check'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SOCKET_ACCESS } from '../../server/realtime/access'
import { createTestApp, type TestApp } from '../helpers/app'
import { listen, until } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { jsonText } from './arbitraries'

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
    auth: { token },
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
      const token = namespace === '/player' ? screenToken(t.app, 'chi-ma-led') : t.team.admin.token
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
      expect(t.app.db.pragma('integrity_check', { simple: true })).toBe('ok')
    },
    120_000,
  )
})
