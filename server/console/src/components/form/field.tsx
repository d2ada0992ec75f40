import type { ComponentChildren, VNode } from 'preact'
import { useId } from 'preact/hooks'

/** What a control inside a Field spreads onto itself so assistive technology reads its message. */
export interface FieldControl {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

interface Props {
  label: ComponentChildren
  /** Under the control while the control is invalid; read out with it through aria-describedby. */
  error?: string | null
  /**
   * Invalid without a message of its own: the server named the field in a refusal shown above
   * the form's buttons. Defaults to whether there is an error.
   */
  invalid?: boolean
  hint?: ComponentChildren
  /** The `lang` of the error text, when the field sits in a column written in another language. */
  errorLang?: string
  class?: string
  children: (control: FieldControl) => VNode
}

/**
 * One labelled control: the label around it (so a click on the words focuses it), then its error
 * and its hint, both tied to the control with aria-describedby (error first: it is what the reader
 * must act on) and aria-invalid set while it is wrong. Every console form builds its fields with
 * this, so no field can forget the wiring.
 */
export function Field({ label, error, invalid, hint, errorLang, class: className, children }: Props) {
  const id = useId()
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const described = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ')
  return (
    <label class={className ? `field ${className}` : 'field'} htmlFor={id}>
      <span>{label}</span>
      {children({
        id,
        'aria-invalid': (invalid ?? Boolean(error)) || undefined,
        'aria-describedby': described || undefined,
      })}
      {error && (
        <span class="field-error" id={errorId} lang={errorLang}>
          {error}
        </span>
      )}
      {hint && (
        <span class="field-hint muted" id={hintId}>
          {hint}
        </span>
      )}
    </label>
  )
}
