import type { ComponentChildren } from 'preact'
import { useId } from 'preact/hooks'
import type { FieldCheck } from './field'
import { wiringOf } from './wiring'

interface Props extends FieldCheck {
  legend: ComponentChildren
  hint?: ComponentChildren
  /** The group's `name`, so a test or a refusal can find it as it finds a control. */
  name?: string
  class?: string
  children: ComponentChildren
}

/**
 * Field for a set of controls answering one question (radio buttons, a tree of checkboxes): the
 * legend names the set, and its error and hint are tied to the fieldset as Field ties them to one
 * control, since no single box of the set is the one that is wrong.
 */
export function FieldGroup({
  legend,
  hint,
  error,
  invalid,
  refusalId,
  name,
  class: className,
  children,
}: Props) {
  const id = useId()
  return (
    <fieldset class={className} name={name} {...wiringOf({ id, error, invalid, hint, refusalId })}>
      <legend>{legend}</legend>
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {hint && (
        <p class="field-hint muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </fieldset>
  )
}
