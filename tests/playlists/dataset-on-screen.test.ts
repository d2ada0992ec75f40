import {
  DATASET_LINES,
  datasetFontPx,
  datasetItemOf,
  datasetPages,
  datasetTextPx,
  datasetWidthEm,
  formatCell,
  nextStaleAt,
  staleRowIds,
} from '@playlists/dataset-on-screen'
import { datasetFindings } from '@playlists/legibility/check'
import { textWidthEm } from '@playlists/legibility/measure'
import type { DatasetBody, DatasetColumn } from '@playlists/schemas/dataset'
import { describe, expect, it } from 'vitest'

const RATE: DatasetColumn = {
  id: 'rate',
  type: 'number',
  label: { vi: 'Tỷ giá', zh: '汇率', en: 'Rate' },
  decimals: 2,
  unit: '₫',
}
const CURRENCY: DatasetColumn = {
  id: 'currency',
  type: 'text',
  label: { vi: 'Ngoại tệ', zh: '货币', en: 'Currency' },
}
const DAY: DatasetColumn = { id: 'day', type: 'date', label: { vi: 'Ngày', zh: '日期', en: 'Date' } }
const T0 = '2026-12-05T01:00:00.000Z'
const T1 = '2026-12-05T03:00:00.000Z'

const BODY: DatasetBody = {
  name: 'Rates',
  columns: [CURRENCY, RATE, DAY],
  staleAfterMinutes: 60,
  tokenPolicy: 'queued',
  quickApprovers: [],
  rows: [
    {
      id: 'cny',
      values: { currency: { vi: 'Nhân dân tệ' }, rate: 3520.5, day: '2026-12-05' },
      asOf: { currency: T0, rate: T1, day: T0 },
    },
    {
      id: 'usd',
      values: { currency: { vi: 'Đô la Mỹ' }, rate: 25410, day: '2026-12-05' },
      asOf: { currency: T0, rate: T0, day: T0 },
    },
  ],
}
const item = (over: object = {}) => ({
  id: 'b',
  kind: 'dataset' as const,
  durationMs: 20_000,
  datasetId: 'rates',
  ...over,
})

describe('a dataset item on screen', () => {
  it('carries the chosen columns in the item’s order, leaving out one the dataset no longer has', () => {
    const shown = datasetItemOf(item({ columns: ['rate', 'gone', 'currency'] }), { number: 3, body: BODY })
    expect(shown?.columns.map((c) => c.id)).toEqual(['rate', 'currency'])
    expect(shown?.rows[0]).toEqual({
      id: 'cny',
      values: { rate: 3520.5, currency: { vi: 'Nhân dân tệ' } },
      asOf: { rate: T1, currency: T0 },
    })
    expect(shown).toMatchObject({ version: 3, style: 'table', rowsPerPage: 6, staleAfterMinutes: 60 })
  })

  it('shows every column when the item names none, and nothing without an approved version or rows', () => {
    expect(datasetItemOf(item(), { number: 1, body: BODY })?.columns).toHaveLength(3)
    expect(datasetItemOf(item(), undefined)).toBeNull()
    expect(datasetItemOf(item(), { number: 1, body: { ...BODY, rows: [] } })).toBeNull()
    expect(datasetItemOf(item({ columns: ['gone'] }), { number: 1, body: BODY })).toBeNull()
  })

  it('pages rows by the count asked for', () => {
    expect(datasetPages([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(datasetPages([], 4)).toEqual([])
  })

  it('sizes text from the zone’s height and the rows on a page: fewer rows, larger text', () => {
    expect(datasetTextPx(960, 6, DATASET_LINES)).toBeCloseTo(((960 / 7.5) * 0.8) / 3 / 1.2, 5)
    expect(datasetTextPx(960, 4, DATASET_LINES)).toBeGreaterThan(datasetTextPx(960, 6, DATASET_LINES))
  })

  it('narrows the text only when the columns at the height rule’s size would not fit the width', () => {
    const shown = datasetItemOf(item({ rowsPerPage: 2 }), { number: 1, body: BODY })!
    // A landscape LED's main zone: room to spare, the height rule stands.
    expect(datasetFontPx({ width: 1560, height: 720, panelMin: 960 }, shown)).toBeCloseTo(
      datasetTextPx(720, 2, DATASET_LINES),
      5,
    )
    const byHeight = datasetTextPx(1500, 2, DATASET_LINES)
    // A portrait kiosk 1080 wide: the widest lines of each column, the "as of" and the gaps fill
    // the width less its 2vmin padding on each side, exactly.
    const narrow = datasetFontPx({ width: 1080, height: 1500, panelMin: 1080 }, shown)
    const em = datasetWidthEm(shown.columns, shown.rows, { pages: 1, staleAfterMinutes: 60 })
    expect(narrow).toBeLessThan(byHeight)
    expect(narrow * em).toBeCloseTo(1080 - 2 * 0.02 * 1080, 5)
    // The widest line of the currency column is its bold English heading or a value, whichever is longer.
    const currency = Math.max(
      textWidthEm('Currency', true),
      textWidthEm('Ngoại tệ', true),
      textWidthEm('Nhân dân tệ'),
    )
    const alone = datasetWidthEm([CURRENCY], shown.rows, { pages: 1, staleAfterMinutes: null })
    expect(alone).toBeCloseTo(
      currency + Math.max(textWidthEm('⚠ 00:00 00/00'), textWidthEm('Cập nhật', true)) + 1.2,
      5,
    )
    // Longer values widen the column, and so shrink the text.
    const longer = datasetItemOf(item({ rowsPerPage: 2 }), {
      number: 1,
      body: {
        ...BODY,
        rows: [{ id: 'x', values: { currency: { vi: 'Nhân dân tệ Trung Quốc (CNY)' }, rate: 1 }, asOf: {} }],
      },
    })!
    expect(datasetFontPx({ width: 1080, height: 1500, panelMin: 1080 }, longer)).toBeLessThan(narrow)
  })

  it('judges the size the player draws: legible by height alone, too small once the columns narrow it', () => {
    const shape = {
      id: '1080x1920',
      width: 1080,
      height: 1920,
      zoneWidth: 1080,
      zoneHeight: 1500,
      pixelPitchMm: 0.49,
      viewingDistanceM: 2,
      screens: ['kiosk'],
    }
    const wide = {
      ...BODY,
      rows: [
        {
          id: 'x',
          values: { currency: { vi: 'Nhân dân tệ Trung Quốc, giá niêm yết tại ngân hàng' }, rate: 1 },
          asOf: {},
        },
      ],
    }
    const checked = item({ rowsPerPage: 2 })
    expect(datasetFindings(checked, 0, shape)).toEqual([])
    const findings = datasetFindings(checked, 0, shape, datasetItemOf(checked, { number: 1, body: wide }))
    expect(findings.map((f) => f.lang)).toEqual(['vi', 'zh', 'en'])
    expect(findings[0]!.fontPx).toBeLessThan(datasetTextPx(1500, 2, DATASET_LINES))
  })

  it('writes numbers with their decimals and unit, dates day first', () => {
    expect(formatCell(RATE, 3520.5)).toBe('3.520,50 ₫')
    expect(formatCell(RATE, 3520.5, 'en')).toBe('3,520.50 ₫')
    expect(formatCell(DAY, '2026-12-05')).toBe('05/12/2026')
    expect(formatCell(CURRENCY, { vi: 'Nhân dân tệ', zh: '人民币' }, 'zh')).toBe('人民币')
    expect(formatCell(RATE, null)).toBe('')
  })
})

describe('stale rows by the player’s clock', () => {
  const at = Date.parse(T0)
  it('marks a row whose newest value is older than the limit', () => {
    expect([...staleRowIds(BODY.rows, 60, at + 30 * 60_000)]).toEqual([])
    // 02:00: usd (all values of 01:00) is an hour old; cny's rate changed at 03:00.
    expect([...staleRowIds(BODY.rows, 60, at + 60 * 60_000)]).toEqual(['usd'])
    expect([...staleRowIds(BODY.rows, 60, Date.parse(T1) + 60 * 60_000)]).toEqual(['cny', 'usd'])
    expect([...staleRowIds(BODY.rows, null, at + 1e10)]).toEqual([])
  })

  it('names when the next row turns stale, for the screen to mark it then', () => {
    expect(nextStaleAt(BODY.rows, 60, at)).toBe(at + 60 * 60_000)
    expect(nextStaleAt(BODY.rows, 60, at + 61 * 60_000)).toBe(Date.parse(T1) + 60 * 60_000)
    expect(nextStaleAt(BODY.rows, 60, Date.parse(T1) + 61 * 60_000)).toBeNull()
  })
})
