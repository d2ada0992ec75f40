import { NOTHING_COLOR } from './colors'
import { t } from './messages'
import type { Lane, Names } from './timeline-view'

/** The colours of the playlists drawn, and what the default and conflict patterns mean. */
export function Legend({
  lanes,
  names,
  colors,
}: {
  lanes: readonly Lane[]
  names: Names
  colors: ReadonlyMap<string, string>
}) {
  const ids = [...new Set(lanes.flatMap((l) => l.entries.map((e) => e.playlistId)))]
  return (
    <ul class="sched-legend" aria-label={t('legend.label')}>
      {ids.map((id) => (
        <li key={id ?? ''}>
          <span
            class="sched-swatch"
            style={{ background: id ? (colors.get(id) ?? NOTHING_COLOR) : NOTHING_COLOR }}
            aria-hidden="true"
          />
          {names.playlist(id)}
        </li>
      ))}
      <li>
        <span class="sched-swatch default" aria-hidden="true" />
        {t('legend.default')}
      </li>
      <li>
        <span class="sched-swatch conflict" aria-hidden="true" />
        {t('legend.conflict')}
      </li>
      <li>
        <span class="sched-swatch now" aria-hidden="true" />
        {t('legend.now')}
      </li>
    </ul>
  )
}
