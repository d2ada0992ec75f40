import { AUDIT_PAGE_MAX } from '@playlists/limits'
import type { Emergency } from '@playlists/schemas/emergency'
import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { useMemo } from 'preact/hooks'
import { type ApiError, read } from '../../api'
import { can } from '../../session'
import { type Resource, useResource } from '../../use-resource'

/** Who sent, approved and ended each message, by message id (from the audit log). */
export type People = Map<string, { send?: string; approve?: string; clear?: string }>

export interface EmergencyData {
  emergencies: Resource<Emergency[]>
  sites: Map<string, Site>
  screens: Map<string, Screen>
  screenList: Screen[]
  people: People
  /** Sites and screens are loaded (the form needs them), or failed with this. */
  placesLoaded: boolean
  placesError: ApiError | null
  reload: () => void
}

/**
 * What the emergency lists need: the messages, the sites and screens they reach (names, time
 * zones), and the names of the people involved. Messages carry user ids; approvers may read the
 * audit log, which names whoever sent, approved or ended each one.
 */
export function useEmergencyData(): EmergencyData {
  const emergencies = useResource(read('/api/emergencies'))
  const siteList = useResource(read('/api/sites'))
  const screenList = useResource(read('/api/screens'))
  const audit = useResource(
    can('audit:read')
      ? read('/api/audit', { query: { objectType: 'emergency', outcome: 'ok', limit: AUDIT_PAGE_MAX } })
      : null,
  )
  const sites = useMemo(() => new Map((siteList.data ?? []).map((s) => [s.id, s])), [siteList.data])
  const screens = useMemo(() => new Map((screenList.data ?? []).map((s) => [s.id, s])), [screenList.data])
  const people = useMemo(() => {
    const map: People = new Map()
    // Newest first: the oldest entry of each action (the real one) is written last and wins.
    for (const entry of audit.data ?? []) {
      const verb = entry.action.split('.')[1]
      if (!entry.objectId || !entry.actor.name) continue
      if (verb !== 'send' && verb !== 'approve' && verb !== 'clear') continue
      map.set(entry.objectId, { ...map.get(entry.objectId), [verb]: entry.actor.name })
    }
    return map
  }, [audit.data])
  return {
    emergencies,
    sites,
    screens,
    screenList: screenList.data ?? [],
    people,
    placesLoaded: siteList.data !== undefined && screenList.data !== undefined,
    placesError: siteList.error ?? screenList.error,
    reload: () => {
      emergencies.reload()
      audit.reload()
    },
  }
}
