import type { Dataset } from '@playlists/schemas/dataset'
import { useState } from 'preact/hooks'
import { api, read } from '../../api'
import { DeleteButton } from '../../components/delete-button'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { ts } from '../../i18n/shell'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { DatasetEditor } from './dataset-editor'
import { DefinitionForm } from './definition-form'
import { td } from './messages'
import { PolicyForm } from './policy-form'
import './datasets.css'

/** Where a dataset stands: not approved yet, or the version on air. */
function State({ dataset }: { dataset: Dataset }) {
  return (
    <span class={`badge ${dataset.liveVersion === null ? 'warn' : 'ok'}`}>
      {dataset.liveVersion === null ? td('not-approved') : td('on-air', { version: dataset.liveVersion })}
    </span>
  )
}

/**
 * Datasets: the tables, their approval state and token policy; a new table made from its name and
 * columns; a table's draft rows edited in a grid of typed inputs, saved and submitted for
 * approval (the approvals page decides), or changed at once by an approver the table names; its
 * columns and policy edited as part of the draft; a table no playlist shows deleted.
 */
export function DatasetsPage() {
  const datasets = useResource(read('/api/datasets'))
  const [open, setOpen] = useState<string | null>(null)
  const [defining, setDefining] = useState<Dataset | 'new' | null>(null)
  const list = datasets.data
  const shown = list?.find((d) => d.id === open)
  const writer = can('content:write')
  return (
    <div class="datasets-page">
      <h1>{ts('nav.datasets')}</h1>
      <p class="muted">{td('intro')}</p>
      {writer && (
        <div class="toolbar">
          <button type="button" class="primary" name="new-dataset" onClick={() => setDefining('new')}>
            {td('new')}
          </button>
        </div>
      )}
      <ErrorMessage error={datasets.error} />
      {!list ? (
        !datasets.error && <p class="loading">{tc('loading')}</p>
      ) : list.length === 0 ? (
        <p class="empty">{td('empty')}</p>
      ) : (
        <table class="ds-table">
          <thead>
            <tr>
              <th scope="col">{td('col.name')}</th>
              <th scope="col">{td('col.rows')}</th>
              <th scope="col">{td('col.state')}</th>
              <th scope="col">{td('col.policy')}</th>
              <th scope="col">{tc('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id} data-dataset={d.id}>
                <th scope="row">{d.name}</th>
                <td>{d.rows.length}</td>
                <td>
                  <State dataset={d} />
                </td>
                <td>{td(`policy.${d.tokenPolicy}`)}</td>
                <td>
                  <button
                    type="button"
                    aria-label={td('open-label', { name: d.name })}
                    aria-pressed={open === d.id}
                    onClick={() => setOpen(open === d.id ? null : d.id)}
                  >
                    {td('open')}
                  </button>
                  {writer && (
                    <DeleteButton
                      name={d.name}
                      words={td}
                      remove={() => api.delete('/api/datasets/:id', { params: { id: d.id } })}
                      onDone={() => {
                        if (open === d.id) setOpen(null)
                        datasets.reload()
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && writer && (
        <>
          <div class="toolbar">
            <button
              type="button"
              aria-label={td('columns.edit-label', { name: shown.name })}
              onClick={() => setDefining(shown)}
            >
              {td('columns.edit')}
            </button>
          </div>
          <DatasetEditor
            key={`${shown.id}:${shown.updatedAt}:${shown.liveVersion}`}
            dataset={shown}
            onSaved={datasets.reload}
          />
          <PolicyForm
            key={`policy:${shown.id}:${shown.updatedAt}`}
            dataset={shown}
            onSaved={datasets.reload}
          />
        </>
      )}
      <Dialog
        title={
          defining === 'new' ? td('new-title') : td('columns.edit-title', { name: defining?.name ?? '' })
        }
        open={defining !== null}
        onClose={() => setDefining(null)}
      >
        {defining !== null && (
          <DefinitionForm
            key={defining === 'new' ? 'new' : `${defining.id}:${defining.updatedAt}`}
            dataset={defining === 'new' ? null : defining}
            onClose={() => setDefining(null)}
            onSaved={(id) => {
              setDefining(null)
              setOpen(id)
              datasets.reload()
            }}
          />
        )}
      </Dialog>
    </div>
  )
}
