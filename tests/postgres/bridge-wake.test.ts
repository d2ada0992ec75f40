import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SyncBridge } from '@server/db/postgres/bridge'
import { SLOT_ANSWERED } from '@server/db/postgres/protocol'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * A stand-in for the engine's worker (server/db/postgres/bridge-worker.ts) that wakes the main
 * thread before it answers: what a notify held up between the real worker's flag and its notify
 * does to the next statement on a busy machine. No PostgreSQL: the bridge's waiting alone.
 */
const WORKER = `
import { workerData } from 'node:worker_threads'
const slots = new Int32Array(workerData.shared)
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
let n = 0
workerData.port.on('message', (request) => {
  n++
  if (n > 1) {
    // A wake-up with no answer behind it, then the answer a moment later.
    Atomics.notify(slots, ${SLOT_ANSWERED})
    pause(150)
  }
  workerData.port.postMessage({ ok: true, rows: [{ n, text: request.text ?? null }], rowCount: 1 })
  Atomics.store(slots, ${SLOT_ANSWERED}, 1)
  Atomics.notify(slots, ${SLOT_ANSWERED})
})
`

const dir = mkdtempSync(join(tmpdir(), 'gatecast-bridge-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the PostgreSQL bridge', () => {
  it('takes a wake-up without an answer for what it is, and waits on for the answer', () => {
    const entry = join(dir, 'early-wake.mjs')
    writeFileSync(entry, WORKER)
    const bridge = new SyncBridge(pathToFileURL(entry), 'postgres://unused')
    try {
      for (const text of ['first', 'second', 'third']) {
        const answer = bridge.call({ op: 'exec', text })
        expect(answer.rows).toEqual([expect.objectContaining({ text })])
      }
    } finally {
      ;(bridge as unknown as { stopWorker(): void }).stopWorker()
    }
  })
})
