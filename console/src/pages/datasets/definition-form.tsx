import { DATASET_COLUMNS_MAX, type Dataset, type DatasetInput } from '@playlists/schemas/dataset'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { FormActions } from '../../components/form/form-actions'
import { checksOf } from '../../components/form/refusal'
import { NameField } from '../../components/form/text-field'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { ColumnFields } from './column-fields'
import { columnEditsOf, columnsInput, moved, newColumnEdit, problemsOf } from './columns-edit'
import { td } from './messages'

/**
 * A dataset's name and columns: a new dataset (`dataset` null, created with no rows, its policy
 * the defaults, edited below once it exists), or the draft's definition. Saving the draft's
 * columns keeps its policy as it is, and its rows follow the columns as the server decides (a
 * value that no longer fits a changed type is refused naming its row and column).
 */
export function DefinitionForm({
  dataset,
  onClose,
  onSaved,
}: {
  dataset: Dataset | null
  onClose: () => void
  onSaved: (id: string) => void
}) {
  const [name, setName] = useState(dataset?.name ?? '')
  const [columns, setColumns] = useState(() => (dataset ? columnEditsOf(dataset.columns) : [newColumnEdit()]))
  const [tried, setTried] = useState(false)
  const refusalId = useId()
  const problems = problemsOf(columns)
  const save = useAction(async () => {
    setTried(true)
    const input = columnsInput(columns)
    if (!input || !name.trim()) return
    const body: DatasetInput = {
      name: name.trim(),
      columns: input,
      staleAfterMinutes: dataset?.staleAfterMinutes ?? null,
      tokenPolicy: dataset?.tokenPolicy ?? 'queued',
      quickApprovers: dataset?.quickApprovers ?? [],
    }
    const saved = dataset
      ? await api.put('/api/datasets/:id', { params: { id: dataset.id }, body })
      : await api.post('/api/datasets', { body })
    notify(dataset ? td('columns.saved') : td('created', { name: saved.name }), 'success')
    onSaved(saved.id)
  })
  const check = checksOf(save.error, refusalId)
  const busy = save.busy
  return (
    <form
      class="form ds-definition"
      onSubmit={(e) => {
        e.preventDefault()
        void save.run()
      }}
    >
      <NameField value={name} onValue={setName} {...check('name')} />
      <h3>{td('columns.title')}</h3>
      <p class="muted">{td('columns.hint', { max: DATASET_COLUMNS_MAX })}</p>
      {columns.map((column, index) => (
        <ColumnFields
          key={column.key}
          column={column}
          index={index}
          count={columns.length}
          problems={tried ? (problems[index] ?? []) : []}
          check={check}
          disabled={busy}
          onChange={(next) => setColumns(columns.map((c) => (c.key === column.key ? next : c)))}
          onMove={(by) => setColumns(moved(columns, index, by))}
          onRemove={() => setColumns(columns.filter((c) => c.key !== column.key))}
        />
      ))}
      <div class="toolbar">
        <button
          type="button"
          name="add-column"
          disabled={busy || columns.length >= DATASET_COLUMNS_MAX}
          onClick={() => setColumns([...columns, newColumnEdit()])}
        >
          {td('column.add')}
        </button>
      </div>
      {save.error && <ErrorMessage error={save.error} id={refusalId} />}
      <FormActions label={dataset ? tc('save') : td('new-title')} busy={busy} onCancel={onClose} />
    </form>
  )
}
