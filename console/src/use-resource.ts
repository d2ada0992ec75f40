import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { type ApiError, type Read, request } from './api'
import { toApiError } from './components/form/action'

export interface Resource<T> {
  data: T | undefined
  error: ApiError | null
  loading: boolean
  /** Fetch again (after a change, or on a live update). */
  reload: () => void
}

/**
 * Data read from the API for a component: fetched when its URL changes, kept while a newer
 * answer is on its way, and never set by an answer that arrives after a newer request.
 * `what` is a `read(path, options)`, typed from the route contract; null fetches nothing (a
 * page waiting for a choice).
 */
export function useResource<T>(what: Read<T> | null): Resource<T> {
  const path = what === null ? null : what.url
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(path !== null)
  const [nonce, setNonce] = useState(0)
  const latest = useRef(0)

  useEffect(() => {
    if (path === null) return
    const ticket = ++latest.current
    setLoading(true)
    request<T>('GET', path).then(
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
