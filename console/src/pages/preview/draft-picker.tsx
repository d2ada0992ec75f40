import type { PendingVersion } from '@playlists/schemas/preview'
import {
  type DraftRef,
  formatDraftRefs,
  PREVIEW_DRAFTS_MAX,
  parseDraftRefs,
} from '@playlists/schemas/preview'
import { useEffect, useState } from 'preact/hooks'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import type { Resource } from '../../use-resource'
import { t } from './messages'

const keyOf = (r: Pick<DraftRef, 'type' | 'id' | 'number'>) => `${r.type}:${r.id}:${r.number}`
const refOf = (v: PendingVersion): DraftRef => ({ type: v.objectType, id: v.objectId, number: v.number })

/** "Playlist “Welcome”, version 3" for a version in the list, or from its ref alone. */
export function draftLabel(ref: DraftRef, pending: readonly PendingVersion[] | undefined): string {
  const known = pending?.find((v) => keyOf(refOf(v)) === keyOf(ref))
  const kind = t(`kind.${ref.type}`)
  return known
    ? t('draft.version', { kind, name: known.name, number: ref.number })
    : t('draft.ref', { kind, id: ref.id, number: ref.number })
}

/**
 * The versions waiting that would change this screen, to preview together as if on air. A link
 * from the approvals page (`?draft=playlist:welcome:3`) arrives with its versions ticked.
 */
export function DraftPicker({
  pending,
  draft,
  onChoose,
}: {
  pending: Resource<PendingVersion[]>
  draft: string | null
  onChoose: (draft: string) => void
}) {
  const chosenNow = parseDraftRefs(draft ?? '') ?? []
  const [chosen, setChosen] = useState<Set<string>>(new Set(chosenNow.map(keyOf)))
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => setChosen(new Set((parseDraftRefs(draft ?? '') ?? []).map(keyOf))), [draft])

  const list = pending.data ?? []
  // Versions named by the address but not in the list (decided since, say) stay choosable.
  const extra = chosenNow.filter((r) => !list.some((v) => keyOf(refOf(v)) === keyOf(r)))

  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(key)
    else next.delete(key)
    setChosen(next)
    setProblem(null)
  }
  const submit = (e: Event) => {
    e.preventDefault()
    const refs = [...list.map(refOf), ...extra].filter((r) => chosen.has(keyOf(r)))
    if (refs.length === 0) return setProblem(t('draft.choose'))
    if (refs.length > PREVIEW_DRAFTS_MAX) return setProblem(t('draft.too-many', { max: PREVIEW_DRAFTS_MAX }))
    // One version per object: the newest ticked one wins.
    const seen = new Set<string>()
    const unique = refs.filter((r) => !seen.has(`${r.type}:${r.id}`) && seen.add(`${r.type}:${r.id}`))
    onChoose(formatDraftRefs(unique))
  }

  return (
    <form class="preview-drafts" onSubmit={submit}>
      <ErrorMessage error={pending.error} />
      <fieldset>
        <legend>{t('draft.legend')}</legend>
        {pending.loading && !pending.data ? (
          <p class="loading">{tc('loading')}</p>
        ) : list.length === 0 && extra.length === 0 ? (
          <p class="empty">{t('draft.none')}</p>
        ) : (
          <ul class="preview-draft-list">
            {list.map((v) => {
              const key = keyOf(refOf(v))
              return (
                <li key={key}>
                  <label>
                    <input
                      type="checkbox"
                      name="version"
                      value={key}
                      checked={chosen.has(key)}
                      onChange={(e) => toggle(key, e.currentTarget.checked)}
                    />{' '}
                    {draftLabel(refOf(v), list)}{' '}
                    <span class={`badge ${v.state === 'approved' ? 'ok' : 'warn'}`}>
                      {t(`draft.state.${v.state}`)}
                    </span>
                    {v.withdrawal && <span class="badge danger">{t('draft.withdrawal')}</span>}
                  </label>
                  <div class="muted">
                    {t('draft.by', { who: v.submittedBy, when: formatDateTime(v.submittedAt) })}
                    {v.comment ? ` — ${shownName(v.comment)}` : ''}
                  </div>
                </li>
              )
            })}
            {extra.map((r) => (
              <li key={keyOf(r)}>
                <label>
                  <input
                    type="checkbox"
                    name="version"
                    value={keyOf(r)}
                    checked={chosen.has(keyOf(r))}
                    onChange={(e) => toggle(keyOf(r), e.currentTarget.checked)}
                  />{' '}
                  {draftLabel(r, list)}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      {(list.length > 0 || extra.length > 0) && (
        <button type="submit" class="primary">
          {t('draft.show')}
        </button>
      )}
    </form>
  )
}
