import {
  cellProblem,
  conformRows,
  isDateValue,
  isStale,
  keepRows,
  nextStaleChange,
  patchRows,
  RowsRefused,
  rowAsOf,
} from '@playlists/dataset'
import type { DatasetColumn } from '@playlists/schemas/dataset'
import { describe, expect, it } from 'vitest'

const COLUMNS: DatasetColumn[] = [
  { id: 'gate', type: 'text', label: { vi: 'Cửa khẩu', zh: '口岸', en: 'Gate' } },
  { id: 'opens', type: 'time', label: { vi: 'Mở', zh: '开放', en: 'Opens' } },
  {
    id: 'queue',
    type: 'number',
    label: { vi: 'Xe chờ', zh: '排队车辆', en: 'Queue' },
    decimals: 0,
    unit: 'xe',
  },
  { id: 'since', type: 'date', label: { vi: 'Từ ngày', zh: '起始日期', en: 'Since' } },
]
const T0 = '2026-12-05T01:00:00.000Z'
const T1 = '2026-12-05T02:00:00.000Z'

const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (error instanceof RowsRefused) return error.detail
    throw error
  }
  throw new Error('not refused')
}

describe('dataset values', () => {
  it.each([
    [COLUMNS[1]!, '07:30', null],
    [COLUMNS[1]!, '24:00', 'value-type'],
    [COLUMNS[1]!, '7:30', 'value-type'],
    [COLUMNS[2]!, 12, null],
    [COLUMNS[2]!, 12.5, 'value-decimals'],
    [COLUMNS[2]!, 2e12, 'value-range'],
    [COLUMNS[2]!, '12', 'value-type'],
    [COLUMNS[3]!, '2028-02-29', null],
    [COLUMNS[3]!, '2026-02-29', 'value-type'],
    [COLUMNS[0]!, { vi: 'Hữu Nghị' }, null],
    [COLUMNS[0]!, 'Hữu Nghị', 'value-type'],
    [COLUMNS[0]!, null, null],
  ])('column %s.id takes %j: %s', (column, value, problem) => {
    expect(cellProblem(column, value as never)).toBe(problem)
  })

  it('knows real calendar days', () => {
    expect(isDateValue('2026-12-31')).toBe(true)
    expect(isDateValue('2026-13-01')).toBe(false)
  })
})

describe('keeping rows', () => {
  it('gives each value the instant it changed, and keeps it while the value stays', () => {
    const first = keepRows(
      COLUMNS,
      [],
      [{ id: 'hn', values: { gate: { vi: 'Hữu Nghị' }, opens: '07:00' } }],
      T0,
    )
    expect(first[0]).toEqual({
      id: 'hn',
      values: { gate: { vi: 'Hữu Nghị' }, opens: '07:00', queue: null, since: null },
      asOf: { gate: T0, opens: T0, queue: T0, since: T0 },
    })
    const second = keepRows(
      COLUMNS,
      first,
      [{ id: 'hn', values: { gate: { vi: 'Hữu Nghị' }, opens: '06:30' } }],
      T1,
    )
    expect(second[0]?.asOf).toEqual({ gate: T0, opens: T1, queue: T0, since: T0 })
    expect(rowAsOf(second[0]!)).toBe(T1)
  })

  it('names new rows row-1, row-2… around the ids given', () => {
    const rows = keepRows(COLUMNS, [], [{ values: {} }, { id: 'row-1', values: {} }, { values: {} }], T0)
    expect(rows.map((r) => r.id)).toEqual(['row-2', 'row-1', 'row-3'])
  })

  it('refuses naming the row and column at fault', () => {
    expect(
      refusal(() => keepRows(COLUMNS, [], [{ values: {} }, { id: 'x', values: { queue: 'many' } }], T0)),
    ).toEqual({
      problem: 'value-type',
      row: 2,
      rowId: 'x',
      column: 'queue',
      type: 'number',
    })
    expect(
      refusal(() =>
        keepRows(
          COLUMNS,
          [],
          [
            { id: 'a', values: {} },
            { id: 'a', values: {} },
          ],
          T0,
        ),
      ),
    ).toMatchObject({
      problem: 'row-twice',
      row: 2,
    })
    expect(refusal(() => keepRows(COLUMNS, [], [{ id: 'a', values: { fee: 1 } }], T0))).toMatchObject({
      problem: 'unknown-column',
      column: 'fee',
    })
  })

  it('follows changed columns: removed values go, a retyped column must still fit', () => {
    const rows = keepRows(COLUMNS, [], [{ id: 'hn', values: { opens: '07:00', queue: 40 } }], T0)
    const fewer = conformRows(COLUMNS.slice(0, 2), rows, T1)
    expect(fewer[0]?.values).toEqual({ gate: null, opens: '07:00' })
    expect(fewer[0]?.asOf.opens).toBe(T0)
    const retyped: DatasetColumn[] = [{ ...COLUMNS[1]!, type: 'date' }]
    expect(refusal(() => conformRows(retyped, rows, T1))).toMatchObject({
      problem: 'value-type',
      column: 'opens',
    })
  })
})

describe('patching rows', () => {
  const rows = keepRows(
    COLUMNS,
    [],
    [
      { id: 'hn', values: { queue: 40 } },
      { id: 'tt', values: { queue: 12 } },
    ],
    T0,
  )

  it('changes the values named, adds unknown ids at the end, removes those listed', () => {
    const patched = patchRows(
      COLUMNS,
      rows,
      {
        rows: [
          { id: 'hn', values: { queue: 55 } },
          { id: 'cm', values: { queue: 3 } },
        ],
        remove: ['tt'],
      },
      T1,
    )
    expect(patched.map((r) => [r.id, r.values.queue, r.asOf.queue])).toEqual([
      ['hn', 55, T1],
      ['cm', 3, T1],
    ])
    expect(patched[0]?.asOf.opens).toBe(T0)
  })

  it('is strict for the table it is meant for and lenient for a draft whose columns differ', () => {
    const patch = { rows: [{ id: 'hn', values: { queue: 50, fee: 2 } }], remove: ['gone'] }
    expect(refusal(() => patchRows(COLUMNS, rows, patch, T1))).toMatchObject({
      problem: 'row-unknown',
      rowId: 'gone',
    })
    const lenient = patchRows(COLUMNS, rows, patch, T1, 'lenient')
    expect(lenient.find((r) => r.id === 'hn')?.values.queue).toBe(50)
  })
})

describe('staleness', () => {
  const at = Date.parse(T0)
  it('is reached when a value is older than the limit, never without one', () => {
    expect(isStale(T0, 60, at + 59 * 60_000)).toBe(false)
    expect(isStale(T0, 60, at + 60 * 60_000)).toBe(true)
    expect(isStale(T0, null, at + 1e12)).toBe(false)
  })

  it('names the next instant a value turns stale', () => {
    expect(nextStaleChange([T0, T1], 60, at)).toBe(at + 60 * 60_000)
    expect(nextStaleChange([T0, T1], 60, at + 61 * 60_000)).toBe(Date.parse(T1) + 60 * 60_000)
    expect(nextStaleChange([T0], 60, at + 61 * 60_000)).toBeNull()
  })
})
