import type { PlayerSocket } from '@player/connection'
import type { StoredPlay } from '@player/play-store'
import { corrected } from '@player/proof-of-play'
import { CLOCK_OFFSET_KEY, readStoredOffset, ServerClock } from '@player/server-clock'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/**
 * The player's clock across restarts (issue 17, point 8), without a browser: the offset a page
 * starts on, what it calls provisional, and how a play stamped on a guess is moved once the
 * clock is measured. tests/e2e/server-time.spec.ts checks the same on a real screen.
 */

const MIN = 60_000
/** Offsets are minutes apart here; a loaded machine may take this long between two readings. */
const CLOSE_MS = 1_000

/** A Map behind the Storage methods the clock uses: Node has no localStorage. */
function memoryStorage(): Storage {
  const values = new Map<string, string>()
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, String(value)),
    removeItem: (key) => void values.delete(key),
    clear: () => values.clear(),
    key: (i) => [...values.keys()][i] ?? null,
    get length() {
      return values.size
    },
  }
}

/** A socket whose server's clock runs `aheadMs` ahead of this process's. */
const serverAhead = (aheadMs: number) =>
  ({ timeout: () => ({ emitWithAck: async () => Date.now() + aheadMs }) }) as unknown as PlayerSocket

beforeEach(() => {
  Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage(), configurable: true })
})
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage')
})

describe('the stored clock offset', () => {
  it('reads the offset with its instant, a bare offset from an older player, and nothing from garbage', () => {
    expect(readStoredOffset()).toBeNull()
    localStorage.setItem(
      CLOCK_OFFSET_KEY,
      JSON.stringify({ offsetMs: 300_000, measuredAtMs: 1_790_000_000_000 }),
    )
    expect(readStoredOffset()).toEqual({ offsetMs: 300_000, measuredAtMs: 1_790_000_000_000 })
    localStorage.setItem(CLOCK_OFFSET_KEY, '-4200')
    expect(readStoredOffset()).toEqual({ offsetMs: -4200, measuredAtMs: null })
    for (const garbage of ['', 'soon', '{"offsetMs":"5"}', 'null', '[]']) {
      localStorage.setItem(CLOCK_OFFSET_KEY, garbage)
      expect(readStoredOffset(), garbage).toBeNull()
    }
  })

  it('starts a page on the stored offset, provisional until its first measurement, then stores that', async () => {
    localStorage.setItem(CLOCK_OFFSET_KEY, JSON.stringify({ offsetMs: 5 * MIN, measuredAtMs: 1 }))
    let changes = 0
    const clock = new ServerClock(false, () => changes++)
    expect(clock.source).toBe('stored')
    expect(clock.offsetMs).toBe(5 * MIN)
    expect(clock.provisionalOffsetMs).toBe(5 * MIN)
    expect(Math.abs(clock.now() - (Date.now() + 5 * MIN))).toBeLessThan(CLOSE_MS)

    const heard: number[] = []
    clock.onFirstMeasurement((offset) => heard.push(offset))
    // The PC's clock was set right meanwhile: the server is 2 min ahead, not 5.
    await clock.sync(serverAhead(2 * MIN))
    expect(clock.source).toBe('measured')
    expect(clock.provisionalOffsetMs).toBeNull()
    expect(Math.abs(clock.offsetMs - 2 * MIN)).toBeLessThan(CLOSE_MS)
    expect(heard).toEqual([clock.offsetMs])
    expect(changes).toBe(1)
    const stored = readStoredOffset()!
    expect(stored.offsetMs).toBe(clock.offsetMs)
    expect(Math.abs(stored.measuredAtMs! - clock.now())).toBeLessThan(CLOSE_MS)

    // Later measurements are no first one.
    await clock.sync(serverAhead(2 * MIN))
    expect(heard).toHaveLength(1)
  })

  it('starts on no offset when none was ever measured, and on the PC in local mode', () => {
    const fresh = new ServerClock(false, () => {})
    expect(fresh.source).toBe('none')
    expect(fresh.provisionalOffsetMs).toBe(0)
    localStorage.setItem(CLOCK_OFFSET_KEY, JSON.stringify({ offsetMs: 5 * MIN, measuredAtMs: 1 }))
    const local = new ServerClock(true, () => {})
    expect(local.source).toBe('local')
    expect(local.offsetMs).toBe(0)
    expect(local.provisionalOffsetMs).toBeNull()
  })
})

describe('correcting a play stamped on a guessed offset', () => {
  const play = (extra: Partial<StoredPlay> = {}): StoredPlay => ({
    id: '0b0e0c3a-5f6e-4d3c-9a7b-2f1e0d9c8b7a',
    screenId: 'gate',
    zoneId: 'main',
    itemId: 'even',
    playlistId: 'alternating',
    documentVersion: 1,
    startMs: 1_790_000_300_000,
    endMs: 1_790_000_304_000,
    ...extra,
  })

  it('moves it by the measured offset minus its own, and drops the mark', () => {
    // Stamped five minutes ahead (a stored +5 min on a clock since set right); measured: 0.
    const fixed = corrected(play({ provisionalOffsetMs: 5 * MIN }), 0)
    expect(fixed).toEqual(play({ startMs: 1_790_000_000_000, endMs: 1_790_000_004_000 }))
    expect('provisionalOffsetMs' in fixed).toBe(false)
    // Never measured (0) on a PC five minutes slow.
    expect(corrected(play({ provisionalOffsetMs: 0 }), 5 * MIN)).toMatchObject({
      startMs: 1_790_000_600_000,
      endMs: 1_790_000_604_000,
    })
  })

  it('keeps a guess that was right to within a second, unmarked: that is measurement noise', () => {
    const fixed = corrected(play({ provisionalOffsetMs: 5 * MIN }), 5 * MIN + 999)
    expect(fixed).toEqual(play())
    expect(corrected(play({ provisionalOffsetMs: 5 * MIN }), 5 * MIN + 1_000)).toMatchObject({
      startMs: 1_790_000_301_000,
    })
  })

  it('leaves a play stamped on a measured clock alone', () => {
    expect(corrected(play(), 5 * MIN)).toEqual(play())
  })
})
