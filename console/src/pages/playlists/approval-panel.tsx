import { COMMENT_CHARS_MAX } from '@playlists/limits'
import type { VersionSummary } from '@playlists/schemas/approval'
import type { Playlist } from '@playlists/schemas/playlist'
import {
  EMPTY_PLAYLIST,
  UNPLAYABLE_ITEMS,
  type UnplayableItemsRefusal,
} from '@playlists/schemas/submit-refusal'
import { useId, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { fieldCheck, refusedFields } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { formatDateTime } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { t } from './messages'
import { StateBadges } from './playlist-list'

/** How many versions the panel lists; the approvals page has the whole history. */
const VERSIONS_SHOWN = 5

/**
 * A refusal to submit in words, from its code: nothing changed since a version (and which), the
 * playlist is empty, or some items cannot play (numbered as the list shows them, from 1).
 */
function submitError(error: ApiError): string | undefined {
  const details = error.details as
    | { version?: number; state?: string; code?: string; items?: UnplayableItemsRefusal['items'] }
    | undefined
  if (error.status !== 409) return undefined
  if (details?.code === EMPTY_PLAYLIST) return t('submit.empty')
  if (details?.code === UNPLAYABLE_ITEMS && Array.isArray(details.items))
    return t('submit.unplayable', { positions: details.items.map((i) => i.index + 1).join(', ') })
  if (details?.version !== undefined && details.state)
    return t('submit.nothing-changed', {
      version: details.version,
      state: t(`version.${details.state as VersionSummary['state']}`),
    })
  return undefined
}

/**
 * The playlist's way to the screens: what is on air, its latest versions and their decisions,
 * and submitting the saved draft for another person to approve.
 */
export function ApprovalPanel({
  playlist,
  versions,
  dirty,
  editable,
  onSubmitted,
}: {
  playlist: Playlist
  versions: VersionSummary[] | undefined
  dirty: boolean
  editable: boolean
  onSubmitted: () => void
}) {
  const [comment, setComment] = useState('')
  const id = useId()
  // The server refuses an empty playlist (it would blank its screens): say so before anyone tries.
  const empty = playlist.items.length === 0 && !dirty

  const send = useAction(async () => {
    const body = comment.trim() ? { comment: comment.trim() } : {}
    const version = await api.post('/api/playlists/:id/submit', { params: { id: playlist.id }, body })
    notify(t('submit.done', { version: version.number }))
    setComment('')
    onSubmitted()
  })
  const error = send.error
  const submit = (e: Event) => {
    e.preventDefault()
    void send.run()
  }

  return (
    <section class="card pl-approval" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('approval.title')}</h2>
      <p>
        <StateBadges playlist={playlist} versions={versions} />
      </p>
      <p class="muted">
        {t('approval.draft', { revision: playlist.draftRevision, at: formatDateTime(playlist.updatedAt) })}
        {playlist.publishedAt &&
          ` · ${t('approval.on-air-since', {
            version: playlist.publishedRevision ?? '',
            at: formatDateTime(playlist.publishedAt),
          })}`}
      </p>
      {versions && versions.length > 0 && (
        <ul class="pl-versions">
          {versions.slice(0, VERSIONS_SHOWN).map((v) => (
            <li key={v.number}>
              <strong>{t('version.number', { version: v.number })}</strong>{' '}
              <span
                class={`badge ${v.state === 'approved' ? 'ok' : v.state === 'rejected' ? 'danger' : 'warn'}`}
              >
                {t(v.withdrawal ? 'version.withdrawal' : `version.${v.state}`)}
              </span>
              {v.live && <span class="badge ok">{t('version.live')}</span>}{' '}
              <span class="muted">{formatDateTime(v.decidedAt ?? v.submittedAt)}</span>
              {v.comment && (
                <blockquote class="pl-comment">
                  <span class="visually-hidden">{t('version.comment')}: </span>
                  {shownName(v.comment)}
                </blockquote>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form class="toolbar" onSubmit={submit}>
          <Field
            label={t('submit.comment')}
            class="pl-grow"
            {...fieldCheck(refusedFields(error), `${id}-refusal`, 'comment')}
          >
            {(control) => (
              <input
                {...control}
                name="submit-comment"
                maxLength={COMMENT_CHARS_MAX}
                value={comment}
                placeholder={t('submit.comment-hint')}
                onInput={(e) => setComment(e.currentTarget.value)}
              />
            )}
          </Field>
          <button
            type="submit"
            class="primary"
            name="submit-for-approval"
            disabled={send.busy || dirty || empty}
            aria-describedby={empty ? `${id}-why` : undefined}
          >
            {t('submit.button')}
          </button>
        </form>
      )}
      {editable && dirty && <p class="muted">{t('submit.save-first')}</p>}
      {editable && empty && (
        <p class="muted pl-submit-why" id={`${id}-why`}>
          {t('submit.empty')}
        </p>
      )}
      <ErrorMessage error={error} id={`${id}-refusal`} headline={error ? submitError(error) : undefined} />
    </section>
  )
}
