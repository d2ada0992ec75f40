import { useState } from 'preact/hooks'
import { tc } from '../i18n/common'
import type { Translate } from '../i18n/i18n'
import { ConfirmDialog } from './confirm-dialog'
import { notify } from './notices'

/** The words a page gives its delete button, each naming the object by `{name}`. */
export type DeleteWords = Translate<'delete-label' | 'delete.title' | 'delete.confirm' | 'deleted'>

/**
 * A row's "Delete" and its confirmation, for the sources pages (datasets, feeds, alert sources):
 * the question names the object; the server's refusal (a source still in use) is read in the
 * dialog in the reader's language, the dialog staying open so the person sees why; once deleted,
 * a notice says so.
 */
export function DeleteButton({
  name,
  words,
  remove,
  onDone,
}: {
  name: string
  words: DeleteWords
  remove: () => Promise<unknown>
  onDone: () => void
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        class="danger"
        aria-label={words('delete-label', { name })}
        onClick={() => setOpen(true)}
      >
        {tc('delete')}
      </button>
      <ConfirmDialog
        title={words('delete.title')}
        open={open}
        confirmLabel={tc('delete')}
        action={async () => {
          await remove()
          notify(words('deleted', { name }), 'success')
        }}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false)
          onDone()
        }}
      >
        <p>{words('delete.confirm', { name })}</p>
      </ConfirmDialog>
    </>
  )
}
