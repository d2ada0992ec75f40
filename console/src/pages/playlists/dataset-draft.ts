import { DATASET_COLUMNS_MAX } from '@playlists/schemas/dataset'
import {
  DATASET_ROWS_PER_PAGE_DEFAULT,
  DATASET_ROWS_PER_PAGE_MAX,
  DATASET_STYLES,
  type DatasetStyle,
} from '@playlists/schemas/items'

/**
 * A dataset item's settings as the editor holds them: the dataset and the rows per page chosen
 * in lists (always in bounds), the columns ticked (none ticked: all of them).
 */
export interface DatasetEdit {
  datasetId: string
  style: DatasetStyle
  columns: string[]
  rowsPerPage: number
}

export function datasetEditOf(settings: {
  datasetId: string
  style?: DatasetStyle
  columns?: readonly string[]
  rowsPerPage?: number
}): DatasetEdit {
  return {
    datasetId: settings.datasetId,
    style: settings.style ?? 'table',
    columns: [...(settings.columns ?? [])],
    rowsPerPage: settings.rowsPerPage ?? DATASET_ROWS_PER_PAGE_DEFAULT,
  }
}

export const datasetSettingsOf = (edit: DatasetEdit): DatasetEdit => ({ ...edit, columns: [...edit.columns] })

export type DatasetProblem = { path: string; code: 'required' }

/** What the server would refuse: no dataset chosen. */
export function datasetProblems(edit: DatasetEdit): DatasetProblem[] {
  return edit.datasetId ? [] : [{ path: 'datasetId', code: 'required' }]
}

/** Whether a kept draft's item (components/local-draft.ts) has a dataset item's shape. */
export function keptDatasetEdit(item: Record<string, unknown>): boolean {
  return (
    typeof item.datasetId === 'string' &&
    (DATASET_STYLES as readonly unknown[]).includes(item.style) &&
    Array.isArray(item.columns) &&
    item.columns.length <= DATASET_COLUMNS_MAX &&
    item.columns.every((c) => typeof c === 'string') &&
    Number.isInteger(item.rowsPerPage) &&
    (item.rowsPerPage as number) >= 1 &&
    (item.rowsPerPage as number) <= DATASET_ROWS_PER_PAGE_MAX
  )
}
