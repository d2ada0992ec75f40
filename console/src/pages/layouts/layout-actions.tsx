import { useEffect, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { useFailureNotice } from '../../components/form/failure-notice'
import { FormActions } from '../../components/form/form-actions'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { t } from './messages'

interface Props {
  /** Null for a layout not saved yet: it can only be saved. */
  layoutId: string | null
  name: string
  dirty: boolean
  /** Why saving waits: problems on the page, or nothing changed. */
  saveBlocked: boolean
  saving: boolean
  onSave: () => void
  /** A version went for approval: the approval state above is read again. */
  onSubmitted: () => void
  onDeleted: () => void
}

/**
 * Save, submit for approval (of what is saved, so not while there are changes) and delete (after
 * a confirmation, refused by the server while a screen uses the layout).
 */
export function LayoutActions({
  layoutId,
  name,
  dirty,
  saveBlocked,
  saving,
  onSave,
  onSubmitted,
  onDeleted,
}: Props) {
  const [deleting, setDeleting] = useState(false)
  const submit = useAction(async (id: string) => {
    await api.post('/api/layouts/:id/submit', { params: { id }, body: {} })
    notify(t('submitted', { name }))
    onSubmitted()
  })
  const remove = useAction(async (id: string) => {
    await api.delete('/api/layouts/:id', { params: { id } })
    notify(t('deleted', { name }))
    onDeleted()
  })
  // A refused submission is a notice (the page has nothing to correct); a refused deletion
  // closes the question and says why under the page.
  useFailureNotice(submit.error)
  useEffect(() => {
    if (remove.error) setDeleting(false)
  }, [remove.error])

  return (
    <>
      <ErrorMessage error={remove.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          onSave()
        }}
      >
        <FormActions class="layout-actions" label={tc('save')} busy={saving} disabled={saveBlocked}>
          {layoutId && (
            <button
              type="button"
              disabled={dirty || submit.busy}
              onClick={() => void submit.run(layoutId)}
              title={dirty ? t('submit.save-first') : undefined}
            >
              {t('submit')}
            </button>
          )}
          {layoutId && (
            <button type="button" class="danger" onClick={() => setDeleting(true)}>
              {tc('delete')}
            </button>
          )}
          {dirty && <span class="badge warn">{t('unsaved')}</span>}
        </FormActions>
      </form>
      <Dialog title={t('delete.title')} open={deleting} onClose={() => setDeleting(false)}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (layoutId) void remove.run(layoutId)
          }}
        >
          <p>{t('delete.confirm', { name })}</p>
          <FormActions
            label={tc('delete')}
            busyLabel={tc('delete')}
            busy={remove.busy}
            tone="danger"
            onCancel={() => setDeleting(false)}
          />
        </form>
      </Dialog>
    </>
  )
}
