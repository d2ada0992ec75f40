import { cellValue, quickPatch, rowEditsOf, rowsInput } from '@console/pages/datasets/rows-edit'
import { describe, expect, it } from 'vitest'
import { RATE_COLUMNS } from '../helpers/datasets'

const T0 = '2026-12-05T01:00:00.000Z'
const ON_AIR = [
  {
    id: 'cny',
    values: { currency: { vi: 'Nhân dân tệ' }, rate: 3520.5, day: '2026-12-05' },
    asOf: { rate: T0 },
  },
  { id: 'usd', values: { currency: { vi: 'Đô la Mỹ' }, rate: 25410, day: null }, asOf: { rate: T0 } },
]
const [CURRENCY, RATE, DAY] = RATE_COLUMNS

describe('the datasets grid', () => {
  it('reads typed inputs as values: empty is null, a number parsed, a bad number sent as typed', () => {
    expect(cellValue(RATE!, ' 3530,5 ')).toBe(3530.5)
    expect(cellValue(RATE!, '')).toBeNull()
    expect(cellValue(RATE!, 'abc')).toBe('abc')
    expect(cellValue(DAY!, '2026-12-06')).toBe('2026-12-06')
    expect(cellValue(CURRENCY!, { vi: ' Yên ', zh: '', en: 'Yen' })).toEqual({ vi: 'Yên', en: 'Yen' })
    expect(cellValue(CURRENCY!, { vi: '', zh: '', en: '' })).toBeNull()
  })

  it('round-trips the rows it was given', () => {
    const rows = rowEditsOf(RATE_COLUMNS, ON_AIR)
    expect(rowsInput(RATE_COLUMNS, rows)).toEqual(ON_AIR.map(({ id, values }) => ({ id, values })))
  })

  it('makes a quick change of only what differs from the rows on air', () => {
    const rows = rowEditsOf(RATE_COLUMNS, ON_AIR)
    expect(quickPatch(RATE_COLUMNS, ON_AIR, rows)).toEqual({ rows: [], remove: [] })
    rows[1]!.cells.rate = '25500'
    const added = rowEditsOf(RATE_COLUMNS, [{ id: '', values: { rate: 1 }, asOf: {} }])[0]!
    const patch = quickPatch(RATE_COLUMNS, ON_AIR, [rows[1]!, { ...added, id: undefined }])
    expect(patch.remove).toEqual(['cny'])
    expect(patch.rows.map((r) => [r.id, r.values.rate])).toEqual([
      ['usd', 25500],
      ['row-1', 1],
    ])
  })
})
