import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { WinReason } from '../../../../../playlists/schedule/contests'
import type { TargetType } from '../../../../../playlists/schemas/schedule'
import { ApiError, api, withQuery } from '../../api'

/** What GET /api/screens/:id/timeline answers (server/routes/timeline.ts), by segment. */
export interface Entry {
  start: string
  end: string
  playlistId: string | null
  ruleId: string | null
  overrideId: string | null
}

export interface Contender {
  ruleId: string
  priority: number
  target: TargetType
}

export interface Conflict {
  start: string
  end: string
  winner: Contender
  losers: (Contender & { reason: WinReason })[]
}

export interface ZoneTimeline {
  id: string
  name: string
  entries: Entry[]
  conflicts: Conflict[]
}

export interface ScreenTimeline {
  screenId: string
  timeZone: string
  version: number
  layoutId: string | null
  zones: ZoneTimeline[]
}

export interface Timelines {
  data: Map<string, ScreenTimeline> | undefined
  error: ApiError | null
  loading: boolean
  reload: () => void
}

/**
 * The timelines of several screens over one range, fetched together: a site's lanes appear at
 * once, and an answer for an older range never replaces a newer one.
 */
export function useTimelines(screenIds: readonly string[], from: number, to: number): Timelines {
  const [data, setData] = useState<Map<string, ScreenTimeline> | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [nonce, setNonce] = useState(0)
  const latest = useRef(0)
  const key = screenIds.join(',')

  // `key` stands for `screenIds`: a new array with the same screens must not refetch.
  useEffect(() => {
    const ticket = ++latest.current
    setLoading(true)
    const query = {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      granularity: 'segment',
    }
    Promise.all(
      screenIds.map((id) =>
        api.get<ScreenTimeline>(withQuery(`/api/screens/${encodeURIComponent(id)}/timeline`, query)),
      ),
    ).then(
      (answers) => {
        if (ticket !== latest.current) return
        setData(new Map(answers.map((a) => [a.screenId, a])))
        setError(null)
        setLoading(false)
      },
      (err: unknown) => {
        if (ticket !== latest.current) return
        setError(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)))
        setLoading(false)
      },
    )
  }, [key, from, to, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { data, error, loading, reload }
}
