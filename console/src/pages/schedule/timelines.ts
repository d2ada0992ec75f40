import type { TimelineAnswer, TimelineEntryAnswer, TimelineQuery } from '@playlists/schemas/timeline'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { toApiError } from '../../components/form/action'
import { joined } from './timeline-join'

/** What GET /api/screens/:id/timeline answers (playlists/schemas/timeline.ts), read by segment here. */
export type { Conflict, Contender, ZoneTimeline } from '@playlists/schemas/timeline'
export type Entry = TimelineEntryAnswer
export type ScreenTimeline = TimelineAnswer

export interface Timelines {
  data: Map<string, ScreenTimeline> | undefined
  error: ApiError | null
  loading: boolean
  reload: () => void
}

/**
 * A screen's timeline over the whole range: a busy schedule over a week can hold more than one
 * answer (TIMELINE_PAGE_ENTRIES_MAX), and each answer says where the next one starts.
 */
async function wholeTimeline(screenId: string, query: TimelineQuery) {
  const part = (from: string) =>
    api.get('/api/screens/:id/timeline', { params: { id: screenId }, query: { ...query, from } })
  const whole = await part(query.from)
  for (let next = whole.next; next !== null; ) {
    const more = await part(next)
    whole.zones = whole.zones.map((zone, i) => ({
      ...zone,
      entries: joined(zone.entries, more.zones[i]?.entries ?? []),
      conflicts: joined(zone.conflicts, more.zones[i]?.conflicts ?? []),
    }))
    next = more.next
  }
  whole.next = null
  return whole
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
    const query: TimelineQuery = {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      granularity: 'segment',
    }
    Promise.all(screenIds.map((id) => wholeTimeline(id, query))).then(
      (answers) => {
        if (ticket !== latest.current) return
        setData(new Map(answers.map((a) => [a.screenId, a])))
        setError(null)
        setLoading(false)
      },
      (err: unknown) => {
        if (ticket !== latest.current) return
        setError(toApiError(err))
        setLoading(false)
      },
    )
  }, [key, from, to, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { data, error, loading, reload }
}
