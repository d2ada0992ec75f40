import {
  columnEditsOf,
  columnsInput,
  moved,
  newColumnEdit,
  problemsOf,
} from '@console/pages/datasets/columns-edit'
import { DATASET_DECIMALS_MAX } from '@playlists/schemas/dataset'
import { describe, expect, it } from 'vitest'
import { RATE_COLUMNS } from '../helpers/datasets'

/** The dataset definition form's model: columns as typed, their problems, the API's columns. */

const named = (id: string, over: Partial<ReturnType<typeof newColumnEdit>> = {}) => ({
  ...newColumnEdit(),
  id,
  label: { vi: 'Cửa', zh: '口', en: 'Gate' },
  ...over,
})

describe('dataset columns as typed', () => {
  it('gives back the saved columns unchanged, their keys fixed', () => {
    const edits = columnEditsOf(RATE_COLUMNS)
    expect(edits.every((e) => e.saved)).toBe(true)
    expect(columnsInput(edits)).toEqual(RATE_COLUMNS)
  })

  it('names a bad key, a key given twice, a missing heading and decimals out of bounds', () => {
    const edits = [
      named('gate'),
      named('gate'),
      named('Cổng'),
      named('open', { label: { vi: 'Mở', zh: ' ', en: 'Open' } }),
      named('hours', { type: 'number', decimals: String(DATASET_DECIMALS_MAX + 1) }),
    ]
    expect(problemsOf(edits)).toEqual([
      [],
      [{ field: 'id', problem: 'id-twice' }],
      [{ field: 'id', problem: 'id-invalid' }],
      [{ field: 'label.zh', problem: 'label-required' }],
      [{ field: 'decimals', problem: 'decimals-invalid' }],
    ])
    expect(columnsInput(edits)).toBeNull()
  })

  it('sends trimmed headings, a number’s decimals and its unit, none when left empty', () => {
    const edits = [
      named('gate', { label: { vi: ' Cửa ', zh: '口', en: 'Gate ' } }),
      named('queue', { type: 'number', decimals: '0', unit: ' ' }),
      named('day', { type: 'date' }),
    ]
    expect(columnsInput(edits)).toEqual([
      { id: 'gate', type: 'text', label: { vi: 'Cửa', zh: '口', en: 'Gate' } },
      { id: 'queue', type: 'number', label: { vi: 'Cửa', zh: '口', en: 'Gate' }, decimals: 0, unit: null },
      { id: 'day', type: 'date', label: { vi: 'Cửa', zh: '口', en: 'Gate' } },
    ])
  })

  it('moves a column up or down, and not past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
})
