import type { ComponentChildren, VNode } from 'preact'
import { useId } from 'preact/hooks'
import { wiringOf } from './wiring'

/** What a control inside a Field spreads onto itself so assistive technology reads its message. */
export interface FieldControl {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/** What a form's checks say of one field: spread onto Field. */
export interface FieldCheck {
  /** Under the control while the control is invalid; read out with it through aria-describedby. */
  error?: string | null
  /**
   * Invalid without a message of its own: the server named the field in a refusal shown above
   * the form's buttons. Defaults to whether there is an error.
   */
  invalid?: boolean
  /**
   * The id of the form's refusal (ErrorMessage's `id`): a field the server named, with no message
   * of its own, points at the refusal that explains it.
   */
  refusalId?: string
}

interface Props extends FieldCheck {
  label: ComponentChildren
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
export function Field({
  label,
  error,
  invalid,
  hint,
  refusalId,
  errorLang,
  class: className,
  children,
}: Props) {
  const id = useId()
  return (
    <label class={className ? `field ${className}` : 'field'} htmlFor={id}>
      <span>{label}</span>
      {children({ id, ...wiringOf({ id, error, invalid, hint, refusalId }) })}
      {error && (
        <span class="field-error" id={`${id}-error`} lang={errorLang}>
          {error}
        </span>
      )}
      {hint && (
        <span class="field-hint muted" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </label>
  )
}
