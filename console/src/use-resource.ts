import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { type ApiError, api } from './api'
import { toApiError } from './components/form/action'

export interface Resource<T> {
  data: T | undefined
  error: ApiError | null
  loading: boolean
  /** Fetch again (after a change, or on a live update). */
  reload: () => void
}

/**
 * Data read from the API for a component: fetched when `path` changes, kept while a newer
 * answer is on its way, and never set by an answer that arrives after a newer request.
 * A null path fetches nothing (a page waiting for a choice).
 */
export function useResource<T>(path: string | null): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(path !== null)
  const [nonce, setNonce] = useState(0)
  const latest = useRef(0)

  useEffect(() => {
    if (path === null) return
    const ticket = ++latest.current
    setLoading(true)
    api.get<T>(path).then(
      (value) => {
        if (ticket !== latest.current) return
        setData(value)
        setError(null)
        setLoading(false)
      },
      (err: unknown) => {
        if (ticket !== latest.current) return
        setError(toApiError(err))
        setLoading(false)
      },
    )
  }, [path, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { data, error, loading, reload }
}
