import type { ApiError } from '../../api'
import type { FieldCheck } from './field'

/**
 * A server-named field as the form knows it: `body.zones[0].playlistId` and the repositories'
 * `zones/0/playlistId` both become `zones[0].playlistId` (the form has no "body").
 */
function formField(path: string): string {
  return path
    .replace(/^(body|query|params)(\.|$)/, '')
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/\//g, '.')
}

const fieldOf = (d: unknown): string | undefined =>
  d && typeof d === 'object' && typeof (d as { field?: unknown }).field === 'string'
    ? (d as { field: string }).field
    : undefined

/**
 * Every field a refusal names: its own `field`, and those of its details (a validation lists one
 * per problem; a repository's refusal may carry one in an object).
 */
export function refusedFields(error: ApiError | null): ReadonlySet<string> {
  if (!error) return new Set()
  const details = Array.isArray(error.details) ? error.details.map(fieldOf) : [fieldOf(error.details)]
  return new Set(
    [error.field, ...details]
      .filter((f): f is string => Boolean(f))
      .map(formField)
      .filter(Boolean),
  )
}

/** Whether the refusal names this field or a part of it (`tags` for `tags[2]`, `zones` for `zones[0].x`). */
export function refuses(fields: ReadonlySet<string>, field: string): boolean {
  for (const named of fields)
    if (named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`)) return true
  return false
}

/**
 * A Field's state from the form's own message for it (shown under the control) and the server's
 * refusal: a field the refusal names is invalid and points at the refusal (ErrorMessage `id`),
 * which says what is wrong, so a screen reader reads it with the control.
 */
export function fieldCheck(
  refused: ReadonlySet<string>,
  refusalId: string,
  field: string,
  own?: string | null,
): FieldCheck {
  return { error: own ?? null, invalid: Boolean(own) || refuses(refused, field), refusalId }
}

/**
 * A form's `check(field)`, from its action's refusal: a field is invalid when the refusal names it
 * or a part of it (`words` for `words[3]`, `policy.breakGlass` for `policy.breakGlass.severities`).
 */
export function checksOf(error: ApiError | null, refusalId: string): (field: string) => FieldCheck {
  const refused = refusedFields(error)
  return (field) => fieldCheck(refused, refusalId, field)
}
