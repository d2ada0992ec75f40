import type { Media } from '@playlists/schemas/media'
import { useEffect, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { toApiError } from '../../components/form/action'

/**
 * Media the editor shows (names and thumbnails in the item list, the preview's pictures), asked
 * for once per id while the console is open: a playlist naming the same picture ten times costs
 * one request. A failed request is forgotten so the next look tries again.
 */
const known = new Map<string, Promise<Media>>()

export function loadMedia(id: string): Promise<Media> {
  let pending = known.get(id)
  if (!pending) {
    pending = api.get('/api/media/:id', { params: { id } })
    pending.catch(() => known.delete(id))
    known.set(id, pending)
  }
  return pending
}

/** A medium the picker already has in hand. */
export function rememberMedia(media: Media): void {
  known.set(media.id, Promise.resolve(media))
}

export function useMedia(id: string | null): { media?: Media; error?: ApiError } {
  const [state, setState] = useState<{ id: string | null; media?: Media; error?: ApiError }>({ id: null })
  useEffect(() => {
    if (!id) return
    let current = true
    loadMedia(id).then(
      (media) => current && setState({ id, media }),
      (error: unknown) => current && setState({ id, error: toApiError(error) }),
    )
    return () => {
      current = false
    }
  }, [id])
  return state.id === id && id ? state : {}
}
