import { PAGE_NUMBER_MAX, pageRequest, wholeNumberFrom1 } from '@playlists/schemas/paging'
import { describe, expect, it } from 'vitest'

describe('paging fields', () => {
  it('reads a whole number from 1 to the bound, and nothing else', () => {
    expect(wholeNumberFrom1('1', 100)).toBe(1)
    expect(wholeNumberFrom1('100', 100)).toBe(100)
    expect(wholeNumberFrom1('007', 100)).toBe(7)
    for (const text of ['0', '101', '-1', '1.5', '1e2', '0x10', ' 5', '5 ', '', 'abc', '9'.repeat(400)]) {
      expect(wholeNumberFrom1(text, 100), JSON.stringify(text)).toBeUndefined()
    }
  })

  it('turns a page and its size into the rows it covers', () => {
    expect(pageRequest(1, 24)).toEqual({ page: 1, pageSize: 24, offset: 0, limit: 24 })
    expect(pageRequest(3, 10)).toEqual({ page: 3, pageSize: 10, offset: 20, limit: 10 })
    // The largest page of the largest size still has an exact offset.
    expect(Number.isSafeInteger(pageRequest(PAGE_NUMBER_MAX, 5_000).offset)).toBe(true)
  })
})
