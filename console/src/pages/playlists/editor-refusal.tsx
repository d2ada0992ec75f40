import type { ApiError } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { href } from '../../router'
import { t } from './messages'

/** What the server answers when a playlist still in use is deleted: who uses it. */
interface InUse {
  screens?: string[]
  layouts?: string[]
  schedules?: string[]
}

/**
 * Why the draft was not saved or deleted: the server's refusal (a delete refused because screens,
 * layouts or schedule entries still use the playlist says how many of each), or the count of the
 * editor's own findings marked on the fields.
 */
export function EditorRefusal({ error, problems }: { error: ApiError | null; problems: number }) {
  const inUse = error?.status === 409 ? (error.details as InUse | undefined) : undefined
  return (
    <>
      {error && (
        <ErrorMessage
          error={error}
          headline={
            inUse && (inUse.screens || inUse.layouts || inUse.schedules)
              ? t('delete.in-use', {
                  screens: inUse.screens?.length ?? 0,
                  layouts: inUse.layouts?.length ?? 0,
                  schedules: inUse.schedules?.length ?? 0,
                })
              : undefined
          }
        />
      )}
      {problems > 0 && (
        <p class="error-message" role="alert">
          {t('save.problems', { count: problems })}
        </p>
      )}
    </>
  )
}

/** The editor's page until the playlist has loaded, or why it could not. */
export function EditorLoading({ error }: { error: ApiError | null }) {
  return (
    <section class="pl-page">
      <p>
        <a href={href('playlists')}>{t('editor.back')}</a>
      </p>
      <h1>{t('editor.loading-title')}</h1>
      {error ? <ErrorMessage error={error} /> : <p class="loading">{tc('loading')}</p>}
    </section>
  )
}
