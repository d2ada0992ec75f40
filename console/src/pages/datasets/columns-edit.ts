import { ID_PATTERN, type Language } from '@playlists/schemas/common'
import {
  type ColumnType,
  DATASET_DECIMALS_MAX,
  DATASET_UNIT_CHARS_MAX,
  type DatasetColumn,
} from '@playlists/schemas/dataset'

/** A heading's length as the core's `Label` allows it. */
export const COLUMN_LABEL_CHARS_MAX = 60

/**
 * The columns as the definition form holds them while a person types: every setting as the text
 * of its input, a local key so a moved column keeps its inputs, and whether the column is saved
 * already (its key then stays: renaming it would drop its values, the server's rule for a column
 * removed). `columnsInput` turns them into the API's columns, or says what is wrong, field by
 * field, with the core's bounds, before the server is asked.
 */
export interface ColumnEdit {
  key: string
  id: string
  saved: boolean
  type: ColumnType
  label: Record<Language, string>
  decimals: string
  unit: string
}

export type ColumnProblem =
  | { field: 'id'; problem: 'id-invalid' | 'id-twice' }
  | { field: `label.${Language}`; problem: 'label-required' }
  | { field: 'decimals'; problem: 'decimals-invalid' }

let counter = 0
const newKey = () => `c${++counter}`
const ID = new RegExp(ID_PATTERN)
export const LANGUAGES: readonly Language[] = ['vi', 'zh', 'en']

export function columnEditsOf(columns: readonly DatasetColumn[]): ColumnEdit[] {
  return columns.map((c) => ({
    key: newKey(),
    id: c.id,
    saved: true,
    type: c.type,
    label: { ...c.label },
    decimals: c.type === 'number' ? String(c.decimals) : '0',
    unit: c.type === 'number' ? (c.unit ?? '') : '',
  }))
}

export const newColumnEdit = (): ColumnEdit => ({
  key: newKey(),
  id: '',
  saved: false,
  type: 'text',
  label: { vi: '', zh: '', en: '' },
  decimals: '0',
  unit: '',
})

/** The column's problems, in the order of its inputs; `others` are the columns' keys before it. */
export function columnProblems(c: ColumnEdit, others: readonly string[]): ColumnProblem[] {
  const problems: ColumnProblem[] = []
  if (!ID.test(c.id)) problems.push({ field: 'id', problem: 'id-invalid' })
  else if (others.includes(c.id)) problems.push({ field: 'id', problem: 'id-twice' })
  for (const l of LANGUAGES) {
    const text = c.label[l].trim()
    if (!text || text.length > COLUMN_LABEL_CHARS_MAX)
      problems.push({ field: `label.${l}`, problem: 'label-required' })
  }
  if (c.type === 'number') {
    const decimals = Number(c.decimals)
    if (!/^\d+$/.test(c.decimals.trim()) || decimals > DATASET_DECIMALS_MAX)
      problems.push({ field: 'decimals', problem: 'decimals-invalid' })
  }
  return problems
}

/** Every column's problems, by its place. */
export const problemsOf = (edits: readonly ColumnEdit[]): ColumnProblem[][] =>
  edits.map((c, i) =>
    columnProblems(
      c,
      edits.slice(0, i).map((o) => o.id),
    ),
  )

/** The API's columns (headings trimmed, an empty unit none), or null while a column has a problem. */
export function columnsInput(edits: readonly ColumnEdit[]): DatasetColumn[] | null {
  if (problemsOf(edits).some((p) => p.length > 0)) return null
  return edits.map((c) => {
    const label = { vi: c.label.vi.trim(), zh: c.label.zh.trim(), en: c.label.en.trim() }
    if (c.type !== 'number') return { id: c.id, type: c.type, label }
    const unit = c.unit.trim().slice(0, DATASET_UNIT_CHARS_MAX)
    return { id: c.id, type: 'number', label, decimals: Number(c.decimals), unit: unit || null }
  })
}

/** The list with the column at `from` moved one place up (-1) or down (+1). */
export function moved<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by
  if (to < 0 || to >= list.length) return [...list]
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item as T)
  return next
}
