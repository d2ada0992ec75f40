import { NAME_CHARS_MAX } from '@playlists/limits'
import type { Media, MediaPatch } from '@playlists/schemas/media'
import { useEffect, useId, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { MediaFacts } from './media-facts'
import { tm } from './messages'
import { splitTags, tagProblem } from './tags'

/** Renaming a medium and replacing its tags; the file itself never changes (its URL is its hash). */
export function EditDialog({
  media,
  onClose,
  onSaved,
}: {
  media: Media | null
  onClose: () => void
  onSaved: (media: Media) => void
}) {
  const [name, setName] = useState('')
  const [tagsText, setTagsText] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const nameId = useId()
  const tagsId = useId()
  const tagsHintId = useId()

  useEffect(() => {
    if (!media) return
    setName(media.name)
    setTagsText(media.tags.join(', '))
    setError(null)
  }, [media])

  const tags = splitTags(tagsText)
  const tagsError = tagProblem(tags)
  const nameError = name.trim() === '' ? tm('edit.name-empty') : null

  const save = async (e: Event) => {
    e.preventDefault()
    if (!media || tagsError || nameError) return
    setSaving(true)
    setError(null)
    try {
      const patch: MediaPatch = { name: name.trim(), tags }
      const saved = await api.patch('/api/media/:id', { params: { id: media.id }, body: patch })
      notify(tm('edit.saved', { name: saved.name }))
      onSaved(saved)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Dialog title={tm('edit.title')} open={media !== null} onClose={onClose}>
      {media && (
        <form class="form media-edit" onSubmit={save}>
          <MediaFacts media={media} />
          <label class="field" for={nameId}>
            <span>{tc('name')}</span>
            <input
              id={nameId}
              name="name"
              value={name}
              maxLength={NAME_CHARS_MAX}
              aria-invalid={nameError ? 'true' : undefined}
              onInput={(ev) => setName(ev.currentTarget.value)}
            />
            {nameError && <small class="field-error">{nameError}</small>}
            {media.originalName !== name.trim() && (
              <small class="muted">{tm('original', { name: media.originalName })}</small>
            )}
          </label>
          <label class="field" for={tagsId}>
            <span>{tm('col.tags')}</span>
            <input
              id={tagsId}
              name="tags"
              value={tagsText}
              placeholder={tm('tags.placeholder')}
              aria-describedby={tagsHintId}
              aria-invalid={tagsError ? 'true' : undefined}
              onInput={(ev) => setTagsText(ev.currentTarget.value)}
            />
            <small id={tagsHintId} class={tagsError ? 'field-error' : 'muted'}>
              {tagsError ?? tm('tags.hint')}
            </small>
          </label>
          <ErrorMessage error={error} />
          <div class="toolbar">
            <button type="submit" class="primary" disabled={saving || !!tagsError || !!nameError}>
              {saving ? tc('saving') : tc('save')}
            </button>
            <button type="button" onClick={onClose}>
              {tc('cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
