import { canonicalJson } from './canonical'
import {
  type CellValue,
  DATASET_NUMBER_ABS_MAX,
  DATASET_ROWS_MAX,
  type DatasetColumn,
  type DatasetRow,
  type RowInput,
  type RowsPatch,
} from './schemas/dataset'

/**
 * The rules of a dataset's rows, once for the server (which refuses what breaks them), the
 * console (which says so at the cell) and the player (which marks stale values): each value has
 * its column's form, each row its own id, each value the instant it last changed.
 */

/** What is wrong with the rows, naming the row (1-based, as a person counts) and the column. */
export type RowProblem =
  | { problem: 'row-twice'; row: number; rowId: string }
  | { problem: 'too-many-rows'; limit: number }
  | { problem: 'unknown-column'; row: number; rowId: string; column: string }
  | { problem: 'value-type'; row: number; rowId: string; column: string; type: DatasetColumn['type'] }
  | { problem: 'value-decimals'; row: number; rowId: string; column: string; decimals: number }
  | { problem: 'value-range'; row: number; rowId: string; column: string; limit: number }
  | { problem: 'row-unknown'; rowId: string }

/** Rows that break a rule, as a value the caller turns into its refusal. */
export class RowsRefused extends Error {
  constructor(readonly detail: RowProblem) {
    super(detail.problem)
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isDateValue(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const day = new Date(Date.UTC(y, mo - 1, d))
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d
}

export const isTimeValue = (text: string): boolean => TIME.test(text)

/** Digits after the point as a person wrote the number (1e-7 counts its seven). */
function decimalsOf(n: number): number {
  const [mantissa = '', exponent] = String(n).toLowerCase().split('e')
  const fraction = mantissa.split('.')[1]?.length ?? 0
  return Math.max(0, fraction - Number(exponent ?? 0))
}

type CellProblem = 'value-type' | 'value-decimals' | 'value-range' | null

/** Whether `value` fits `column`; null (an empty cell) always does. */
export function cellProblem(column: DatasetColumn, value: CellValue): CellProblem {
  if (value === null) return null
  switch (column.type) {
    case 'text':
      return typeof value === 'object' ? null : 'value-type'
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'value-type'
      if (Math.abs(value) > DATASET_NUMBER_ABS_MAX) return 'value-range'
      return decimalsOf(value) > column.decimals ? 'value-decimals' : null
    case 'date':
      return typeof value === 'string' && isDateValue(value) ? null : 'value-type'
    case 'time':
      return typeof value === 'string' && isTimeValue(value) ? null : 'value-type'
  }
}

function refuseCell(column: DatasetColumn, problem: NonNullable<CellProblem>, row: number, rowId: string) {
  const at = { row, rowId, column: column.id }
  switch (problem) {
    case 'value-type':
      return new RowsRefused({ problem, ...at, type: column.type })
    case 'value-decimals':
      return new RowsRefused({ problem, ...at, decimals: column.type === 'number' ? column.decimals : 0 })
    case 'value-range':
      return new RowsRefused({ problem, ...at, limit: DATASET_NUMBER_ABS_MAX })
  }
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)

/** The first `row-N` not taken: readable in a diff, stable once given. */
function freshId(taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = `row-${n}`
    if (!taken.has(id)) {
      taken.add(id)
      return id
    }
  }
}

/**
 * Rows as sent, checked against the columns and kept: each value's "as of" is carried over from
 * the same row's previous value when it is unchanged, and is `at` when it is new or changed.
 * Throws RowsRefused naming the first row and column at fault.
 */
export function keepRows(
  columns: readonly DatasetColumn[],
  previous: readonly DatasetRow[],
  input: readonly RowInput[],
  at: string,
): DatasetRow[] {
  if (input.length > DATASET_ROWS_MAX)
    throw new RowsRefused({ problem: 'too-many-rows', limit: DATASET_ROWS_MAX })
  const before = new Map(previous.map((r) => [r.id, r]))
  const taken = new Set(input.flatMap((r) => (r.id === undefined ? [] : [r.id])))
  const seen = new Set<string>()
  return input.map((r, index) => {
    const id = r.id ?? freshId(taken)
    if (seen.has(id)) throw new RowsRefused({ problem: 'row-twice', row: index + 1, rowId: id })
    seen.add(id)
    for (const column of Object.keys(r.values)) {
      if (!columns.some((c) => c.id === column))
        throw new RowsRefused({ problem: 'unknown-column', row: index + 1, rowId: id, column })
    }
    return rowOf(columns, before.get(id), id, r.values, at, index + 1)
  })
}

function rowOf(
  columns: readonly DatasetColumn[],
  previous: DatasetRow | undefined,
  id: string,
  values: Readonly<Record<string, CellValue>>,
  at: string,
  row: number,
): DatasetRow {
  const kept: DatasetRow = { id, values: {}, asOf: {} }
  for (const column of columns) {
    const value = values[column.id] ?? null
    const problem = cellProblem(column, value)
    if (problem) throw refuseCell(column, problem, row, id)
    kept.values[column.id] = value
    const old = previous?.asOf[column.id]
    kept.asOf[column.id] = old !== undefined && same(previous?.values[column.id] ?? null, value) ? old : at
  }
  return kept
}

/**
 * The rows under changed columns: values of removed columns dropped, new columns empty (as of
 * `at`), every kept value checked against its column as it is now (a text column made a number
 * column refuses the rows whose text is not a number).
 */
export function conformRows(
  columns: readonly DatasetColumn[],
  rows: readonly DatasetRow[],
  at: string,
): DatasetRow[] {
  return rows.map((r, index) => {
    const values: Record<string, CellValue> = {}
    for (const column of columns) values[column.id] = r.values[column.id] ?? null
    return rowOf(columns, r, r.id, values, at, index + 1)
  })
}

/**
 * A patch applied to rows: named rows get the values given (the rest kept), unknown ids are new
 * rows at the end, `remove` takes rows out. Strict (the table the patch is meant for): an
 * unknown column, a value of the wrong form or a removal of a row not there is refused.
 * Lenient (the draft beside it, whose columns may be changing): what does not fit is left out.
 */
export function patchRows(
  columns: readonly DatasetColumn[],
  rows: readonly DatasetRow[],
  patch: Pick<RowsPatch, 'rows' | 'remove'>,
  at: string,
  mode: 'strict' | 'lenient' = 'strict',
): DatasetRow[] {
  const removed = new Set(patch.remove ?? [])
  for (const id of removed) {
    if (mode === 'strict' && !rows.some((r) => r.id === id))
      throw new RowsRefused({ problem: 'row-unknown', rowId: id })
  }
  const result = rows.filter((r) => !removed.has(r.id)).map((r) => ({ ...r }))
  const seen = new Set<string>()
  patch.rows.forEach((change, index) => {
    const row = index + 1
    if (seen.has(change.id)) throw new RowsRefused({ problem: 'row-twice', row, rowId: change.id })
    seen.add(change.id)
    const values: Record<string, CellValue> = {}
    for (const [column, value] of Object.entries(change.values)) {
      const col = columns.find((c) => c.id === column)
      if (!col) {
        if (mode === 'strict')
          throw new RowsRefused({ problem: 'unknown-column', row, rowId: change.id, column })
        continue
      }
      const problem = cellProblem(col, value)
      if (problem && mode === 'strict') throw refuseCell(col, problem, row, change.id)
      if (!problem) values[column] = value
    }
    const position = result.findIndex((r) => r.id === change.id)
    const previous = position >= 0 ? result[position] : undefined
    const next = rowOf(columns, previous, change.id, { ...previous?.values, ...values }, at, row)
    if (position >= 0) result[position] = next
    else result.push(next)
  })
  if (result.length > DATASET_ROWS_MAX)
    throw new RowsRefused({ problem: 'too-many-rows', limit: DATASET_ROWS_MAX })
  return result
}

const MINUTE = 60_000

/** The instant a value as of `asOf` becomes stale under `staleAfterMinutes`; null when never. */
export function staleAt(asOf: string, staleAfterMinutes: number | null): number | null {
  if (staleAfterMinutes === null) return null
  const t = Date.parse(asOf)
  return Number.isNaN(t) ? null : t + staleAfterMinutes * MINUTE
}

/** Whether a value as of `asOf` is stale at `now` (older than the dataset's limit). */
export function isStale(asOf: string, staleAfterMinutes: number | null, now: number): boolean {
  const at = staleAt(asOf, staleAfterMinutes)
  return at !== null && now >= at
}

/**
 * The next instant after `now` at which one of these values becomes stale, for a screen to draw
 * its marks again then rather than on a tick; null when none will.
 */
export function nextStaleChange(
  asOfs: readonly string[],
  staleAfterMinutes: number | null,
  now: number,
): number | null {
  let next: number | null = null
  for (const asOf of asOfs) {
    const at = staleAt(asOf, staleAfterMinutes)
    if (at !== null && at > now && (next === null || at < next)) next = at
  }
  return next
}

/** A row's "as of": the newest of its values' (what changed last). */
export function rowAsOf(row: Pick<DatasetRow, 'asOf'>): string | null {
  let newest: string | null = null
  for (const at of Object.values(row.asOf)) if (newest === null || at > newest) newest = at
  return newest
}
