import { useEffect, useState } from 'preact/hooks'
import { api } from '../../api'

/**
 * Media file names for the preview, which viewers use too: they may not read the media library,
 * but may know what the screen shows by name (GET /api/preview/media-names). Asked for once per
 * medium while the console is open; a failed request is forgotten so the next look tries again.
 */
const known = new Map<string, Promise<string | undefined>>()

function loadName(id: string): Promise<string | undefined> {
  let pending = known.get(id)
  if (!pending) {
    pending = api.get('/api/preview/media-names', { query: { ids: id } }).then((n) => n[id])
    pending.catch(() => known.delete(id))
    known.set(id, pending)
  }
  return pending
}

/** The medium's file name once known; undefined meanwhile, for none, or when it is gone. */
export function useMediaName(id: string | null): string | undefined {
  const [state, setState] = useState<{ id: string; name: string | undefined } | null>(null)
  useEffect(() => {
    if (!id) return
    let current = true
    loadName(id).then(
      (name) => current && setState({ id, name }),
      () => {}, // Unnamed, the item still shows its kind: nothing more to say.
    )
    return () => {
      current = false
    }
  }, [id])
  return id && state?.id === id ? state.name : undefined
}
