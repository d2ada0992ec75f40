import { ITEM_DURATION_MS_MAX, ITEM_DURATION_MS_MIN } from '@playlists/limits'
import type { ApiError } from '../../api'
import type { Problem } from './draft'
import { fieldOfServer } from './draft'
import type { ErrorOf } from './field-error'
import { t } from './item-messages'

/** What the editor's own checks found, in the reader's language. */
export function problemText(problem: Problem): string {
  return t(`problem.${problem.code}`, problem.params)
}

/** One problem of a schema refusal's `details`: the English words, and the code and values beside them. */
export interface ServerProblem {
  problem: string
  code?: string
  params?: Record<string, unknown>
}

/**
 * The server's words about a field (`must be at most 140`, from its schema checks) in the
 * reader's language, chosen by the problem's code (playlists/schemas/error-codes.ts) and never
 * by its English words; else that English sentence, said to be the server's.
 */
export function serverProblemText(field: string, { problem, code, params = {} }: ServerProblem): string {
  const value = (name: string) => {
    const v = params[name]
    return typeof v === 'number' || typeof v === 'string' ? v : undefined
  }
  const limit = value('limit')
  if (field.endsWith(':durationMs') && (code === 'validation.too-small' || code === 'validation.too-big'))
    return t('problem.duration-range', { min: ITEM_DURATION_MS_MIN / 1000, max: ITEM_DURATION_MS_MAX / 1000 })
  if (code === 'validation.empty') return t('problem.required')
  const name = value('name')
  if (code === 'validation.required' && name !== undefined) return t('server.needs-field', { field: name })
  if (code === 'validation.too-long' && limit !== undefined) return t('problem.too-long', { max: limit })
  if (code === 'validation.too-small' && limit !== undefined) return t('server.at-least', { limit })
  if (code === 'validation.too-big' && limit !== undefined) return t('server.at-most', { limit })
  if (code === 'validation.form') return t('server.form')
  return t('server.refused', { message: problem })
}

/**
 * The fields a refusal names, as this editor names them: schema failures list every field in
 * `details` (`[{ field, problem }]`); the server's own checks name one (`{ field }`) and explain it
 * in the message. `keys` are the items' keys in the order they were sent.
 */
export function fieldErrors(error: ApiError, keys: readonly string[]): Map<string, string> {
  const found = new Map<string, string>()
  const details = error.details
  const add = (path: unknown, text: (field: string) => string) => {
    if (typeof path !== 'string') return
    const field = fieldOfServer(path, keys)
    if (field && !found.has(field)) found.set(field, text(field))
  }
  if (Array.isArray(details)) {
    for (const d of details as { field?: unknown; problem?: unknown; code?: unknown; params?: unknown }[])
      add(d.field, (field) =>
        serverProblemText(field, {
          problem: String(d.problem ?? ''),
          code: typeof d.code === 'string' ? d.code : undefined,
          params:
            d.params && typeof d.params === 'object' ? (d.params as Record<string, unknown>) : undefined,
        }),
      )
  } else if (details && typeof details === 'object' && 'field' in details) {
    add((details as { field: unknown }).field, () => t('server.refused', { message: error.message }))
  }
  return found
}

/**
 * The messages the editor marks on its fields: the server's refusal first (it saw the saved
 * draft), then, once a save was tried, the editor's own checks. `needsFixing` says whether an
 * item has a marked field inside its settings (its duration is in the list row itself).
 */
export function fieldMessages(server: ReadonlyMap<string, string>, problems: readonly Problem[] | null) {
  const errorOf: ErrorOf = (field) => {
    const found = server.get(field)
    if (found) return found
    const problem = problems?.find((p) => p.field === field)
    return problem && problemText(problem)
  }
  const needsFixing = (key: string) =>
    [...server.keys(), ...(problems ?? []).map((p) => p.field)].some(
      (field) => field.startsWith(`${key}:`) && !field.endsWith(':durationMs'),
    )
  return { errorOf, needsFixing }
}
