import { isStale, nextStaleChange, rowAsOf } from './dataset'
import { textWidthEm } from './legibility/measure'
import { LANGUAGES, type Language } from './schemas/common'
import type { DatasetBody, DatasetColumn, TextValue } from './schemas/dataset'
import {
  type DocumentDatasetRow,
  type DocumentItemOf,
  ITEM_DEFAULTS,
  type PlaylistItem,
} from './schemas/items'

type StoredDatasetItem = Extract<PlaylistItem, { kind: 'dataset' }>
/** A dataset item as stored, or as an editor holds it (settings left out take their defaults). */
type DatasetItem = Pick<StoredDatasetItem, 'id' | 'kind' | 'durationMs' | 'datasetId'> &
  Partial<Pick<StoredDatasetItem, 'style' | 'columns' | 'rowsPerPage'>>

/**
 * A dataset item as a screen's document carries it: the approved version's columns the item
 * chose (in the item's order; a column since removed from the dataset is left out, and an item
 * naming none shows them all) and every row with those columns' values and their "as of", so the
 * screen shows them, and marks them stale, with the server gone. Null when nothing is on air to
 * show (no approved version, no rows, or none of the chosen columns left).
 */
export function datasetItemOf(
  item: DatasetItem,
  live: { number: number; body: DatasetBody } | undefined,
): DocumentItemOf<'dataset'> | null {
  if (!live || live.body.rows.length === 0) return null
  const {
    datasetId,
    style,
    columns: chosen,
    rowsPerPage,
    id,
    durationMs,
  } = { ...ITEM_DEFAULTS.dataset, ...item }
  const byId = new Map(live.body.columns.map((c) => [c.id, c]))
  const columns =
    chosen.length === 0 ? live.body.columns : chosen.flatMap((c) => (byId.has(c) ? [byId.get(c)!] : []))
  if (columns.length === 0) return null
  const rows = live.body.rows.map((r) => {
    const values: Record<string, unknown> = {}
    const asOf: Record<string, string> = {}
    for (const c of columns) {
      values[c.id] = r.values[c.id] ?? null
      const at = r.asOf[c.id]
      if (at !== undefined) asOf[c.id] = at
    }
    return { id: r.id, values, asOf }
  })
  return {
    id,
    kind: 'dataset',
    durationMs,
    datasetId,
    style,
    rowsPerPage,
    version: live.number,
    staleAfterMinutes: live.body.staleAfterMinutes,
    columns: [...columns],
    rows,
  }
}

/** The rows of each page, in order: `rowsPerPage` at a time, the last page holding the rest. */
export function datasetPages<R>(rows: readonly R[], rowsPerPage: number): R[][] {
  const size = Math.max(1, Math.floor(rowsPerPage))
  const pages: R[][] = []
  for (let start = 0; start < rows.length; start += size) pages.push(rows.slice(start, start + size))
  return pages
}

/** A page's bands: the heading, its rows, and half a band under them for the "as of" note. */
const NOTE_BANDS = 0.5
/** The share of a band its lines of text fill (the rest is the gap between rows). */
const BAND_FILL = 0.8
/** CSS line height of a dataset's text, as the player sets it. */
export const DATASET_LINE_HEIGHT = 1.2

/**
 * The font size of a dataset item's text in a zone `zoneHeight` pixels high: the zone divided
 * into the heading band, `rowsPerPage` row bands and the note; each band holding `lines` lines
 * (three when text cells stack vi, zh and en; the headings always do). One rule for the player,
 * which draws at this size, and the legibility check, which judges it: what is approved is what
 * the screen shows.
 */
export function datasetTextPx(zoneHeight: number, rowsPerPage: number, lines: number): number {
  const band = zoneHeight / (Math.max(1, rowsPerPage) + 1 + NOTE_BANDS)
  return (band * BAND_FILL) / Math.max(1, lines) / DATASET_LINE_HEIGHT
}

/** Lines of each band: the headings and text cells stack the three languages. */
export const DATASET_LINES = 3

/** The "as of" column's heading and the stale legend, in the programme's three languages. */
export const DATASET_AS_OF: Readonly<Record<Language, string>> = {
  vi: 'Cập nhật',
  zh: '更新时间',
  en: 'As of',
}
export const DATASET_STALE: Readonly<Record<Language, string>> = {
  vi: '⚠ Chưa cập nhật',
  zh: '⚠ 未及时更新',
  en: '⚠ Not updated',
}
export const DATASET_PAGE: Readonly<Record<Language, (n: number, of: number) => string>> = {
  vi: (n, of) => `Trang ${n}/${of}`,
  zh: (n, of) => `第 ${n}/${of} 页`,
  en: (n, of) => `Page ${n}/${of}`,
}

/** From player/styles/datasets.css: `.dataset-grid`'s column gap, `.dataset-note`'s size and gap, `.line.inline`'s margin (em). */
const GAP_EM = 1.2
const NOTE_EM = 0.8
const NOTE_GAP_EM = 1
const INLINE_MARGIN_EM = 0.6
/** `.dataset`'s padding left and right, in vmin of the panel. */
const PAD_X_VMIN = 0.02
/** The widest "as of" a cell writes (stale, with digits of the tabular width). */
const AS_OF_SAMPLE = '⚠ 00:00 00/00'

type ShownColumn = DatasetColumn
type ShownRow = Pick<DocumentDatasetRow, 'values'>

/** The widest line of a column, heading (bold) or cell, in em. */
function columnWidthEm(column: ShownColumn, rows: readonly ShownRow[]): number {
  let widest = Math.max(...LANGUAGES.map((lang) => textWidthEm(column.label[lang] ?? '', true)))
  for (const row of rows) {
    const value = row.values[column.id] ?? null
    const texts =
      column.type === 'text'
        ? LANGUAGES.map((lang) => formatCell(column, value, lang))
        : [formatCell(column, value)]
    for (const text of texts) widest = Math.max(widest, textWidthEm(text))
  }
  return widest
}

/**
 * How wide, in em of the item's text, a dataset needs its zone: every column at its widest
 * line (the cells do not wrap) with the "as of" column and the gaps between, or the note under
 * the rows (page numbers, the stale legend) when that is wider. Measured with the player's
 * fonts' advance widths, as the slide fitter's model is (kerning left out: errs wide).
 */
export function datasetWidthEm(
  columns: readonly ShownColumn[],
  rows: readonly ShownRow[],
  options: { pages: number; staleAfterMinutes: number | null },
): number {
  const asOf = Math.max(
    textWidthEm(AS_OF_SAMPLE),
    ...LANGUAGES.map((lang) => textWidthEm(DATASET_AS_OF[lang], true)),
  )
  const grid = columns.reduce((sum, c) => sum + columnWidthEm(c, rows), asOf) + GAP_EM * columns.length
  const page =
    options.pages > 1
      ? textWidthEm(LANGUAGES.map((lang) => DATASET_PAGE[lang](options.pages, options.pages)).join(' · '))
      : 0
  const stale =
    options.staleAfterMinutes === null
      ? 0
      : LANGUAGES.reduce((sum, lang) => sum + INLINE_MARGIN_EM + textWidthEm(DATASET_STALE[lang]), 0)
  const note = NOTE_EM * (page + (page && stale ? NOTE_GAP_EM : 0) + stale)
  return Math.max(grid, note)
}

/** A dataset item's zone: its size and the panel's shorter side (the padding is in vmin). */
export interface DatasetZone {
  width: number
  height: number
  panelMin: number
}

/**
 * The size a dataset item's text is drawn at: the height rule (datasetTextPx), unless the
 * columns at that size would not fit the zone's width (a portrait kiosk, many columns); then
 * the size at which they do. The player draws by it and the legibility check judges it, with
 * the version's own columns and rows.
 */
export function datasetFontPx(
  zone: DatasetZone,
  item: {
    rowsPerPage: number
    columns: readonly ShownColumn[]
    rows: readonly ShownRow[]
    staleAfterMinutes: number | null
  },
): number {
  const byHeight = datasetTextPx(zone.height, item.rowsPerPage, DATASET_LINES)
  const pages = datasetPages(item.rows, item.rowsPerPage).length
  const widthEm = datasetWidthEm(item.columns, item.rows, {
    pages,
    staleAfterMinutes: item.staleAfterMinutes,
  })
  const room = zone.width - 2 * PAD_X_VMIN * zone.panelMin
  return widthEm > 0 ? Math.max(0, Math.min(byHeight, room / widthEm)) : byHeight
}

const LOCALE: Record<Language, string> = { vi: 'vi-VN', zh: 'zh-CN', en: 'en-GB' }

/**
 * A number, date or time cell as a screen writes it (once, for every language: the figures are
 * the same): numbers with the column's decimals and unit in the reader's grouping (Vietnamese by
 * default, the gate's), dates as dd/mm/yyyy, times as they are. Text cells are drawn per
 * language by the caller; an empty cell is an empty string.
 */
export function formatCell(column: DatasetColumn, value: unknown, lang: Language = 'vi'): string {
  if (value === null || value === undefined) return ''
  switch (column.type) {
    case 'number': {
      if (typeof value !== 'number') return ''
      const text = new Intl.NumberFormat(LOCALE[lang], {
        minimumFractionDigits: column.decimals,
        maximumFractionDigits: column.decimals,
      }).format(value)
      return column.unit === null ? text : `${text} ${column.unit}`
    }
    case 'date': {
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null
      return m ? `${m[3]}/${m[2]}/${m[1]}` : ''
    }
    case 'time':
      return typeof value === 'string' ? value : ''
    case 'text':
      return typeof value === 'object' ? ((value as TextValue)[lang] ?? '') : ''
  }
}

/** The rows stale at `now`: those whose newest value is older than the dataset's limit. */
export function staleRowIds(
  rows: readonly Pick<DocumentDatasetRow, 'id' | 'asOf'>[],
  staleAfterMinutes: number | null,
  now: number,
): Set<string> {
  const stale = new Set<string>()
  for (const row of rows) {
    const asOf = rowAsOf(row)
    if (asOf !== null && isStale(asOf, staleAfterMinutes, now)) stale.add(row.id)
  }
  return stale
}

/** When the next of these rows turns stale after `now` (to mark it then); null when none will. */
export function nextStaleAt(
  rows: readonly Pick<DocumentDatasetRow, 'asOf'>[],
  staleAfterMinutes: number | null,
  now: number,
): number | null {
  const asOfs = rows.flatMap((r) => {
    const at = rowAsOf(r)
    return at === null ? [] : [at]
  })
  return nextStaleChange(asOfs, staleAfterMinutes, now)
}

/** How a play of a dataset item names what it showed: the dataset's approved version. */
export const datasetVersionEntry = (version: number): string => `dataset-version-${version}`
