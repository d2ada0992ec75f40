import type { Language } from '@playlists/schemas/common'
import { COLUMN_TYPES, DATASET_DECIMALS_MAX, DATASET_UNIT_CHARS_MAX } from '@playlists/schemas/dataset'
import { ChoiceField } from '../../components/form/choice-field'
import type { FieldCheck } from '../../components/form/field'
import { FieldGroup } from '../../components/form/field-group'
import { TextField, WholeNumberField } from '../../components/form/text-field'
import { COLUMN_LABEL_CHARS_MAX, type ColumnEdit, type ColumnProblem, LANGUAGES } from './columns-edit'
import { td } from './messages'

interface Props {
  column: ColumnEdit
  index: number
  count: number
  problems: readonly ColumnProblem[]
  /** Whether the server's refusal names this field of the column (`columns[2].label.vi`). */
  check: (field: string) => FieldCheck
  disabled: boolean
  onChange: (column: ColumnEdit) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}

/**
 * One column of the definition form: its key (fixed once saved), its type, its heading in the
 * three languages and, for a number, its decimals and unit; moved up or down, or removed.
 */
export function ColumnFields({
  column,
  index,
  count,
  problems,
  check,
  disabled,
  onChange,
  onMove,
  onRemove,
}: Props) {
  const n = index + 1
  const at = (field: string) => `columns[${index}].${field}`
  /** The form's own finding first, else the server's refusal naming the field. */
  const checkOf = (field: ColumnProblem['field'], params: Record<string, string | number> = {}) => {
    const own = problems.find((p) => p.field === field)
    const server = check(at(field))
    return own ? { ...server, error: td(`column.${own.problem}`, params), invalid: true } : server
  }
  const set = (patch: Partial<ColumnEdit>) => onChange({ ...column, ...patch })
  const setLabel = (l: Language, text: string) => set({ label: { ...column.label, [l]: text } })
  return (
    <FieldGroup
      legend={td('column.legend', { n })}
      name={`columns[${index}]`}
      class="ds-column"
      {...check(`columns[${index}]`)}
    >
      <div class="ds-column-line">
        <TextField
          label={td('column.id')}
          hint={column.saved ? undefined : td('column.id-hint')}
          name={at('id')}
          value={column.id}
          onValue={(id) => set({ id: id.trim() })}
          readOnly={column.saved}
          required
          maxLength={63}
          lang="en"
          {...checkOf('id', { id: column.id })}
        />
        <ChoiceField
          label={td('column.type')}
          name={at('type')}
          value={column.type}
          choices={COLUMN_TYPES.map((type) => [type, td(`type.${type}`)] as const)}
          onChange={(type) => set({ type: type as ColumnEdit['type'] })}
          {...check(at('type'))}
        />
      </div>
      <div class="ds-column-line">
        {LANGUAGES.map((l) => (
          <TextField
            key={l}
            label={td('column.label', { language: td(`language.${l}`) })}
            name={at(`label.${l}`)}
            value={column.label[l]}
            onValue={(text) => setLabel(l, text)}
            required
            maxLength={COLUMN_LABEL_CHARS_MAX}
            lang={l}
            {...checkOf(`label.${l}`)}
          />
        ))}
      </div>
      {column.type === 'number' && (
        <div class="ds-column-line">
          <WholeNumberField
            label={td('column.decimals', { max: DATASET_DECIMALS_MAX })}
            name={at('decimals')}
            value={column.decimals}
            onValue={(decimals) => set({ decimals })}
            min={0}
            max={DATASET_DECIMALS_MAX}
            required
            {...checkOf('decimals', { max: DATASET_DECIMALS_MAX })}
          />
          <TextField
            label={td('column.unit', { max: DATASET_UNIT_CHARS_MAX })}
            name={at('unit')}
            value={column.unit}
            onValue={(unit) => set({ unit })}
            maxLength={DATASET_UNIT_CHARS_MAX}
            {...check(at('unit'))}
          />
        </div>
      )}
      <div class="toolbar">
        <button
          type="button"
          disabled={disabled || index === 0}
          aria-label={td('column.up', { n })}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          disabled={disabled || index === count - 1}
          aria-label={td('column.down', { n })}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button type="button" class="danger" disabled={disabled || count === 1} onClick={onRemove}>
          {td('column.remove', { n })}
        </button>
      </div>
    </FieldGroup>
  )
}
