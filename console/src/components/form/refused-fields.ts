import type { ApiError } from '../../api'

/**
 * The body fields a refusal names, as paths without the request part (`offline.afterMinutes`,
 * `text.vi.title`, `url`): the reason's `field`, each schema problem's (`details: [{ field }]`)
 * and a domain refusal's single one (`details: { field }`). A form marks those fields invalid and
 * points them at the refusal, whatever wording the server's sentence has.
 */
export function refusedFields(error: ApiError | null): Set<string> {
  const found = new Set<string>()
  if (!error) return found
  const add = (field: unknown) => {
    if (typeof field !== 'string') return
    const path = field.replace(/^body\.?/, '')
    if (path) found.add(path)
  }
  add(error.field)
  const details = error.details
  if (Array.isArray(details)) for (const d of details) add((d as { field?: unknown } | null)?.field)
  else if (details && typeof details === 'object') add((details as { field?: unknown }).field)
  return found
}

/** Whether `field` or anything inside it (`offline` for `offline.afterMinutes`, `targets[0]`) is among `fields`. */
export function names(fields: ReadonlySet<string>, field: string): boolean {
  for (const f of fields)
    if (f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`)) return true
  return false
}
