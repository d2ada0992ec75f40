import type { Media } from '@playlists/schemas/media'
import { useEffect, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { FormActions } from '../../components/form/form-actions'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { href } from '../../router'
import { MediaFacts } from './media-facts'
import { tm } from './messages'

/** The playlists named are looked up one by one; a library medium is rarely in more than a few. */
const NAMED_MAX = 20

interface InUse {
  error: ApiError
  playlists: { id: string; name: string }[]
  more: number
}

/**
 * Deleting a medium, after a confirmation. The server refuses (409) while any playlist, in its
 * draft or in a version that could go back on air, still shows it; the answer lists them by name.
 */
export function DeleteDialog({
  media,
  onClose,
  onDeleted,
}: {
  media: Media | null
  onClose: () => void
  onDeleted: (media: Media) => void
}) {
  const [inUse, setInUse] = useState<InUse | null>(null)
  const remove = useAction(async (medium: Media) => {
    try {
      await api.delete('/api/media/:id', { params: { id: medium.id } })
    } catch (err) {
      // In use is not a failure to show as one: the dialog turns into the list of its playlists.
      const refusal = toApiError(err)
      if (refusal.status !== 409) throw refusal
      setInUse(await namePlaylists(refusal))
      return
    }
    notify(tm('delete.done', { name: medium.name }))
    onDeleted(medium)
  })

  useEffect(() => {
    remove.setError(null)
    setInUse(null)
  }, [media])

  return (
    <Dialog title={tm('delete.title')} open={media !== null} onClose={onClose}>
      {media && (
        <form
          class="form media-delete"
          onSubmit={(e) => {
            e.preventDefault()
            if (!inUse) void remove.run(media)
          }}
        >
          <MediaFacts media={media} />
          {inUse ? (
            <div class="error-message" role="alert">
              <p>{tm('delete.in-use', { name: media.name, count: inUse.playlists.length + inUse.more })}</p>
              <ul class="media-in-use">
                {inUse.playlists.map((p) => (
                  <li key={p.id}>
                    <a href={href('playlists', p.id)}>{p.name}</a>
                  </li>
                ))}
                {inUse.more > 0 && <li>{tm('delete.more', { count: inUse.more })}</li>}
              </ul>
              <p>{tm('delete.in-use-hint')}</p>
              <p class="error-detail">
                <span class="visually-hidden">{tc('details')}: </span>
                <span lang="en">{inUse.error.message}</span>
              </p>
            </div>
          ) : (
            <p>{tm('delete.question', { name: media.name })}</p>
          )}
          <ErrorMessage error={remove.error} />
          {inUse ? (
            <div class="toolbar">
              <button type="button" onClick={onClose}>
                {tc('close')}
              </button>
            </div>
          ) : (
            <FormActions
              label={tm('delete.confirm')}
              busyLabel={tm('delete.confirm')}
              busy={remove.busy}
              tone="danger"
              onCancel={onClose}
            />
          )}
        </form>
      )}
    </Dialog>
  )
}

/** The playlists a 409 names, with their names; an id stands in for one that cannot be read. */
async function namePlaylists(error: ApiError): Promise<InUse> {
  const details = (error.details ?? {}) as { playlists?: unknown }
  const ids = Array.isArray(details.playlists) ? details.playlists.filter((p) => typeof p === 'string') : []
  const shown = ids.slice(0, NAMED_MAX)
  const playlists = await Promise.all(
    shown.map((id) =>
      api.get('/api/playlists/:id', { params: { id } }).then(
        (p) => ({ id, name: p.name }),
        () => ({ id, name: id }),
      ),
    ),
  )
  return { error, playlists, more: ids.length - shown.length }
}
