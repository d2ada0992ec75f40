import type { FieldCheck } from './field'
import { Field } from './field'

interface Props extends FieldCheck {
  label: string
  name: string
  value: string
  /** Choices as [value, words], in the order shown. */
  choices: readonly (readonly [string, string])[]
  /** The first choice, value "", meaning no narrowing (a filter's "any"). */
  any?: string
  hint?: string
  onChange: (value: string) => void
}

/**
 * A Field holding a select of fixed choices: the filters and switches (an outcome, a chart's
 * step, a report's grouping) that pick one value from a short list.
 */
export function ChoiceField({ label, name, value, choices, any, hint, onChange, ...check }: Props) {
  return (
    <Field label={label} hint={hint} {...check}>
      {(control) => (
        <select {...control} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          {any !== undefined && <option value="">{any}</option>}
          {choices.map(([choice, words]) => (
            <option key={choice} value={choice}>
              {words}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
