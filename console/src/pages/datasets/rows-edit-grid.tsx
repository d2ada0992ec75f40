import { rowAsOf } from '@playlists/dataset'
import type { Language } from '@playlists/schemas/common'
import type { DatasetColumn, DatasetRow } from '@playlists/schemas/dataset'
import type { ApiError } from '../../api'
import { formatDateTime } from '../../i18n/format'
import { language } from '../../i18n/i18n'
import { td } from './messages'
import type { CellEdit, RowEdit } from './rows-edit'

const LANGS: readonly Language[] = ['vi', 'zh', 'en']
const LANG_TAG: Record<Language, string> = { vi: 'vi', zh: 'zh-Hans', en: 'en' }

/** The input for one cell, typed by its column: a number with its decimals' step, a date, a time, text per language. */
function CellInput({
  column,
  value,
  label,
  invalid,
  errorId,
  onChange,
}: {
  column: DatasetColumn
  value: CellEdit
  label: string
  invalid: boolean
  errorId: string | undefined
  onChange: (value: CellEdit) => void
}) {
  const wiring = { 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? errorId : undefined }
  if (typeof value !== 'string') {
    return (
      <div class="ds-text-cell">
        {LANGS.map((lang) => (
          <input
            key={lang}
            type="text"
            lang={LANG_TAG[lang]}
            name={`${column.id}-${lang}`}
            aria-label={td('cell.lang', { column: label, language: td(`language.${lang}`) })}
            value={value[lang]}
            {...wiring}
            onInput={(e) => onChange({ ...value, [lang]: e.currentTarget.value })}
          />
        ))}
      </div>
    )
  }
  const type = column.type === 'number' ? 'number' : column.type === 'date' ? 'date' : 'time'
  return (
    <input
      type={type}
      step={column.type === 'number' ? String(10 ** -column.decimals) : undefined}
      name={column.id}
      aria-label={label}
      value={value}
      {...wiring}
      onInput={(e) => onChange(e.currentTarget.value)}
    />
  )
}

/**
 * The draft's rows as a grid of typed inputs, one row per line, the column headings in the
 * reader's language; each row says when its values last changed (as kept by the server), and a
 * cell the server refused is marked invalid, pointing at the refusal that names it.
 */
export function RowsGrid({
  columns,
  rows,
  saved,
  error,
  errorId,
  disabled,
  onChange,
  scope,
}: {
  columns: readonly DatasetColumn[]
  rows: readonly RowEdit[]
  /** The rows as the server keeps them (their as-of), by id. */
  saved: readonly DatasetRow[]
  error: ApiError | null
  errorId: string
  disabled: boolean
  onChange: (rows: RowEdit[]) => void
  /** Which grid this is (the draft's, the quick change's): names its cells apart on one page. */
  scope: 'draft' | 'quick'
}) {
  const lang = language.value
  const asOf = new Map(saved.map((r) => [r.id, rowAsOf(r)]))
  const update = (index: number, column: string, value: CellEdit) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, cells: { ...r.cells, [column]: value } } : r)))
  if (rows.length === 0) return <p class="empty">{td('rows.none')}</p>
  return (
    <table class="ds-grid">
      <thead>
        <tr>
          <th scope="col">#</th>
          {columns.map((c) => (
            <th key={c.id} scope="col">
              {c.label[lang]}
              {c.type === 'number' && c.unit ? ` (${c.unit})` : ''}
            </th>
          ))}
          <th scope="col">
            <span class="visually-hidden">{td('rows.as-of', { at: '' })}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, index) => {
          const at = r.id ? asOf.get(r.id) : undefined
          return (
            <tr key={r.key} data-row-id={r.id ?? ''}>
              <th scope="row">{index + 1}</th>
              {columns.map((c) => (
                <td key={c.id}>
                  <CellInput
                    column={c}
                    value={r.cells[c.id] ?? ''}
                    label={td(scope === 'quick' ? 'cell.label-quick' : 'cell.label', {
                      n: index + 1,
                      column: c.label[lang],
                    })}
                    invalid={error?.field === `rows/${index}/values/${c.id}`}
                    errorId={errorId}
                    onChange={(value) => update(index, c.id, value)}
                  />
                </td>
              ))}
              <td class="ds-row-end">
                {at && <span class="muted">{td('rows.as-of', { at: formatDateTime(at) })}</span>}
                <button
                  type="button"
                  disabled={disabled}
                  aria-label={td('rows.remove', { n: index + 1 })}
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
