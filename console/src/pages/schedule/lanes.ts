import type { Screen } from '@playlists/schemas/screen'
import { shownName } from '../../i18n/names'
import type { ConflictRow } from './conflicts-table'
import { t } from './messages'
import type { Lane } from './timeline-view'
import type { ScreenTimeline } from './timelines'

/**
 * The rows the timeline draws and the conflicts under it. A site's page draws one lane per screen
 * (its main zone); one screen's page draws one lane per zone. Conflicts of every zone are listed
 * either way, earliest first: a clash in a ticker zone matters as much as one in the main zone.
 */
export function lanesOf(
  screens: readonly Screen[],
  timelines: ReadonlyMap<string, ScreenTimeline> | undefined,
  oneScreen: boolean,
): { lanes: Lane[]; conflicts: ConflictRow[] } {
  const lanes: Lane[] = []
  const conflicts: ConflictRow[] = []
  for (const s of screens) {
    const tl = timelines?.get(s.id)
    if (!tl) continue
    for (const z of tl.zones) {
      const main = z.id === 'main'
      if (oneScreen || main) {
        lanes.push({
          key: `${s.id}/${z.id}`,
          label: oneScreen ? shownName(z.name) : shownName(s.name),
          note: oneScreen
            ? main
              ? t('zone.main')
              : z.id
            : t('screen.size', { width: s.width, height: s.height }),
          timeZone: tl.timeZone,
          entries: z.entries,
          conflicts: z.conflicts,
        })
      }
      for (const c of z.conflicts) {
        conflicts.push({
          where: main ? shownName(s.name) : `${shownName(s.name)} · ${shownName(z.name)}`,
          timeZone: tl.timeZone,
          conflict: c,
        })
      }
    }
  }
  conflicts.sort((a, b) => a.conflict.start.localeCompare(b.conflict.start))
  return { lanes, conflicts }
}
