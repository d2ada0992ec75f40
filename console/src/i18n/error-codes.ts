import { ROLES, type Role } from '@playlists/schemas/accounts'
import type { ApiError } from '../api'
import { formatAlternatives } from './format'
import { DICTIONARIES, defineMessages, formatDateTime, type Params } from './i18n'
import { EN } from './refusals/en'
import { VI } from './refusals/vi'
import { ZH } from './refusals/zh'
import { ts } from './shell'

/**
 * Refusals in the reader's language, keyed by the code the server sends beside its English
 * message (playlists/schemas/error-codes.ts). A code missing here falls back to a sentence for
 * the status, with the server's English beside it. Every code of the catalogue is either said
 * here (one file per language in refusals/) or listed in refusals/unmet.ts with the reason a
 * person never meets it through the console (tests/console/refusal-coverage.test.ts).
 */
const te = defineMessages('error-codes', { vi: VI, zh: ZH, en: EN })

/** The codes this table translates (the Vietnamese keys; the compiler holds the others to them). */
export const TRANSLATED_CODES: ReadonlySet<string> = new Set(
  Object.keys(DICTIONARIES.get('error-codes')?.vi ?? {}),
)

/** Params naming roles, by the server's role ids: said with the console's own role names. */
const ROLE_PARAMS: ReadonlySet<string> = new Set(['role', 'needed', 'requested'])
/** Params holding an instant (`clearedAt`, `decidedAt`): written the reader's way, not as ISO text. */
const INSTANT_PARAM = /At$/
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * A value the server named, as the reader reads it: roles in the reader's words (a list of them,
 * "admin, approver", as "quản trị viên hoặc người phê duyệt": any one of them will do), instants
 * in the reader's format; counts stay numbers so that plural forms can pick their branch.
 */
function shownParam(name: string, value: string | number | boolean): string | number {
  if (typeof value === 'number') return value
  const text = String(value)
  if (ROLE_PARAMS.has(name)) {
    const roles = text.split(',').map((role) => {
      const id = role.trim()
      return (ROLES as readonly string[]).includes(id) ? ts(`role.${id as Role}`) : id
    })
    return formatAlternatives(roles)
  }
  if (INSTANT_PARAM.test(name) && ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text)))
    return formatDateTime(text)
  return text
}

/**
 * The refusal in the reader's language when the console knows its code, with the values the
 * server named; undefined for a code it does not know (the caller falls back to the status).
 */
export function codeText(error: Pick<ApiError, 'code' | 'params'>): string | undefined {
  const code = error.code
  if (!code || !TRANSLATED_CODES.has(code)) return undefined
  return te(code as Parameters<typeof te>[0], shownParams(error.params))
}

/** Every value the server named, as the reader reads it: for pages that say a stored failure's code. */
export function shownParams(params: ApiError['params'] | null | undefined): Params {
  const shown: Params = {}
  for (const [name, value] of Object.entries(params ?? {})) shown[name] = shownParam(name, value)
  return shown
}
