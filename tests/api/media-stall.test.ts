import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { makePng } from '../helpers/files'
import { listen } from '../helpers/listen'
import { mediaFilesOnDisk } from '../helpers/media'

/** Short, so the test waits a fraction of a second rather than the real 30 s. */
const STALL_MS = 300
/** Bound on the whole exchange: a server that never cuts the upload fails the test, not the run. */
const TEST_BOUND_MS = 5_000

let t: TestApp
let base: URL
beforeEach(async () => {
  t = await createTestApp({ uploadStallMs: STALL_MS })
  base = new URL(await listen(t))
})
afterEach(() => t.close())

/**
 * Sends the headers and the first part of a multipart upload over a raw socket, then goes
 * quiet, like a gate's uplink dropping mid-upload. Resolves with what the server answered
 * and how long it took to close the connection.
 */
function stallingUpload(authorization?: string): Promise<{ response: string; closedAfterMs: number }> {
  const boundary = '----gatecaststall'
  const file = makePng(300, 300)
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.png"\r\n` +
      'Content-Type: image/png\r\n\r\n',
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const length = head.length + file.length + tail.length
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const socket = connect(Number(base.port), base.hostname)
    const chunks: Buffer[] = []
    const bound = setTimeout(() => {
      socket.destroy()
      reject(new Error(`the server kept a stalled upload open for ${TEST_BOUND_MS} ms`))
    }, TEST_BOUND_MS)
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', () => {}) // a reset after the answer is fine; 'close' follows
    socket.on('close', () => {
      clearTimeout(bound)
      resolve({ response: Buffer.concat(chunks).toString('utf8'), closedAfterMs: Date.now() - started })
    })
    socket.on('connect', () => {
      socket.write(
        `POST /api/media HTTP/1.1\r\nHost: ${base.host}\r\n` +
          (authorization ? `Authorization: ${authorization}\r\n` : '') +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n`,
      )
      // Half the file, then silence.
      socket.write(Buffer.concat([head, file.subarray(0, Math.floor(file.length / 2))]))
    })
  })
}

describe('media API: an upload that stalls', () => {
  it('is cut after the stall timeout with 408, the connection closed and nothing kept', async () => {
    const { response, closedAfterMs } = await stallingUpload(t.team.editor.headers.authorization)
    expect(response).toMatch(/^HTTP\/1\.1 408 /)
    expect(response).toMatch(/no data arrived/)
    expect(closedAfterMs).toBeGreaterThanOrEqual(STALL_MS)
    expect(mediaFilesOnDisk(t.dataDir)).toEqual([])
    const list = await fetch(new URL('/api/media', base), { headers: t.team.editor.headers })
    expect(list.status).toBe(200)
    expect(await list.json()).toEqual([])
  })

  it('answers an upload without credentials 401 at once and closes the connection, reading no body', async () => {
    const { response, closedAfterMs } = await stallingUpload()
    expect(response).toMatch(/^HTTP\/1\.1 401 /)
    expect(response).toMatch(/connection: close/i)
    expect(closedAfterMs).toBeLessThan(STALL_MS)
    expect(mediaFilesOnDisk(t.dataDir)).toEqual([])
  })

  it('does not cut an upload that keeps sending, however slowly', async () => {
    const file = makePng(64, 64)
    const boundary = '----gatecastslow'
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.png"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    // Four pieces, each sent just inside the stall timeout: longer in total than the timeout.
    const pieces = [0, 1, 2, 3].map((i) => body.subarray((i * body.length) / 4, ((i + 1) * body.length) / 4))
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const piece of pieces) {
          controller.enqueue(piece)
          await new Promise((r) => setTimeout(r, STALL_MS / 2))
        }
        controller.close()
      },
    })
    const res = await fetch(new URL('/api/media', base), {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...t.team.editor.headers },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(201)
  })
})
