import type { Repositories } from '../repositories'

/**
 * How to read an object as it stands, for the "before" of an audit entry. Keyed by the object
 * type an audited action names (`playlist.update` → playlist). Objects without a reader are
 * recorded with their "after" only.
 */
export const SNAPSHOTS: Record<string, (repos: Repositories, id: string) => unknown> = {
  site: (r, id) => r.sites.find(id),
  screen: (r, id) => r.screens.find(id),
  playlist: (r, id) => r.playlists.find(id),
  schedule: (r, id) => r.schedules.find(id),
  layout: (r, id) => r.layouts.find(id),
  feed: (r, id) => r.feeds.find(id),
  dataset: (r, id) => r.datasets.find(id),
  'cap-source': (r, id) => r.capSources.find(id),
  media: (r, id) => r.media.find(id),
  emergency: (r, id) => {
    try {
      return r.emergencies.get(id)
    } catch {
      return undefined
    }
  },
  user: (r, id) => r.users.find(id),
  'web-origins': (r) => [...r.webOrigins.allowed()].sort(),
}
