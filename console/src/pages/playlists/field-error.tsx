import { language } from '../../i18n/i18n'

/** The `lang` of the console's own words, for text placed inside a column written in another language. */
export const uiLang = () => (language.value === 'zh' ? 'zh-Hans' : language.value)

/** A field's message of the server's or the editor's checks, by field name (see draft.ts Problem). */
export type ErrorOf = (field: string) => string | undefined

/** `id` for aria-describedby: the message under the field, or nothing when it has none. */
export const errorId = (field: string) => `pl-err-${field.replace(/[^a-zA-Z0-9-]/g, '-')}`

export function FieldError({ field, errorOf }: { field: string; errorOf: ErrorOf }) {
  const message = errorOf(field)
  if (!message) return null
  return (
    <p class="field-error" id={errorId(field)} lang={uiLang()}>
      {message}
    </p>
  )
}

/** The attributes that tie an input to its message. */
export function invalid(field: string, errorOf: ErrorOf) {
  return errorOf(field)
    ? { 'aria-invalid': true as const, 'aria-describedby': errorId(field) }
    : { 'aria-invalid': undefined, 'aria-describedby': undefined }
}

/**
 * A Field's error for one of the editor's fields, the message in the console's language even
 * inside a column written in another (Field's errorLang).
 */
export const checkOf = (errorOf: ErrorOf) => (field: string) => ({
  error: errorOf(field),
  errorLang: uiLang(),
})
