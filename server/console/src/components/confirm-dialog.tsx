import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type { ApiError } from '../api'
import { tc } from '../i18n/common'
import { Dialog } from './dialog'
import { ErrorMessage } from './error-message'
import { toApiError } from './form/action'

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
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await action()
      onDone()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const close = () => {
    setError(null)
    onClose()
  }
  return (
    <Dialog title={title} open={open} onClose={close}>
      <div class="form">
        {children}
        <ErrorMessage error={error} />
        <div class="toolbar">
          <button type="button" class="danger" disabled={busy} onClick={() => void confirm()}>
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
