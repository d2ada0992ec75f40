import { rowAsOf } from '@playlists/dataset'
import {
  DATASET_AS_OF as AS_OF,
  DATASET_LINE_HEIGHT,
  DATASET_LINES,
  datasetFontPx,
  datasetPages,
  datasetTextPx,
  formatCell,
  nextStaleAt,
  DATASET_PAGE as PAGE,
  DATASET_STALE as STALE,
  staleRowIds,
} from '@playlists/dataset-on-screen'
import { LANGUAGES, type Language } from '@playlists/schemas/common'
import type { DatasetColumn, TextValue } from '@playlists/schemas/dataset'
import type { DocumentDatasetRow } from '@playlists/schemas/items'
import { LANG_TAG } from '../trilingual'
import type { Renderer } from './renderer'
import { rotateByClock } from './rotation'

/** Spans, one per language, each with its `lang` (Noto Sans SC for zh-Hans), stacked in a cell. */
function languageLines(texts: Partial<Record<Language, string>>): HTMLElement[] {
  return LANGUAGES.flatMap((lang) => {
    const text = texts[lang]
    if (!text) return []
    const span = document.createElement('span')
    span.className = `line lang-${lang}`
    span.lang = LANG_TAG[lang]
    span.dataset.lang = lang
    span.textContent = text
    return [span]
  })
}

function cell(column: DatasetColumn, value: unknown): HTMLElement {
  const el = document.createElement('div')
  el.className = `dataset-cell dataset-${column.type}`
  el.dataset.column = column.id
  if (column.type === 'text' && value !== null && typeof value === 'object') {
    el.append(...languageLines(value as TextValue))
  } else {
    el.textContent = formatCell(column, value)
  }
  return el
}

/** An instant as the gate reads it: its time and day in the screen's zone (08:01 05/12). */
function asOfText(iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
  }
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone, hourCycle: 'h23' })
  } catch {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC', hourCycle: 'h23' })
  }
  const part = (type: string, parts: Intl.DateTimeFormatPart[]) =>
    parts.find((p) => p.type === type)?.value ?? ''
  const parts = format.formatToParts(new Date(iso))
  return `${part('hour', parts)}:${part('minute', parts)} ${part('day', parts)}/${part('month', parts)}`
}

/**
 * A dataset's approved rows as the screen's document carries them (so they show with the server
 * gone): `table`, a grid under a heading row; `board`, large rows on a dark board. Both lay out
 * `rowsPerPage` rows a page at the size datasetFontPx gives (the legibility check's own rule),
 * turning the pages by the clock over the item's time. Each row shows when its values last
 * changed; a row older than the dataset's limit is marked stale, judged by the player's clock
 * and marked again the moment the next row turns stale.
 */
export const datasetRenderer: Renderer<'dataset'> = {
  kind: 'dataset',
  render(item, context) {
    const root = document.createElement('section')
    root.className = `dataset dataset-${item.style}`
    root.dataset.itemKind = 'dataset'
    root.dataset.datasetId = item.datasetId
    root.dataset.version = String(item.version)
    const rows = Math.max(1, item.rowsPerPage)
    const panelMin = Math.min(window.innerWidth, window.innerHeight)
    const fontPx = datasetFontPx({ width: context.width, height: context.height, panelMin }, item)
    // The rows keep the bands the zone's height gives them, even when the width asks smaller text.
    const band = datasetTextPx(context.height, rows, DATASET_LINES) * DATASET_LINES * DATASET_LINE_HEIGHT
    root.style.fontSize = `${fontPx}px`
    root.style.lineHeight = String(DATASET_LINE_HEIGHT)

    const grid = document.createElement('div')
    grid.className = 'dataset-grid'
    grid.style.gridTemplateColumns = `${item.columns.map(() => 'auto').join(' ')} max-content`
    grid.style.gridAutoRows = `${band / 0.8}px`
    for (const column of item.columns) {
      const head = document.createElement('div')
      head.className = 'dataset-cell dataset-head'
      head.append(...languageLines(column.label))
      grid.append(head)
    }
    const asOfHead = document.createElement('div')
    asOfHead.className = 'dataset-cell dataset-head'
    asOfHead.append(...languageLines(AS_OF))
    grid.append(asOfHead)

    const rowElements = new Map<string, HTMLElement>()
    const pages = datasetPages(item.rows, rows).map((page) =>
      page.map((row: DocumentDatasetRow) => {
        const line = document.createElement('div')
        line.className = 'dataset-row'
        line.dataset.rowId = row.id
        for (const column of item.columns) line.append(cell(column, row.values[column.id] ?? null))
        const asOf = document.createElement('div')
        asOf.className = 'dataset-cell dataset-as-of'
        const at = rowAsOf(row)
        asOf.dataset.asOf = at ?? ''
        asOf.textContent = at === null ? '' : asOfText(at, context.timeZone)
        line.append(asOf)
        grid.append(line)
        rowElements.set(row.id, line)
        return line
      }),
    )

    const note = document.createElement('footer')
    note.className = 'dataset-note'
    const pageNote = document.createElement('span')
    const staleNote = document.createElement('span')
    staleNote.className = 'dataset-stale-note'
    staleNote.append(
      ...languageLines(STALE).map((s) => Object.assign(s, { className: `${s.className} inline` })),
    )
    note.append(pageNote, staleNote)
    root.append(grid, note)

    const rotation = rotateByClock(context, pages.length, (index) => {
      pages.forEach((page, i) => {
        for (const line of page) line.hidden = i !== index
      })
      root.dataset.page = String(index + 1)
      pageNote.textContent =
        pages.length > 1 ? LANGUAGES.map((lang) => PAGE[lang](index + 1, pages.length)).join(' · ') : ''
    })

    // Staleness by the player's own clock: marked now, and again when the next row turns stale.
    let staleTimer: ReturnType<typeof setTimeout> | undefined
    const markStale = () => {
      clearTimeout(staleTimer)
      const now = context.now()
      const stale = staleRowIds(item.rows, item.staleAfterMinutes, now)
      for (const [id, line] of rowElements) {
        const marked = stale.has(id)
        line.classList.toggle('stale', marked)
        line.dataset.stale = String(marked)
        const asOf = line.querySelector<HTMLElement>('.dataset-as-of')
        const at = asOf?.dataset.asOf
        if (asOf && at) asOf.textContent = `${marked ? '⚠ ' : ''}${asOfText(at, context.timeZone)}`
      }
      staleNote.hidden = stale.size === 0
      root.dataset.staleRows = String(stale.size)
      const next = nextStaleAt(item.rows, item.staleAfterMinutes, now)
      // setTimeout holds at most ~24.8 days; a later turn is looked at again then.
      if (next !== null) staleTimer = setTimeout(markStale, Math.min(2 ** 31 - 1, Math.max(0, next - now)))
    }

    return {
      element: root,
      prepare: async () => {
        await document.fonts.ready
        markStale()
        rotation.settle()
      },
      start: () => {
        markStale()
        rotation.start()
      },
      dispose: () => {
        clearTimeout(staleTimer)
        rotation.stop()
      },
    }
  },
}
