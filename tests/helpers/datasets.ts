import type { DatasetCreateInput } from '@playlists/schemas/dataset'

/** The columns of the gate's exchange-rate board: currency (text), rate (number), day (date). */
export const RATE_COLUMNS: DatasetCreateInput['columns'] = [
  { id: 'currency', type: 'text', label: { vi: 'Ngoại tệ', zh: '货币', en: 'Currency' } },
  {
    id: 'rate',
    type: 'number',
    label: { vi: 'Tỷ giá', zh: '汇率', en: 'Rate' },
    decimals: 2,
    unit: '₫',
  },
  { id: 'day', type: 'date', label: { vi: 'Ngày', zh: '日期', en: 'Date' } },
]

/** Exchange rates in đồng, as the bank's desk at the gate posts them. */
export const RATE_ROWS: NonNullable<DatasetCreateInput['rows']> = [
  {
    id: 'cny',
    values: { currency: { vi: 'Nhân dân tệ', zh: '人民币', en: 'Yuan' }, rate: 3520.5, day: '2026-12-05' },
  },
  {
    id: 'usd',
    values: { currency: { vi: 'Đô la Mỹ', zh: '美元', en: 'US dollar' }, rate: 25410, day: '2026-12-05' },
  },
]

/** A dataset as an editor creates it (exchange rates), with what a test changes. */
export const datasetBody = (id: string, over: Partial<DatasetCreateInput> = {}): DatasetCreateInput => ({
  id,
  name: 'Tỷ giá tại cửa khẩu',
  columns: RATE_COLUMNS,
  staleAfterMinutes: 24 * 60,
  tokenPolicy: 'queued',
  quickApprovers: [],
  rows: RATE_ROWS,
  ...over,
})
