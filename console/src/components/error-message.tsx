import type { ApiError } from '../api'
import { errorHeadline, tc } from '../i18n/common'

/**
 * An API error for a person: a sentence in the reader's language saying what happened and what to
 * do (errorHeadline), then the server's own explanation (in English, naming the field or file) for the details.
 */
export function ErrorMessage({
  error,
  headline,
  id,
}: {
  error: ApiError | null
  headline?: string
  /** For the fields the refusal names to point at it (see Field's `refusalId`). */
  id?: string
}) {
  if (!error) return null
  return (
    <div class="error-message" role="alert" id={id}>
      <p>{headline ?? errorHeadline(error)}</p>
      {error.status !== 0 && error.message && (
        <p class="error-detail">
          <span class="visually-hidden">{tc('details')}: </span>
          <span lang="en">{error.message}</span>
        </p>
      )}
    </div>
  )
}
