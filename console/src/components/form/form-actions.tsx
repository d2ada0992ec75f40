import type { ComponentChildren } from 'preact'
import { tc } from '../../i18n/common'

interface Props {
  /** The submit button's words while idle; "Saving…" (or `busyLabel`) replaces them while busy. */
  label: string
  busy: boolean
  busyLabel?: string
  /** A reason the form cannot be sent yet (the button is disabled too). */
  disabled?: boolean
  /** A danger action (delete, revoke) is styled apart from a save. */
  tone?: 'primary' | 'danger'
  /** Without it there is no cancel button (a page form that stays on the page). */
  onCancel?: () => void
  cancelLabel?: string
  /** The submit button's `name`, where a page or its tests tell two submits apart. */
  name?: string
  /** Extra classes for the row, for a page's own spacing. */
  class?: string
  /** Extra buttons after the two, e.g. "Send for approval". */
  children?: ComponentChildren
}

/**
 * A form's buttons: submit, disabled and saying so while its action runs (see useAction, which
 * also refuses a second run), then cancel. Kept in one place so every form looks and behaves the same.
 */
export function FormActions({
  label,
  busy,
  busyLabel,
  disabled,
  tone = 'primary',
  onCancel,
  cancelLabel,
  name,
  class: className,
  children,
}: Props) {
  return (
    <div class={className ? `toolbar ${className}` : 'toolbar'}>
      <button
        type="submit"
        name={name}
        class={tone}
        disabled={busy || disabled}
        aria-busy={busy || undefined}
      >
        {busy ? (busyLabel ?? tc('saving')) : label}
      </button>
      {onCancel && (
        <button type="button" name="cancel" onClick={onCancel}>
          {cancelLabel ?? tc('cancel')}
        </button>
      )}
      {children}
    </div>
  )
}
