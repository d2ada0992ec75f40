import { playlistFindings } from '@playlists/legibility/check'
import { PLANNED_SHAPES, type ReachedScreen, shapesOf } from '@playlists/legibility/shapes'
import type { LegibilityReport } from '@playlists/schemas/legibility'
import type { Publisher } from '../publishing/publisher'
import type { Repositories } from '../repositories'
import { reachedScreen, shownDatasets } from './introduced'

type Items = readonly { id: string; kind: string; durationMs: number }[]

/**
 * A playlist's items checked for legibility (playlists/legibility) on every screen the playlist
 * reaches now (and those `coming`), in the zone it fills there under the layout on air; on the programme's planned
 * panels when it reaches none. The server computes this itself from the version's text: the
 * approval does not take a browser's measurements on trust.
 */
export function legibilityReport(
  repos: Repositories,
  publisher: Publisher,
  playlistId: string,
  items: Items,
  /** Screens it will reach besides, with the schedule entries waiting to play it. */
  coming: readonly string[] = [],
): LegibilityReport {
  const ids = new Set([...publisher.screensShowing(playlistId), ...coming])
  const reached: ReachedScreen[] = [...ids].sort().map((id) => reachedScreen(repos, id))
  const planned = reached.length === 0
  const { shapes, unchecked } = planned
    ? { shapes: [...PLANNED_SHAPES], unchecked: [] }
    : shapesOf(playlistId, reached)
  return { shapes, planned, unchecked, findings: playlistFindings(items, shapes, shownDatasets(repos)) }
}
