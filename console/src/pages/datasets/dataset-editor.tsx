import type { Dataset, DatasetOnAir } from '@playlists/schemas/dataset'
import { useId, useState } from 'preact/hooks'
import { api, read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { me } from '../../session'
import { useResource } from '../../use-resource'
import { td } from './messages'
import { QuickChange } from './quick-change'
import { newRowEdit, rowEditsOf, rowsInput, rowsPrint } from './rows-edit'
import { RowsGrid } from './rows-edit-grid'

/**
 * One dataset's draft rows in a grid of typed inputs, saved as the draft and submitted for
 * approval; below, for an approver the version on air names, the quick change of the rows on air.
 */
export function DatasetEditor({ dataset, onSaved }: { dataset: Dataset; onSaved: () => void }) {
  const errorId = useId()
  const [rows, setRows] = useState(() => rowEditsOf(dataset.columns, dataset.rows))
  const onAir = useResource<DatasetOnAir>(read('/api/datasets/:id/on-air', { params: { id: dataset.id } }))
  const changed =
    rowsPrint(dataset.columns, rows) !== rowsPrint(dataset.columns, rowEditsOf(dataset.columns, dataset.rows))
  const params = { id: dataset.id }
  const save = useAction(async () => {
    const body = { rows: rowsInput(dataset.columns, rows) }
    const after = await api.put('/api/datasets/:id/rows', { params, body })
    setRows(rowEditsOf(after.columns, after.rows))
    notify(td('saved'), 'success')
    onSaved()
  })
  const submit = useAction(async () => {
    const version = await api.post('/api/datasets/:id/submit', { params })
    notify(td('submitted', { version: version.number }), 'success')
    onSaved()
  })
  const live = onAir.data?.body ?? null
  const userId = me.value?.user.id
  const quickAllowed = live !== null && userId !== undefined && live.quickApprovers.includes(userId)
  const error = save.error ?? submit.error
  const busy = save.busy || submit.busy
  return (
    <>
      <section class="card ds-editor" aria-labelledby={`${errorId}-title`}>
        <h2 id={`${errorId}-title`}>{td('rows.title', { name: dataset.name })}</h2>
        <ErrorMessage error={error} id={errorId} />
        <RowsGrid
          columns={dataset.columns}
          rows={rows}
          saved={dataset.rows}
          error={error}
          errorId={errorId}
          disabled={busy}
          onChange={setRows}
          scope="draft"
        />
        <div class="form-actions">
          <button
            type="button"
            disabled={busy}
            onClick={() => setRows([...rows, newRowEdit(dataset.columns)])}
          >
            {td('rows.add')}
          </button>
          <button type="button" class="primary" disabled={busy || !changed} onClick={() => void save.run()}>
            {td('save')}
          </button>
          <button type="button" disabled={busy || changed} onClick={() => void submit.run()}>
            {td('submit')}
          </button>
        </div>
        {changed && <p class="muted">{td('unsaved')}</p>}
      </section>
      {quickAllowed && live && (
        <QuickChange
          key={`${onAir.data?.version}`}
          id={dataset.id}
          live={live}
          onDone={() => {
            onAir.reload()
            onSaved()
          }}
        />
      )}
    </>
  )
}
