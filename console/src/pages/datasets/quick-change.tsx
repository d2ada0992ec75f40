import type { DatasetBody } from '@playlists/schemas/dataset'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { td } from './messages'
import { quickPatch, rowEditsOf } from './rows-edit'
import { RowsGrid } from './rows-edit-grid'

/**
 * A quick change, for an approver the version on air names: a grid of the rows ON AIR (not the
 * draft, whose unapproved edits must not ride along), whose differences go on air at once as a
 * patch the server audits with the values before and after.
 */
export function QuickChange({ id, live, onDone }: { id: string; live: DatasetBody; onDone: () => void }) {
  const errorId = useId()
  const [rows, setRows] = useState(() => rowEditsOf(live.columns, live.rows))
  const quick = useAction(async () => {
    const patch = quickPatch(live.columns, live.rows, rows)
    if (patch.rows.length === 0 && (patch.remove ?? []).length === 0) {
      notify(td('quick-nothing'), 'info')
      return
    }
    const done = await api.post('/api/datasets/:id/quick-change', { params: { id }, body: patch })
    notify(td('quick-done', { version: done.version }), 'success')
    onDone()
  })
  return (
    <section class="card ds-quick" aria-labelledby={`${errorId}-title`}>
      <h2 id={`${errorId}-title`}>{td('quick')}</h2>
      <p class="muted">{td('quick-hint')}</p>
      <ErrorMessage error={quick.error} id={errorId} />
      <RowsGrid
        columns={live.columns}
        rows={rows}
        saved={live.rows}
        error={quick.error}
        errorId={errorId}
        disabled={quick.busy}
        onChange={setRows}
        scope="quick"
      />
      <div class="form-actions">
        <button type="button" class="danger" disabled={quick.busy} onClick={() => void quick.run()}>
          {td('quick')}
        </button>
      </div>
    </section>
  )
}
