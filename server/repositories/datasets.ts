import { conformRows, keepRows, type RowProblem, RowsRefused } from '@playlists/dataset'
import type {
  Dataset,
  DatasetBody,
  DatasetColumn,
  DatasetCreateInput,
  DatasetInput,
  DatasetRow,
  RowInput,
  TokenPolicy,
} from '@playlists/schemas/dataset'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { type DomainError, notFound, refuse } from '../domain-error'
import { newId } from '../ids'
import { refuseDeletedId } from './deleted-ids'
import { refuseWhileShown } from './source-uses'

interface DatasetRowRecord {
  id: string
  name: string
  columns: string
  stale_after_minutes: number | null
  token_policy: TokenPolicy
  quick_approvers: string
  created_at: string
  updated_at: string
  live_version: number | null
}

interface CellsRecord {
  id: string
  cells: string
  as_of: string
}

const SELECT_DATASET = `SELECT d.*,
    (SELECT l.number FROM live_versions l JOIN versions v
       ON v.object_type = l.object_type AND v.object_id = l.object_id AND v.number = l.number
     WHERE l.object_type = 'dataset' AND l.object_id = d.id AND v.body IS NOT NULL) AS live_version
  FROM datasets d`

/** Where a refusal about rows points, as the request names it: `rows/2/values/rate`. */
function fieldOf(p: RowProblem): string {
  switch (p.problem) {
    case 'too-many-rows':
      return 'rows'
    case 'row-unknown':
      return 'remove'
    case 'row-twice':
      return `rows/${p.row - 1}/id`
    default:
      return `rows/${p.row - 1}/values/${p.column}`
  }
}

/** The core's finding about rows as the refusal a client reads: the row and the column named. */
export function rowsRefusal(p: RowProblem): DomainError {
  const field = fieldOf(p)
  switch (p.problem) {
    case 'too-many-rows':
      return refuse('dataset.too-many-rows', `A dataset holds at most ${p.limit} rows.`, {
        field,
        params: { limit: p.limit },
      })
    case 'row-unknown':
      return refuse('dataset.row-unknown', `The dataset has no row "${p.rowId}" to remove.`, {
        field,
        params: { rowId: p.rowId },
      })
    case 'row-twice':
      return refuse('dataset.row-twice', `Row ${p.row}: the id "${p.rowId}" is given to another row too.`, {
        field,
        params: { row: p.row, rowId: p.rowId },
      })
    case 'unknown-column':
      return refuse(
        'dataset.unknown-column',
        `Row ${p.row} ("${p.rowId}"): the dataset has no column "${p.column}".`,
        { field, params: { row: p.row, rowId: p.rowId, column: p.column } },
      )
    case 'value-type':
      return refuse(
        `dataset.value-${p.type}`,
        `Row ${p.row} ("${p.rowId}"), column "${p.column}": the value must be ${FORMS[p.type]}.`,
        { field, params: { row: p.row, rowId: p.rowId, column: p.column } },
      )
    case 'value-decimals':
      return refuse(
        'dataset.value-decimals',
        `Row ${p.row} ("${p.rowId}"), column "${p.column}": at most ${p.decimals} digits after the point.`,
        { field, params: { row: p.row, rowId: p.rowId, column: p.column, decimals: p.decimals } },
      )
    case 'value-range':
      return refuse(
        'dataset.value-range',
        `Row ${p.row} ("${p.rowId}"), column "${p.column}": the number is beyond ±${p.limit}.`,
        { field, params: { row: p.row, rowId: p.rowId, column: p.column, limit: p.limit } },
      )
  }
}

const FORMS: Record<DatasetColumn['type'], string> = {
  text: 'text: {"vi": …, "zh": …, "en": …}, Vietnamese required',
  number: 'a number',
  date: 'a day written YYYY-MM-DD',
  time: 'a time written HH:MM',
}

/** Runs the core's row rules, their finding turned into the refusal. */
export function checkedRows<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof RowsRefused) throw rowsRefusal(error.detail)
    throw error
  }
}

/** Columns whose ids repeat, and quick approvers who are no approvers, are refused before rows are. */
function checkColumns(columns: readonly DatasetColumn[]): void {
  const seen = new Set<string>()
  columns.forEach((c, index) => {
    if (seen.has(c.id)) {
      throw refuse('dataset.column-twice', `Two columns have the id "${c.id}".`, {
        field: `columns/${index}/id`,
        params: { column: c.id },
      })
    }
    seen.add(c.id)
  })
}

/** Datasets' drafts: their definition and their rows, each value with its "as of". */
export class DatasetsRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): Dataset[] {
    return (this.db.prepare(`${SELECT_DATASET} ORDER BY d.id`).all() as DatasetRowRecord[]).map((r) =>
      this.toDataset(r),
    )
  }

  find(id: string): Dataset | undefined {
    const row = this.db.prepare(`${SELECT_DATASET} WHERE d.id = ?`).get(id) as DatasetRowRecord | undefined
    return row && this.toDataset(row)
  }

  get(id: string): Dataset {
    const found = this.find(id)
    if (!found) throw notFound('dataset.not-found', 'Dataset', id)
    return found
  }

  /** The draft as a version freezes it. */
  body(id: string): DatasetBody {
    const { name, columns, staleAfterMinutes, tokenPolicy, quickApprovers, rows } = this.get(id)
    return { name, columns, staleAfterMinutes, tokenPolicy, quickApprovers, rows }
  }

  create(input: DatasetCreateInput): Dataset {
    const id = input.id ?? newId('dataset')
    const { rows = [], id: _id, ...definition } = input
    checkColumns(definition.columns)
    return this.db.transaction(() => {
      if (this.find(id))
        throw refuse('dataset.id-taken', `A dataset with id "${id}" already exists.`, { params: { id } })
      refuseDeletedId(this.db, 'dataset', id)
      const now = isoAt(this.clock())
      this.db
        .prepare(
          `INSERT INTO datasets (id, name, columns, stale_after_minutes, token_policy, quick_approvers,
             created_at, updated_at)
           VALUES (@id, @name, @columns, @stale, @policy, @approvers, @now, @now)`,
        )
        .run({ id, now, ...params(definition) })
      this.writeRows(
        id,
        checkedRows(() => keepRows(definition.columns, [], rows, now)),
      )
      return this.get(id)
    })()
  }

  /** The definition changed: the rows follow the columns (values of a removed column go). */
  update(id: string, input: DatasetInput): Dataset {
    checkColumns(input.columns)
    return this.db.transaction(() => {
      const current = this.get(id)
      const now = isoAt(this.clock())
      const rows = checkedRows(() => conformRows(input.columns, current.rows, now))
      this.db
        .prepare(
          `UPDATE datasets SET name = @name, columns = @columns, stale_after_minutes = @stale,
             token_policy = @policy, quick_approvers = @approvers, updated_at = @now WHERE id = @id`,
        )
        .run({ id, now, ...params(input) })
      this.writeRows(id, rows)
      return this.get(id)
    })()
  }

  /**
   * Deletes the dataset and its rows, refused while a playlist shows it; its versions stay under
   * its id, which is never given again (migration 023). Returns it as it was, for the audit.
   */
  delete(id: string): Dataset {
    return this.db.transaction(() => {
      const dataset = this.get(id)
      refuseWhileShown(this.db, 'dataset', id)
      this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id)
      return dataset
    })()
  }

  /** The draft's rows replaced by these, as sent (each value's as-of kept where it did not change). */
  setRows(id: string, input: readonly RowInput[]): Dataset {
    return this.db.transaction(() => {
      const current = this.get(id)
      const now = isoAt(this.clock())
      this.writeRows(
        id,
        checkedRows(() => keepRows(current.columns, current.rows, input, now)),
      )
      this.touch(id, now)
      return this.get(id)
    })()
  }

  /** The draft's rows as a patch left them (already checked by the core). */
  replaceRows(id: string, rows: readonly DatasetRow[]): void {
    this.writeRows(id, rows)
    this.touch(id, isoAt(this.clock()))
  }

  private touch(id: string, now: string): void {
    this.db.prepare('UPDATE datasets SET updated_at = ? WHERE id = ?').run(now, id)
  }

  private writeRows(id: string, rows: readonly DatasetRow[]): void {
    this.db.prepare('DELETE FROM dataset_rows WHERE dataset_id = ?').run(id)
    const insert = this.db.prepare(
      'INSERT INTO dataset_rows (dataset_id, position, id, cells, as_of) VALUES (?, ?, ?, ?, ?)',
    )
    rows.forEach((r, position) => {
      insert.run(id, position, r.id, JSON.stringify(r.values), JSON.stringify(r.asOf))
    })
  }

  private rowsOf(id: string): DatasetRow[] {
    return (
      this.db
        .prepare('SELECT id, cells, as_of FROM dataset_rows WHERE dataset_id = ? ORDER BY position')
        .all(id) as CellsRecord[]
    ).map((r) => ({ id: r.id, values: JSON.parse(r.cells), asOf: JSON.parse(r.as_of) }))
  }

  private toDataset(r: DatasetRowRecord): Dataset {
    return {
      id: r.id,
      name: r.name,
      columns: JSON.parse(r.columns) as DatasetColumn[],
      staleAfterMinutes: r.stale_after_minutes,
      tokenPolicy: r.token_policy,
      quickApprovers: JSON.parse(r.quick_approvers) as string[],
      rows: this.rowsOf(r.id),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      liveVersion: r.live_version,
    }
  }
}

const params = (input: DatasetInput) => ({
  name: input.name,
  columns: JSON.stringify(input.columns),
  stale: input.staleAfterMinutes,
  policy: input.tokenPolicy,
  approvers: JSON.stringify([...new Set(input.quickApprovers)].sort()),
})
