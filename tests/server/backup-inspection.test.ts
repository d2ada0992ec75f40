import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { inspectOffLoop } from '@server/backup/inspection'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * The check of a backup's database (hash, `PRAGMA integrity_check`, row counts) runs in a worker
 * thread (server/backup/inspection.ts): while a backup is checked, the server keeps
 * answering. Behaviour, not speed: requests are answered all through the check, with no silence
 * as long as the time integrity_check holds the thread that runs it (measured in the same test).
 */

/**
 * Rows with three indexes on random keys: integrity_check looks up every index entry, seconds of
 * work on this machine (more than hashing the file), which is what held the loop before.
 */
const BIG_ROWS = 250_000

let dir: string
let big: string
let t: TestApp
let base: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatecast-inspection-'))
  big = join(dir, 'big.sqlite')
  const db = new Database(big)
  // Built for the test only: nothing here needs to survive a crash.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.exec(`
    CREATE TABLE media (sha256 TEXT NOT NULL, ext TEXT NOT NULL);
    INSERT INTO media VALUES ('${'a'.repeat(64)}', 'png');
    CREATE TABLE big (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL, c TEXT NOT NULL);
    WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ${BIG_ROWS})
      INSERT INTO big SELECT x, hex(randomblob(8)), hex(randomblob(8)), hex(randomblob(8)) FROM n;
    CREATE INDEX big_a ON big (a);
    CREATE INDEX big_b ON big (b);
    CREATE INDEX big_c ON big (c);
    PRAGMA user_version = 7;
  `)
  db.close()
  t = await createTestApp({ seed: false })
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
}, 120_000)

afterAll(async () => {
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

/**
 * Asks /api/health one request after another until `done()`; the instants (performance.now) of
 * the answers received before it.
 */
async function healthWhile(done: () => boolean): Promise<number[]> {
  const answers: number[] = []
  while (!done()) {
    const res = await fetch(`${base}/api/health`)
    await res.arrayBuffer()
    if (res.ok && !done()) answers.push(performance.now())
  }
  return answers
}

/** The longest stretch of `[from, to]` with no answer in it. */
const longestSilence = (from: number, answers: number[], to: number) =>
  Math.max(...[from, ...answers].map((at, i) => (answers[i] ?? to) - at))

describe('the check of a backup database', () => {
  it('runs off the event loop: the server answers requests all through a long check', async () => {
    // The worker's bundle is built on first use when running from source: not part of the check.
    await inspectOffLoop(join(dir, 'absent.sqlite')).catch(() => {})
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    let finished = false
    const start = performance.now()
    const inspecting = inspectOffLoop(big).finally(() => {
      finished = true
    })
    const answers = await healthWhile(() => finished)
    const inspection = await inspecting
    const end = performance.now()
    delay.disable()

    // What the check held the loop for when it ran there: integrity_check of the same file here.
    const reader = new Database(big, { readonly: true })
    const before = performance.now()
    reader.pragma('integrity_check')
    const held = performance.now() - before
    reader.close()

    const silence = longestSilence(start, answers, end)
    const summary =
      `${answers.length} health answers in ${(end - start).toFixed(0)} ms; longest silence ` +
      `${silence.toFixed(0)} ms; integrity_check on the loop holds it ${held.toFixed(0)} ms`
    console.info(
      `backup check of ${BIG_ROWS} rows × 3 indexes: ${summary}; event loop's worst delay in a worker ` +
        `${(delay.max / 1e6).toFixed(0)} ms`,
    )
    expect(answers.length, summary).toBeGreaterThan(0)
    expect(silence, summary).toBeLessThan(held / 2)
    expect(inspection.integrity).toBe('ok')
    expect(inspection.rows).toEqual({ big: BIG_ROWS, media: 1 })
    expect(inspection.media).toEqual([`${'a'.repeat(64)}.png`])
    expect(inspection.schemaVersion).toBe(7)
    expect(inspection.sha256).toBe(createHash('sha256').update(readFileSync(big)).digest('hex'))
  }, 120_000)

  it('reports a file SQLite cannot read as a failed check, with its hash', async () => {
    const zeros = join(dir, 'zeros.sqlite')
    writeFileSync(zeros, Buffer.alloc(8192))
    const inspection = await inspectOffLoop(zeros)
    expect(inspection.integrity).toMatch(/^SQLite cannot read it \(/)
    expect(inspection.sha256).toBe(createHash('sha256').update(Buffer.alloc(8192)).digest('hex'))
  })

  it('fails with the reason when there is no file', async () => {
    await expect(inspectOffLoop(join(dir, 'absent.sqlite'))).rejects.toThrow(/ENOENT/)
  })
})
