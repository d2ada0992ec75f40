import type { Readable } from 'node:stream'
import { AUDIT_CSV_CHUNK_ENTRIES } from '@server/compute/tasks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * The audit export streams (GET /api/audit.csv): fifty thousand entries come out complete and in
 * order, sent as they are read (chunked, the first bytes before the last are even read), and a
 * client that stops reading holds the server to a chunk or two ahead of it, not the whole file.
 */

const ENTRIES = 50_000
/**
 * The chunks a whole export computes: one per AUDIT_CSV_CHUNK_ENTRIES entries (the header rides
 * with the first), and a last one that finds none left when the count divides evenly.
 */
const CHUNKS = Math.floor(ENTRIES / AUDIT_CSV_CHUNK_ENTRIES) + 1
const ACTION = 'stream.test'
/** A name with the separator, a quote and Vietnamese: every entry's CSV line needs quoting. */
const ACTOR = 'Nguyễn "An", cửa khẩu'

let t: TestApp
/** Every chunk the compute workers made for an export, in bytes, as the route received them. */
let produced: number[] = []

beforeAll(async () => {
  t = await createTestApp({ seed: false })
  const insert = t.app.db.prepare(
    `INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, via, action, object_type, object_id,
       outcome, ip, user_agent, before, after, detail)
     VALUES (?, 'user', 'u-1', ?, 'session', ?, 'playlist', ?, 'ok', '10.0.0.7', 'Chrome/120', ?, NULL, NULL)`,
  )
  const at = Date.parse('2026-01-01T00:00:00Z')
  t.app.db.transaction(() => {
    for (let i = 0; i < ENTRIES; i++)
      insert.run(new Date(at + i * 60_000).toISOString(), ACTOR, ACTION, `p-${i}`, JSON.stringify({ i }))
  })()
  const pool = t.app.compute
  const run = pool.run.bind(pool)
  pool.run = (async (...args: Parameters<typeof run>) => {
    const answer = (await run(...args)) as { text: Uint8Array }
    if (args[0] === 'auditCsv') produced.push(answer.text.byteLength)
    return answer
  }) as typeof pool.run
}, 120_000)
afterAll(async () => {
  await t?.close()
})

const url = `/api/audit.csv?action=${ACTION}`

describe('the audit CSV export of fifty thousand entries', () => {
  it('is sent chunked, its first bytes before the last entries are read', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const port = (t.app.server.address() as { port: number }).port
    produced = []
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: t.team.admin.headers })
    expect(res.status).toBe(200)
    expect(res.headers.get('transfer-encoding')).toBe('chunked')
    expect(res.headers.get('content-length')).toBeNull()
    const reader = res.body!.getReader()
    const first = await reader.read()
    expect(first.value!.byteLength).toBeGreaterThan(0)
    expect(produced.length).toBeLessThan(CHUNKS)
    await reader.cancel()
  })

  it('holds a chunk or two ahead of a client that stops reading, then sends every entry', async () => {
    produced = []
    const res = await t.app.inject({
      method: 'GET',
      url,
      headers: t.team.admin.headers,
      payloadAsStream: true,
    })
    const body = res.stream() as Readable
    // Read one chunk, then stop: what the server made and the client has not taken is the server's.
    const first = (await new Promise<Buffer>((resolve) => body.once('data', resolve))) as Buffer
    body.pause()
    let seen = -1
    await expect
      .poll(() => {
        const idle = t.app.compute.load.running === 0 && t.app.compute.load.waiting === 0
        const settled = idle && produced.length === seen
        seen = produced.length
        return settled
      })
      .toBe(true)
    const made = produced.reduce((sum, n) => sum + n, 0)
    const held = made - first.byteLength - body.readableLength
    const chunk = Math.max(...produced)
    console.info(
      `paused client: ${produced.length} of ${CHUNKS} chunks made, ${held} bytes held, chunk ${chunk}`,
    )
    expect(produced.length).toBeLessThan(CHUNKS)
    // One chunk waiting in the stream and one being pushed at most: never the file (CHUNKS of them).
    expect(held, `${produced.length} chunks made, ${held} bytes held`).toBeLessThanOrEqual(3 * chunk)

    const rest: Buffer[] = []
    for await (const part of body) rest.push(part as Buffer)
    const text = Buffer.concat([first, ...rest]).toString('utf8')
    const lines = text.split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines[0]!.startsWith('\uFEFFseq,at,actor_kind')).toBe(true)
    const entries = lines.slice(1, -1)
    expect(entries).toHaveLength(ENTRIES)
    // Newest first, every entry once: object ids p-49999 … p-0, each line whole.
    entries.forEach((line, k) => {
      const i = ENTRIES - 1 - k
      const at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString()
      expect(line.slice(line.indexOf(','))).toBe(
        `,${at},user,u-1,"Nguyễn ""An"", cửa khẩu",session,${ACTION},playlist,p-${i},ok,10.0.0.7,Chrome/120,,"{""i"":${i}}",`,
      )
    })
  }, 120_000)
})
