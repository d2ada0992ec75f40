/**
 * How a labelled control, or a group of them, is tied to its messages: which ids aria-describedby
 * names, and whether it is marked invalid. Pure, so Field and FieldGroup share one rule and the
 * rule is tested without a browser.
 */
export interface Wiring {
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

export function wiringOf({
  id,
  error,
  invalid,
  hint,
  refusalId,
}: {
  /** The control's (or group's) id; its error and hint take `${id}-error` and `${id}-hint`. */
  id: string
  error?: string | null
  invalid?: boolean
  hint?: unknown
  refusalId?: string
}): Wiring {
  const wrong = invalid ?? Boolean(error)
  // The error comes first: it is what the reader must act on. A field the server named without a
  // message of its own points at the form's refusal instead.
  const explained = error ? `${id}-error` : wrong && refusalId ? refusalId : null
  const described = [explained, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return { 'aria-invalid': wrong || undefined, 'aria-describedby': described || undefined }
}
