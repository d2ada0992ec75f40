import { canonicalJson } from '@playlists/canonical'
import type { Language } from '@playlists/schemas/common'
import type { CellValue, DatasetColumn, DatasetRow, RowInput, RowsPatch } from '@playlists/schemas/dataset'

/**
 * The rows as the editing grid holds them while a person types: every cell as the text of its
 * input (a text cell one text per language), a local key per row so a new row keeps its place.
 * `rowsInput` turns them into the API's rows; a number typed wrong is sent as typed, so the
 * server's refusal names its row and column like any other.
 */
export type CellEdit = string | Record<Language, string>
export interface RowEdit {
  key: string
  id?: string
  cells: Record<string, CellEdit>
}

let counter = 0
const newKey = () => `r${++counter}`

const LANGS: readonly Language[] = ['vi', 'zh', 'en']

function cellEditOf(column: DatasetColumn, value: CellValue | undefined): CellEdit {
  if (column.type === 'text') {
    const text = value !== null && typeof value === 'object' ? value : undefined
    return { vi: text?.vi ?? '', zh: text?.zh ?? '', en: text?.en ?? '' }
  }
  return value === null || value === undefined ? '' : String(value)
}

export function rowEditsOf(columns: readonly DatasetColumn[], rows: readonly DatasetRow[]): RowEdit[] {
  return rows.map((r) => ({
    key: newKey(),
    id: r.id,
    cells: Object.fromEntries(columns.map((c) => [c.id, cellEditOf(c, r.values[c.id])])),
  }))
}

export function newRowEdit(columns: readonly DatasetColumn[]): RowEdit {
  return { key: newKey(), cells: Object.fromEntries(columns.map((c) => [c.id, cellEditOf(c, null)])) }
}

/** A cell's value for the API: empty is null; a number that does not parse goes as typed. */
export function cellValue(column: DatasetColumn, edit: CellEdit | undefined): CellValue {
  if (edit === undefined) return null
  if (typeof edit !== 'string') {
    const text: Partial<Record<Language, string>> = {}
    for (const lang of LANGS) if (edit[lang].trim()) text[lang] = edit[lang].trim()
    if (!text.vi && !text.zh && !text.en) return null
    return text as { vi: string }
  }
  const text = edit.trim()
  if (!text) return null
  if (column.type !== 'number') return text
  const n = Number(text.replace(',', '.'))
  return Number.isFinite(n) ? n : text
}

export function rowsInput(columns: readonly DatasetColumn[], rows: readonly RowEdit[]): RowInput[] {
  return rows.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    values: Object.fromEntries(columns.map((c) => [c.id, cellValue(c, r.cells[c.id])])),
  }))
}

/**
 * A quick change from the grid against the rows on air: the rows whose values differ (new ones
 * included, given an id when they have none), and the rows on air no longer in the grid.
 */
export function quickPatch(
  columns: readonly DatasetColumn[],
  onAir: readonly DatasetRow[],
  rows: readonly RowEdit[],
): Pick<RowsPatch, 'rows' | 'remove'> {
  const live = new Map(onAir.map((r) => [r.id, r]))
  const taken = new Set([...onAir.map((r) => r.id), ...rows.flatMap((r) => (r.id ? [r.id] : []))])
  let n = 0
  const freshId = () => {
    while (taken.has(`row-${++n}`));
    taken.add(`row-${n}`)
    return `row-${n}`
  }
  const changed: RowsPatch['rows'] = []
  for (const r of rows) {
    const values = Object.fromEntries(columns.map((c) => [c.id, cellValue(c, r.cells[c.id])]))
    const before = r.id ? live.get(r.id) : undefined
    if (
      before &&
      canonicalJson(columns.map((c) => before.values[c.id] ?? null)) ===
        canonicalJson(columns.map((c) => values[c.id]))
    )
      continue
    changed.push({ id: r.id ?? freshId(), values })
  }
  const kept = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])))
  return { rows: changed, remove: onAir.filter((r) => !kept.has(r.id)).map((r) => r.id) }
}

/** The grid's rows as the API would hold them, to tell whether anything was changed. */
export const rowsPrint = (columns: readonly DatasetColumn[], rows: readonly RowEdit[]): string =>
  canonicalJson(rowsInput(columns, rows))
