import { playlistFindings } from '../../playlists/legibility/check'
import { PLANNED_SHAPES, type ReachedScreen, shapesOf } from '../../playlists/legibility/shapes'
import type { LayoutInput } from '../../playlists/schemas/layout'
import type { LegibilityReport } from '../../playlists/schemas/legibility'
import type { Publisher } from '../publishing/publisher'
import type { Repositories } from '../repositories'

type Items = readonly { id: string; kind: string; durationMs: number }[]

/**
 * A playlist's items checked for legibility (playlists/legibility) on every screen the playlist
 * reaches now, in the zone it fills there under the layout on air; on the programme's planned
 * panels when it reaches none. The server computes this itself from the version's text: the
 * approval does not take a browser's measurements on trust.
 */
export function legibilityReport(
  repos: Repositories,
  publisher: Publisher,
  playlistId: string,
  items: Items,
): LegibilityReport {
  const reached: ReachedScreen[] = publisher.screensShowing(playlistId).map((id) => {
    const screen = repos.screens.get(id)
    const layout = screen.layoutId ? repos.versions.live<LayoutInput>('layout', screen.layoutId) : undefined
    return { ...screen, zones: layout?.body.zones ?? null }
  })
  const planned = reached.length === 0
  const { shapes, unchecked } = planned
    ? { shapes: [...PLANNED_SHAPES], unchecked: [] }
    : shapesOf(playlistId, reached)
  return { shapes, planned, unchecked, findings: playlistFindings(items, shapes) }
}
