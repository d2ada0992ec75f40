import { NAME_CHARS_MAX } from '@playlists/limits'
import type { Media, MediaPatch } from '@playlists/schemas/media'
import { useEffect, useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { fieldCheck, refusedFields } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
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
  const refusalId = useId()

  const tags = splitTags(tagsText)
  const tagsError = tagProblem(tags)
  const nameError = name.trim() === '' ? tm('edit.name-empty') : null

  const save = useAction(async (medium: Media) => {
    const patch: MediaPatch = { name: name.trim(), tags }
    const saved = await api.patch('/api/media/:id', { params: { id: medium.id }, body: patch })
    notify(tm('edit.saved', { name: saved.name }))
    onSaved(saved)
  })

  useEffect(() => {
    if (!media) return
    setName(media.name)
    setTagsText(media.tags.join(', '))
    save.setError(null)
  }, [media])

  const submit = (e: Event) => {
    e.preventDefault()
    if (media && !tagsError && !nameError) void save.run(media)
  }
  const refused = refusedFields(save.error)

  return (
    <Dialog title={tm('edit.title')} open={media !== null} onClose={onClose}>
      {media && (
        <form class="form media-edit" onSubmit={submit}>
          <MediaFacts media={media} />
          <Field
            label={tc('name')}
            hint={
              media.originalName !== name.trim() ? tm('original', { name: media.originalName }) : undefined
            }
            {...fieldCheck(refused, refusalId, 'name', nameError)}
          >
            {(control) => (
              <input
                {...control}
                name="name"
                value={name}
                maxLength={NAME_CHARS_MAX}
                onInput={(ev) => setName(ev.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            label={tm('col.tags')}
            hint={tm('tags.hint')}
            {...fieldCheck(refused, refusalId, 'tags', tagsError)}
          >
            {(control) => (
              <input
                {...control}
                name="tags"
                value={tagsText}
                placeholder={tm('tags.placeholder')}
                onInput={(ev) => setTagsText(ev.currentTarget.value)}
              />
            )}
          </Field>
          <ErrorMessage error={save.error} id={refusalId} />
          <FormActions
            label={tc('save')}
            busy={save.busy}
            disabled={!!tagsError || !!nameError}
            onCancel={onClose}
          />
        </form>
      )}
    </Dialog>
  )
}
