import { NAME_CHARS_MAX } from '@playlists/limits'
import type { ComponentChildren } from 'preact'
import { tc } from '../../i18n/common'
import { Field, type FieldCheck } from './field'

interface Props extends FieldCheck {
  label: ComponentChildren
  hint?: ComponentChildren
  /** The input's `name`: what the browser tests and the server's refusal (`field`) know it by. */
  name: string
  /** As typed: a number field keeps its text too, read as a number when the form is sent. */
  value: string | number
  onValue: (value: string) => void
  required?: boolean
  disabled?: boolean
  placeholder?: string
  maxLength?: number
  minLength?: number
  autoComplete?: string
  readOnly?: boolean
  /** The text's language when it is not the console's (an address is written in Latin letters). */
  lang?: string
  /** On the field's label, for a page's layout. */
  class?: string
}

type Kind = 'text' | 'url' | 'password'

function Input({
  type,
  label,
  hint,
  name,
  value,
  onValue,
  numbers,
  ...rest
}: Props & { type: Kind | 'number'; numbers?: { min: number; max: number; step: number } }) {
  const { error, invalid, refusalId, class: className, ...input } = rest
  return (
    <Field label={label} hint={hint} error={error} invalid={invalid} refusalId={refusalId} class={className}>
      {(control) => (
        <input
          {...control}
          {...input}
          {...numbers}
          // Preact types an input's attributes per type (which roles each allows); none is given here.
          type={type as 'text'}
          name={name}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  )
}

/**
 * A labelled line of text (a name, an address, a secret): the console's registration forms
 * (feeds, alert sources, webhooks) each had the same label-input-wiring block typed out for
 * these; one component keeps their error wiring and limits alike.
 */
export const TextField = ({ type = 'text', ...props }: Props & { type?: Kind }) => (
  <Input type={type} {...props} />
)

/** The name a person gives what they register: required, as long as every route's `Name` allows. */
export const NameField = (props: Omit<Props, 'label' | 'name'>) => (
  <Input type="text" label={tc('name')} name="name" required maxLength={NAME_CHARS_MAX} {...props} />
)

/** The address of a source or a destination: http(s), at most the 2,000 characters every route accepts. */
export const UrlField = (props: Props) => <Input type="url" maxLength={2000} {...props} />

/**
 * A whole number within bounds (an interval in minutes, an age in hours): the browser's own
 * stepper and range check, the server's refusal still the last word.
 */
export const WholeNumberField = ({ min, max, ...props }: Props & { min: number; max: number }) => (
  <Input type="number" numbers={{ min, max, step: 1 }} {...props} />
)
