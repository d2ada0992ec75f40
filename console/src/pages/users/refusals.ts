import { PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '@playlists/limits'
import type { ApiError } from '../../api'
import { refusedFields } from '../../components/form/refusal'
import { t } from './messages'

/**
 * The server's refusals of an account change, in the reader's language: the server explains in
 * English, and on this page each status has one meaning, so the console can say it in full.
 * Null for a refusal this page has no words for (the generic message then applies).
 */
export function refusalText(error: ApiError, during: 'create' | 'update'): string | null {
  if (error.status === 409) return during === 'create' ? t('refusal.taken') : t('refusal.last-admin')
  if (error.status === 404) return t('refusal.gone')
  if (error.status === 400) {
    const fields = fieldsOf(error)
    if (fields.has('username')) return t('refusal.username')
    if (fields.has('password'))
      return t('refusal.password', { min: PASSWORD_CHARS_MIN, max: PASSWORD_CHARS_MAX })
    if (fields.has('displayName')) return t('refusal.display-name')
  }
  return null
}

/** The top-level body fields a refusal names (`username` for `body.username`). */
export function fieldsOf(error: ApiError): Set<string> {
  return new Set([...refusedFields(error)].map((field) => field.split(/[.[]/)[0] ?? ''))
}
