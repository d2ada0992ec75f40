import { readdirSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import type { ConnectionLimits } from '@server/connections/limits'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'
import { makePng } from '../helpers/files'
import { connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { mediaFilesOnDisk } from '../helpers/media'
import { screenToken } from '../helpers/pairing'
import { nothingHappensWithin, until } from '../helpers/wait'

/**
 * Issue 16: clients that trickle their headers or bodies, or sit idle, are cut within the
 * limits, and one address cannot hold more than its share of connections. The limits are
 * shortened to fractions of a second through the app's own options, as main.ts passes them.
 */

/** Bound on any one exchange: a server that never cuts the client fails the test, not the run. */
const TEST_BOUND_MS = 8_000
/** Room for a loaded machine between a deadline and the cut being seen. */
const SLACK_MS = 2_500
/** Node closes an idle keep-alive connection this long after its own keepAliveTimeout. */
const NODE_KEEP_ALIVE_BUFFER_MS = 1_000

/**
 * Limits in fractions of a second, the minimum pace 64 KiB/s; each block changes what it is
 * about. No caps by default: the timeouts' tests open connections freely.
 */
const shortLimits = (changes: Partial<ConnectionLimits>): ConnectionLimits => ({
  headersTimeoutMs: 400,
  bodyTimeBaseMs: 400,
  bodyMinBytesPerSecond: 64 * 1024,
  idleTimeoutMs: 1_500,
  keepAliveTimeoutMs: 300,
  perAddress: 0,
  anonymousPerAddress: 0,
  ...changes,
})

interface Held {
  socket: Socket
  /** What the server sent so far. */
  received: () => string
  /** Resolves when the server closes the connection: what it answered, and when. */
  closed: Promise<{ response: string; afterMs: number }>
}

/** A raw connection to the test server (from `localAddress`, another loopback address, if given). */
function hold(base: URL, localAddress?: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(base.port), host: base.hostname, localAddress })
    const chunks: Buffer[] = []
    const received = () => Buffer.concat(chunks).toString('utf8')
    let opened = 0
    const closed = new Promise<{ response: string; afterMs: number }>((done, fail) => {
      const bound = setTimeout(() => {
        socket.destroy()
        fail(new Error(`the server kept the connection open for ${TEST_BOUND_MS} ms`))
      }, TEST_BOUND_MS)
      socket.on('close', () => {
        clearTimeout(bound)
        done({ response: received(), afterMs: Date.now() - opened })
      })
    })
    closed.catch(() => {}) // awaited by the test that cares; the rest only clean up
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', () => {}) // a reset after the answer is fine; 'close' follows
    socket.once('error', reject)
    socket.on('connect', () => {
      opened = Date.now()
      resolve({ socket, received, closed })
    })
  })
}

/** Writes `data` one byte every `everyMs` until the connection closes. */
function trickle(socket: Socket, data: Buffer, everyMs: number): void {
  let i = 0
  const timer = setInterval(() => {
    if (socket.destroyed || i >= data.length) return clearInterval(timer)
    socket.write(data.subarray(i, i + 1))
    i += 1
  }, everyMs)
  socket.on('close', () => clearInterval(timer))
}

const request = (method: string, path: string, headers: Record<string, string | number> = {}) =>
  `${method} ${path} HTTP/1.1\r\nHost: gatecast.test\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`

/** Sends a GET on `held` and resolves with the whole answer (health answers are small). */
async function get(held: Held, path = '/api/health'): Promise<string> {
  const before = held.received().length
  held.socket.write(request('GET', path))
  await until(
    () => /\r\n\r\n[\s\S]*\}$/.test(held.received().slice(before)),
    TEST_BOUND_MS,
    `an answer to ${path}`,
  )
  return held.received().slice(before)
}

/** A multipart upload of `file`, in the three pieces a test sends at its own pace. */
function uploadParts(file: Buffer) {
  const boundary = '----gatecastslow'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.png"\r\n` +
      'Content-Type: image/png\r\n\r\n',
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { boundary, head, file, tail, length: head.length + file.length + tail.length }
}

function uploadHeaders(t: TestApp, parts: ReturnType<typeof uploadParts>): string {
  return request('POST', '/api/media', {
    authorization: t.team.editor.headers.authorization,
    'content-type': `multipart/form-data; boundary=${parts.boundary}`,
    'content-length': parts.length,
  })
}

const incoming = (t: TestApp) => readdirSync(join(t.dataDir, 'media', '.incoming'))

describe('slow clients: timeouts', () => {
  const limits = shortLimits({})
  let t: TestApp
  let base: URL
  beforeAll(async () => {
    // The stall cut is longer than the trickles' gaps: the pace is what must cut them.
    t = await createTestApp({ connections: limits, uploadStallMs: 5_000 })
    base = new URL(await listen(t))
  })
  afterAll(() => t.close())

  it('closes a connection whose headers trickle in, with 408, once the headers timeout passes', async () => {
    const held = await hold(base)
    trickle(held.socket, Buffer.from(request('GET', '/api/health', { 'x-padding': 'a'.repeat(200) })), 50)
    const { response, afterMs } = await held.closed
    expect(response).toMatch(/^HTTP\/1\.1 408 /)
    expect(afterMs).toBeGreaterThanOrEqual(limits.headersTimeoutMs - 50)
    expect(afterMs).toBeLessThan(limits.headersTimeoutMs + SLACK_MS)
  })

  it('closes a connection that sends nothing at all, once the headers timeout passes', async () => {
    const { afterMs } = await (await hold(base)).closed
    expect(afterMs).toBeLessThan(limits.headersTimeoutMs + SLACK_MS)
  })

  it('cuts a body that trickles in, with a 408 that says why, after the base allowance', async () => {
    const held = await hold(base)
    const body = JSON.stringify({ username: 'editor', password: 'x'.repeat(500) })
    held.socket.write(
      request('POST', '/api/auth/login', {
        'content-type': 'application/json',
        'content-length': body.length,
      }),
    )
    trickle(held.socket, Buffer.from(body), 50)
    const { response, afterMs } = await held.closed
    expect(response).toMatch(/^HTTP\/1\.1 408 /)
    expect(response).toMatch(/arrived too slowly/)
    expect(afterMs).toBeGreaterThanOrEqual(limits.bodyTimeBaseMs - 50)
    expect(afterMs).toBeLessThan(limits.bodyTimeBaseMs + SLACK_MS)
  })

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const held = await hold(base)
    expect(await get(held)).toMatch(/^HTTP\/1\.1 200 /)
    const { afterMs } = await held.closed
    expect(afterMs).toBeGreaterThanOrEqual(limits.keepAliveTimeoutMs)
    expect(afterMs).toBeLessThan(limits.keepAliveTimeoutMs + NODE_KEEP_ALIVE_BUFFER_MS + SLACK_MS)
  })

  it('cuts an upload trickling past the time its size allows, with 408, and keeps no temporary file', async () => {
    const parts = uploadParts(makePng(300, 300))
    const held = await hold(base)
    // Half the file at once, then a byte every 50 ms: never quiet long enough for the stall cut.
    const half = Math.floor(parts.file.length / 2)
    held.socket.write(uploadHeaders(t, parts))
    held.socket.write(Buffer.concat([parts.head, parts.file.subarray(0, half)]))
    trickle(held.socket, parts.file.subarray(half), 50)
    await until(() => incoming(t).length > 0, TEST_BOUND_MS, 'the temporary file')
    const { response, afterMs } = await held.closed
    expect(response).toMatch(/^HTTP\/1\.1 408 /)
    expect(response).toMatch(/arrived too slowly/)
    // What arrived at once buys its time at the minimum pace; the trickle buys almost nothing.
    const allowedMs = limits.bodyTimeBaseMs + (half * 1000) / limits.bodyMinBytesPerSecond
    expect(afterMs).toBeLessThan(allowedMs + SLACK_MS)
    await until(() => incoming(t).length === 0, TEST_BOUND_MS, 'the temporary file to go')
    expect(mediaFilesOnDisk(t.dataDir)).toEqual([])
  })

  it('lets an upload take longer than the base allowance when it keeps the minimum pace', async () => {
    const parts = uploadParts(makePng(300, 301))
    const body = Buffer.concat([parts.head, parts.file, parts.tail])
    const held = await hold(base)
    held.socket.write(uploadHeaders(t, parts))
    // Twice the minimum pace, in tenths of a second: about 1.3 s for 164 KB, past the 0.4 s base.
    const piece = Math.ceil((limits.bodyMinBytesPerSecond * 2) / 10)
    const started = Date.now()
    for (let at = 0; at < body.length; at += piece) {
      held.socket.write(body.subarray(at, at + piece))
      await new Promise((r) => setTimeout(r, 100))
    }
    await until(() => /\r\n\r\n\{[\s\S]*\}$/.test(held.received()), TEST_BOUND_MS, 'the answer')
    expect(Date.now() - started).toBeGreaterThan(limits.bodyTimeBaseMs)
    expect(held.received()).toMatch(/^HTTP\/1\.1 201 /)
    held.socket.destroy()
  })

  describe('a player', () => {
    let player: TestPlayer | undefined
    afterEach(() => {
      player?.disconnect()
    })

    it('keeps its websocket open past every timeout, and is answered on it', async () => {
      await seedMinimal(t.app)
      player = connectPlayer(base.origin, screenToken(t.app, 'screen-a'))
      await until(() => player?.connected === true, TEST_BOUND_MS, 'the player to connect')
      const longest =
        Math.max(
          limits.headersTimeoutMs,
          limits.bodyTimeBaseMs,
          limits.idleTimeoutMs,
          limits.keepAliveTimeoutMs,
        ) + NODE_KEEP_ALIVE_BUFFER_MS
      // A timeout wrongly applied to the websocket would cut it at that timeout's own deadline, and
      // no event marks every deadline passed: give them all time to fire.
      await nothingHappensWithin(longest + 500)
      expect(player.connected).toBe(true)
      const serverNow = await player.timeout(TEST_BOUND_MS).emitWithAck('clock:sync')
      expect(serverNow).toBeGreaterThan(0)
    })
  })
})

describe('slow clients: an upload cut for any reason leaves no temporary file', () => {
  // The connection's idle timeout comes first here; the pace and the stall cut come later.
  const limits = shortLimits({ headersTimeoutMs: 2_000, bodyTimeBaseMs: 5_000, idleTimeoutMs: 600 })
  const MAX_UPLOAD_BYTES = 250_000
  let t: TestApp
  let base: URL
  beforeEach(async () => {
    t = await createTestApp({ connections: limits, uploadStallMs: 5_000, maxUploadBytes: MAX_UPLOAD_BYTES })
    base = new URL(await listen(t))
  })
  afterEach(() => t.close())

  /** Starts an upload of a large picture: headers, the part's head and `bytes` of the file. */
  async function startUpload(bytes: number) {
    const parts = uploadParts(makePng(600, 600))
    const held = await hold(base)
    held.socket.write(uploadHeaders(t, parts))
    held.socket.write(Buffer.concat([parts.head, parts.file.subarray(0, bytes)]))
    return held
  }

  const nothingKept = async () => {
    await until(() => incoming(t).length === 0, TEST_BOUND_MS, 'the temporary file to go')
    expect(mediaFilesOnDisk(t.dataDir)).toEqual([])
  }

  it('when the client drops the connection halfway', async () => {
    const held = await startUpload(150_000)
    await until(() => incoming(t).length > 0, TEST_BOUND_MS, 'the temporary file')
    held.socket.destroy()
    await nothingKept()
  })

  it('when the client drops the connection just as the file begins', async () => {
    const held = await startUpload(1)
    held.socket.destroy()
    // The server may open the temporary file after it sees the connection go, and nothing marks
    // the end of its clean-up but the file's absence: give a file left behind time to appear.
    await nothingHappensWithin(200)
    await nothingKept()
  })

  it('when the file passes the size limit (413)', async () => {
    const parts = uploadParts(makePng(600, 600))
    expect(parts.file.length).toBeGreaterThan(MAX_UPLOAD_BYTES)
    const held = await hold(base)
    held.socket.write(uploadHeaders(t, parts))
    held.socket.write(Buffer.concat([parts.head, parts.file, parts.tail]))
    await until(() => /\r\n\r\n\{[\s\S]*\}$/.test(held.received()), TEST_BOUND_MS, 'the answer')
    expect(held.received()).toMatch(/^HTTP\/1\.1 413 /)
    held.socket.destroy()
    await nothingKept()
  })

  it('when the connection goes quiet past the idle timeout, before the stall cut', async () => {
    const held = await startUpload(150_000)
    const { afterMs } = await held.closed
    expect(afterMs).toBeLessThan(limits.idleTimeoutMs + SLACK_MS)
    await nothingKept()
  })
})

describe('slow clients: connections per address', () => {
  // Silent connections are held long enough to fill the caps, then cut by the headers timeout.
  const limits = shortLimits({
    headersTimeoutMs: 1_500,
    bodyTimeBaseMs: 5_000,
    idleTimeoutMs: 10_000,
    keepAliveTimeoutMs: 10_000,
    perAddress: 5,
    anonymousPerAddress: 3,
  })
  let t: TestApp
  let base: URL
  const opened: Held[] = []
  const open = async (localAddress?: string) => {
    const held = await hold(base, localAddress)
    opened.push(held)
    return held
  }
  /**
   * The server counts a connection when it accepts it, a moment after the client sees it open:
   * waits until it holds `n` (node's own count, kept as it accepts and closes them).
   */
  const holding = (n: number) =>
    until(
      () =>
        new Promise<boolean>((resolve) =>
          t.app.server.getConnections((_error, count) => resolve(count === n)),
        ),
      TEST_BOUND_MS,
      `the server to hold ${n} connections`,
    )

  afterEach(async () => {
    for (const held of opened.splice(0)) held.socket.destroy()
    await t.close()
  })

  /** A refused connection is closed at once, with a 429 if it could still be written: never a 5xx. */
  async function expectRefused(held: Held, reason: RegExp) {
    const { response, afterMs } = await held.closed
    expect(afterMs).toBeLessThan(SLACK_MS)
    if (response !== '') {
      expect(response).toMatch(/^HTTP\/1\.1 429 /)
      expect(response).toMatch(reason)
    }
  }

  describe('direct', () => {
    beforeEach(async () => {
      t = await createTestApp({ connections: limits })
      base = new URL(await listen(t))
    })

    it('refuses connections past the anonymous cap, while the address’s others and other addresses are served', async () => {
      const established = await open()
      expect(await get(established)).toMatch(/^HTTP\/1\.1 200 /)
      const silent = [await open(), await open(), await open()]
      await holding(4)
      await expectRefused(await open(), /waiting to send a request/)

      expect(await get(established)).toMatch(/^HTTP\/1\.1 200 /)
      expect(await get(await open('127.0.0.2'))).toMatch(/^HTTP\/1\.1 200 /)
      // Once the headers timeout has closed the silent ones, the address is welcome again.
      await Promise.all(silent.map((held) => held.closed))
      expect(await get(await open())).toMatch(/^HTTP\/1\.1 200 /)
    })

    it('caps all connections of an address, however well they behave', async () => {
      const busy: Held[] = []
      for (let i = 0; i < limits.perAddress; i++) {
        const held = await open()
        expect(await get(held)).toMatch(/^HTTP\/1\.1 200 /)
        busy.push(held)
      }
      await expectRefused(await open(), /Too many connections from your address/)
      busy[0]?.socket.destroy()
      await busy[0]?.closed
      await holding(limits.perAddress - 1)
      expect(await get(await open())).toMatch(/^HTTP\/1\.1 200 /)
    })
  })

  describe('through a trusted proxy', () => {
    beforeEach(async () => {
      t = await createTestApp({ connections: limits, trustProxy: ['127.0.0.1'] })
      base = new URL(await listen(t))
    })

    it('does not cap the proxy, and holds each client to its anonymous cap by X-Forwarded-For', async () => {
      // The cap counts a proxied request in its onRequest hook, run as the request's headers arrive:
      // a listener added after the server's own hears of each request once they have run.
      let requests = 0
      t.app.server.on('request', () => requests++)
      // More connections than an address may hold: the proxy carries everyone's.
      for (let i = 0; i <= limits.perAddress; i++) {
        expect(await get(await open())).toMatch(/^HTTP\/1\.1 200 /)
      }
      const login = (client: string, body: string) =>
        request('POST', '/api/auth/login', {
          'content-type': 'application/json',
          'content-length': body.length,
          'x-forwarded-for': client,
        })
      const body = JSON.stringify({ username: 'editor', password: 'not the password' })
      for (let i = 0; i < limits.anonymousPerAddress; i++) {
        const held = await open()
        held.socket.write(login('203.0.113.7', body))
        trickle(held.socket, Buffer.from(body), 200)
      }
      await until(
        () => requests === limits.perAddress + 1 + limits.anonymousPerAddress,
        TEST_BOUND_MS,
        'the logins to reach the server',
      )
      const refused = await open()
      refused.socket.write(login('203.0.113.7', body) + body)
      await expectRefused(refused, /still sending their bodies/)

      const other = await open()
      other.socket.write(login('203.0.113.8', body) + body)
      await until(() => /\r\n\r\n\{[\s\S]*\}$/.test(other.received()), TEST_BOUND_MS, 'the answer')
      expect(other.received()).toMatch(/^HTTP\/1\.1 401 /)
    })
  })
})
