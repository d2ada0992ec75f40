import { DocumentSwap, PREPARE_RETRY_FIRST_MS, PREPARE_RETRY_MAX_MS, retryDelay } from '@player/document-swap'
import type { ScreenDocument } from '@playlists/schemas/document'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { documentWith, item } from '../helpers/documents'

const version = (v: number): ScreenDocument => ({ ...documentWith([item('a', 5_000)]), version: v })

/** A preparation the test settles by hand, per version. */
function harness() {
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }[]>()
  const applied: number[] = []
  const reports: { pending: number | null; error: string | null }[] = []
  const swap = new DocumentSwap({
    prepare: (doc) =>
      new Promise<void>((resolve, reject) => {
        waiting.set(doc.version, [...(waiting.get(doc.version) ?? []), { resolve, reject }])
      }),
    apply: (doc) => applied.push(doc.version),
    report: (pending, error) => reports.push({ pending, error }),
    random: () => 1,
  })
  const settle = async (v: number, error?: Error) => {
    const next = waiting.get(v)?.shift()
    if (!next) throw new Error(`no preparation of version ${v} waiting`)
    if (error) next.reject(error)
    else next.resolve()
    await vi.advanceTimersByTimeAsync(0)
  }
  return { swap, applied, reports, settle, attempts: (v: number) => waiting.get(v)?.length ?? 0 }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('document swap', () => {
  it('applies a document only once its preparation resolves, and then reports nothing pending', async () => {
    const h = harness()
    const applied = h.swap.offer(version(2))
    expect(h.reports.at(-1)).toEqual({ pending: 2, error: null })
    expect(h.applied).toEqual([])
    await h.settle(2)
    expect(h.applied).toEqual([2])
    expect(await applied).toBe(true)
    expect(h.reports.at(-1)).toEqual({ pending: null, error: null })
  })

  it('keeps the current document after a failed download, says why, and retries with backoff', async () => {
    const h = harness()
    const applied = h.swap.offer(version(3))
    await h.settle(3, new Error('/media/x.jpg: HTTP 502'))
    expect(h.applied).toEqual([])
    expect(h.reports.at(-1)).toEqual({ pending: 3, error: 'version 3: /media/x.jpg: HTTP 502' })

    await vi.advanceTimersByTimeAsync(PREPARE_RETRY_FIRST_MS - 1)
    expect(h.attempts(3)).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(h.attempts(3)).toBe(1)
    await h.settle(3, new Error('again'))
    // The second retry waits twice as long.
    await vi.advanceTimersByTimeAsync(2 * PREPARE_RETRY_FIRST_MS - 1)
    expect(h.attempts(3)).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    await h.settle(3)
    expect(h.applied).toEqual([3])
    expect(await applied).toBe(true)
    expect(h.reports.at(-1)).toEqual({ pending: null, error: null })
  })

  it('lets a newer document supersede a pending one, which is then never applied', async () => {
    const h = harness()
    const older = h.swap.offer(version(4))
    const newer = h.swap.offer(version(5))
    expect(await older).toBe(false)
    expect(h.reports.at(-1)?.pending).toBe(5)
    // The older download finishing late changes nothing.
    await h.settle(4)
    expect(h.applied).toEqual([])
    await h.settle(5)
    expect(h.applied).toEqual([5])
    expect(await newer).toBe(true)
  })

  it('keeps the backoff when the server resends the pending document (heartbeats, reconnects)', async () => {
    const h = harness()
    const first = h.swap.offer(version(8))
    await h.settle(8, new Error('down'))
    const resent = h.swap.offer(version(8))
    // No new attempt until the retry is due.
    expect(h.attempts(8)).toBe(0)
    await vi.advanceTimersByTimeAsync(PREPARE_RETRY_FIRST_MS)
    await h.settle(8)
    expect(h.applied).toEqual([8])
    expect([await first, await resent]).toEqual([true, true])
  })

  it('retries at once when told the server is back, keeping the grown backoff for later failures', async () => {
    const h = harness()
    void h.swap.offer(version(9))
    await h.settle(9, new Error('down'))
    h.swap.retryNow()
    expect(h.attempts(9)).toBe(1)
    // While an attempt runs there is nothing to hurry.
    h.swap.retryNow()
    expect(h.attempts(9)).toBe(1)
    await h.settle(9, new Error('still down'))
    await vi.advanceTimersByTimeAsync(2 * PREPARE_RETRY_FIRST_MS - 1)
    expect(h.attempts(9)).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(h.attempts(9)).toBe(1)
  })

  it('stops retrying a document once a newer one arrives', async () => {
    const h = harness()
    void h.swap.offer(version(6))
    await h.settle(6, new Error('down'))
    void h.swap.offer(version(7))
    await h.settle(7)
    await vi.advanceTimersByTimeAsync(PREPARE_RETRY_MAX_MS)
    expect(h.attempts(6)).toBe(0)
    expect(h.applied).toEqual([7])
  })
})

describe('retryDelay', () => {
  it('doubles from 5 s to a 5 min cap, jittered down by at most half', () => {
    expect(retryDelay(0, () => 1)).toBe(5_000)
    expect(retryDelay(1, () => 1)).toBe(10_000)
    expect(retryDelay(6, () => 1)).toBe(PREPARE_RETRY_MAX_MS)
    expect(retryDelay(1_000, () => 1)).toBe(PREPARE_RETRY_MAX_MS)
    expect(retryDelay(0, () => 0)).toBe(2_500)
    expect(retryDelay(20, () => 0)).toBe(PREPARE_RETRY_MAX_MS / 2)
  })
})
