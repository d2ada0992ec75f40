import type { Target } from '../../../../../playlists/schemas/schedule'
import type { Screen } from '../../../../../playlists/schemas/screen'

/** Whether a schedule entry aimed at `target` applies to the screen (the publisher's own test). */
export function reaches(target: Target, screen: Pick<Screen, 'id' | 'siteId' | 'syncGroupId'>): boolean {
  switch (target.type) {
    case 'all':
      return true
    case 'screen':
      return target.id === screen.id
    case 'site':
      return target.id === screen.siteId
    case 'group':
      return target.id === screen.syncGroupId
  }
}
