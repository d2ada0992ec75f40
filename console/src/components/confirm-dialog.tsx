import type { ComponentChildren } from 'preact'
import { tc } from '../i18n/common'
import { Dialog } from './dialog'
import { ErrorMessage } from './error-message'
import { useAction } from './form/use-action'

/**
 * "Are you sure?" for a destructive action: the question, a danger button that runs `action`
 * (disabled while it runs), and the server's refusal shown in place, the dialog staying open.
 */
export function ConfirmDialog({
  title,
  open,
  confirmLabel,
  action,
  onClose,
  onDone,
  children,
}: {
  title: string
  open: boolean
  confirmLabel: string
  action: () => Promise<void>
  onClose: () => void
  onDone: () => void
  children: ComponentChildren
}) {
  const confirm = useAction(async () => {
    await action()
    onDone()
  })
  const close = () => {
    confirm.setError(null)
    onClose()
  }
  return (
    <Dialog title={title} open={open} onClose={close}>
      <div class="form">
        {children}
        <ErrorMessage error={confirm.error} />
        <div class="toolbar">
          <button type="button" class="danger" disabled={confirm.busy} onClick={() => void confirm.run()}>
            {confirmLabel}
          </button>
          <button type="button" onClick={close}>
            {tc('cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
