import {
  DRAFT_AGE_MAX_MS,
  DRAFT_CHARS_MAX,
  DRAFT_FORMAT,
  DRAFTS_MAX,
  listDrafts,
  readDraft,
  removeDraft,
  writeDraft,
} from '@console/components/local-draft'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/**
 * The browser store behind the console's unsaved drafts: one entry per user, form and object,
 * in a versioned envelope, bounded in size, in number and in age, and making room when the
 * browser's quota is reached. A Map stands in for localStorage, with a quota of its own.
 */

class MemoryStorage implements Storage {
  readonly items = new Map<string, string>()
  constructor(private readonly quotaChars = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string) {
    const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0)
    if (used + key.length + value.length > this.quotaChars)
      throw new DOMException('full', 'QuotaExceededError')
    this.items.set(key, value)
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
  clear() {
    this.items.clear()
  }
}

const asIs = (data: unknown) => data as { text: string }
let store: MemoryStorage

function useStorage(next: MemoryStorage) {
  store = next
  vi.stubGlobal('localStorage', store)
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-04T08:00:00Z'), toFake: ['Date'] })
  useStorage(new MemoryStorage())
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('kept drafts', () => {
  it('reads back what was written, for that user, form and object only', () => {
    expect(writeDraft('u-an', 'playlist', 'welcome', '7', { text: 'Xin chào' })).toBe(true)
    expect(readDraft('u-an', 'playlist', 'welcome', asIs)).toEqual({
      id: 'welcome',
      savedAt: '2026-12-04T08:00:00.000Z',
      base: '7',
      data: { text: 'Xin chào' },
    })
    expect(readDraft('u-binh', 'playlist', 'welcome', asIs)).toBeNull()
    expect(readDraft('u-an', 'layout', 'welcome', asIs)).toBeNull()
    expect(readDraft('u-an', 'playlist', 'other', asIs)).toBeNull()
    removeDraft('u-an', 'playlist', 'welcome')
    expect(store.length).toBe(0)
  })

  it('lists one form’s drafts of one user, ids with any character included', () => {
    writeDraft('u-an', 'schedule-rule', 'new', 'new', { text: 'a' })
    writeDraft('u-an', 'schedule-rule', 'tết:evening/1', 'x', { text: 'b' })
    writeDraft('u-binh', 'schedule-rule', 'new', 'new', { text: 'c' })
    writeDraft('u-an', 'playlist', 'welcome', '1', { text: 'd' })
    expect(
      listDrafts('u-an', 'schedule-rule', asIs)
        .map((d) => d.id)
        .sort(),
    ).toEqual(['new', 'tết:evening/1'])
  })

  it('leaves out a draft its form no longer reads, and one in another envelope format', () => {
    writeDraft('u-an', 'playlist', 'welcome', '1', { text: 'old shape' })
    expect(readDraft('u-an', 'playlist', 'welcome', () => null)).toBeNull()

    const [key] = [...store.items.keys()]
    store.items.set(
      key!,
      JSON.stringify({ format: DRAFT_FORMAT + 1, savedAt: new Date().toISOString(), base: null, data: {} }),
    )
    expect(readDraft('u-an', 'playlist', 'welcome', asIs)).toBeNull()
    store.items.set(key!, '{not json')
    expect(readDraft('u-an', 'playlist', 'welcome', asIs)).toBeNull()
  })

  it('refuses a draft larger than the bound, and drops the older one it would have replaced', () => {
    writeDraft('u-an', 'playlist', 'welcome', '1', { text: 'small' })
    expect(writeDraft('u-an', 'playlist', 'welcome', '1', { text: 'x'.repeat(DRAFT_CHARS_MAX) })).toBe(false)
    expect(readDraft('u-an', 'playlist', 'welcome', asIs)).toBeNull()
    expect(writeDraft('u-an', 'playlist', 'welcome', '1', { text: 'x'.repeat(DRAFT_CHARS_MAX - 200) })).toBe(
      true,
    )
  })

  it(`keeps at most ${DRAFTS_MAX} drafts in the browser, dropping the oldest`, () => {
    for (let i = 0; i < DRAFTS_MAX + 5; i++) {
      vi.setSystemTime(Date.parse('2026-12-04T08:00:00Z') + i * 1000)
      writeDraft(i % 2 ? 'u-an' : 'u-binh', 'playlist', `p${i}`, '1', { text: String(i) })
    }
    expect(store.length).toBe(DRAFTS_MAX)
    for (let i = 0; i < 5; i++)
      expect(readDraft(i % 2 ? 'u-an' : 'u-binh', 'playlist', `p${i}`, asIs)).toBeNull()
    expect(readDraft('u-an', 'playlist', 'p5', asIs)?.data.text).toBe('5')
    const last = DRAFTS_MAX + 4
    expect(readDraft(last % 2 ? 'u-an' : 'u-binh', 'playlist', `p${last}`, asIs)?.data.text).toBe(
      String(last),
    )
  })

  it('forgets a draft left alone longer than the age bound', () => {
    writeDraft('u-an', 'playlist', 'welcome', '1', { text: 'abandoned' })
    writeDraft('u-an', 'emergency', 'new', 'new', { text: 'also abandoned' })
    vi.setSystemTime(Date.now() + DRAFT_AGE_MAX_MS - 1000)
    expect(readDraft('u-an', 'playlist', 'welcome', asIs)?.data.text).toBe('abandoned')
    vi.setSystemTime(Date.now() + 2000)
    expect(readDraft('u-an', 'playlist', 'welcome', asIs)).toBeNull()
    // Writing another draft sweeps the expired ones out of storage too.
    writeDraft('u-an', 'layout', 'wide-led', 'x', { text: 'fresh' })
    expect(store.length).toBe(1)
  })

  it('makes room by dropping the oldest drafts when the browser’s storage is full', () => {
    useStorage(new MemoryStorage(1200))
    for (let i = 0; i < 3; i++) {
      vi.setSystemTime(Date.parse('2026-12-04T08:00:00Z') + i * 1000)
      expect(writeDraft('u-an', 'playlist', `p${i}`, '1', { text: 'x'.repeat(250) })).toBe(true)
    }
    expect(writeDraft('u-an', 'playlist', 'big', '1', { text: 'y'.repeat(600) })).toBe(true)
    expect(readDraft('u-an', 'playlist', 'p0', asIs)).toBeNull()
    expect(readDraft('u-an', 'playlist', 'big', asIs)?.data.text).toHaveLength(600)
    // Larger than the whole quota: nothing to give, and it says so.
    expect(writeDraft('u-an', 'playlist', 'huge', '1', { text: 'z'.repeat(1300) })).toBe(false)
  })

  it('works without storage at all: nothing kept, nothing thrown', () => {
    vi.stubGlobal('localStorage', undefined)
    expect(writeDraft('u-an', 'playlist', 'welcome', '1', { text: 'a' })).toBe(false)
    expect(readDraft('u-an', 'playlist', 'welcome', asIs)).toBeNull()
    expect(listDrafts('u-an', 'playlist', asIs)).toEqual([])
  })
})
