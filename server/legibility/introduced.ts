import { datasetItemOf } from '@playlists/dataset-on-screen'
import { playlistFindings, type ShownDataset } from '@playlists/legibility/check'
import { type ReachedScreen, shapesOf } from '@playlists/legibility/shapes'
import type { DatasetBody } from '@playlists/schemas/dataset'
import type { PlaylistItem } from '@playlists/schemas/items'
import type { LayoutInput } from '@playlists/schemas/layout'
import type { LegibilityFinding, LegibilityReport, LegibilityShape } from '@playlists/schemas/legibility'
import type { Publisher } from '../publishing/publisher'
import type { Repositories } from '../repositories'
import type { PlaylistBody } from '../repositories/playlists'
import type { ScheduleBody } from '../repositories/schedules'

type Zones = ReachedScreen['zones']
type Items = PlaylistBody['items']

/** A screen as the legibility check sees it: its facts, under its live layout or the zones given. */
export function reachedScreen(
  repos: Repositories,
  id: string,
  zones?: Zones,
): ReachedScreen & { id: string } {
  const screen = repos.screens.get(id)
  if (zones !== undefined) return { ...screen, zones }
  const layout = screen.layoutId ? repos.versions.live<LayoutInput>('layout', screen.layoutId) : undefined
  return { ...screen, zones: layout?.body.zones ?? null }
}

/**
 * A dataset item as its screens would show it now, with its dataset's approved version: the
 * check judges the size the player draws, which narrows for a version too wide for its zone.
 */
export function shownDatasets(repos: Repositories): ShownDataset {
  return (item) => {
    const stored = item as Extract<PlaylistItem, { kind: 'dataset' }>
    return datasetItemOf(stored, repos.versions.live<DatasetBody>('dataset', stored.datasetId))
  }
}

/**
 * The items a playlist goes on air with: its live version's; with none on air, its newest
 * version still waiting (submitted, or approved and not yet published), the one a change set
 * would publish with the entry that brings it. Null when it has neither.
 */
export function airingItems(repos: Repositories, playlistId: string): Items | null {
  const live = repos.versions.live<PlaylistBody>('playlist', playlistId)
  if (live) return live.body.items
  const waiting = repos.versions
    .list('playlist', playlistId)
    .filter((v) => (v.state === 'submitted' || v.state === 'approved') && v.body !== null)
    .sort((a, b) => b.number - a.number)[0]
  return waiting ? (waiting.body as PlaylistBody).items : null
}

const shapeKey = (s: LegibilityShape) =>
  [s.width, s.height, s.zoneWidth, s.zoneHeight, s.pixelPitchMm, s.viewingDistanceM].join()

/**
 * Shapes named among themselves (`1920x960`, then `1920x960-2` for another of that size), as
 * shapesOf names them: a shape left out because the playlist reached it already takes no number.
 */
function renumbered(shapes: readonly LegibilityShape[]): LegibilityShape[] {
  const seen = new Map<string, number>()
  return shapes.map((s) => {
    const size = `${s.width}x${s.height}`
    const n = (seen.get(size) ?? 0) + 1
    seen.set(size, n)
    return { ...s, id: n === 1 ? size : `${size}-${n}` }
  })
}

/** Where each playlist plays: its screens, each under the zones it has there. */
type Placements = Map<string, (ReachedScreen & { id: string })[]>

/**
 * The check of what a change brings: for each playlist, the shapes it reaches after the change
 * that it did not reach before, checked with the items it airs with. A shape it reached already
 * was checked (or overridden, with a reason) when its version was approved: a schedule entry or
 * a layout is asked only about what it changes, and each finding names its playlist.
 */
function introducedReport(repos: Repositories, before: Placements, after: Placements): LegibilityReport {
  const shapes: LegibilityShape[] = []
  const unchecked = new Set<string>()
  const findings: LegibilityFinding[] = []
  for (const [playlistId, screens] of after) {
    const known = new Set(shapesOf(playlistId, before.get(playlistId) ?? []).shapes.map(shapeKey))
    const reached = shapesOf(playlistId, screens)
    const fresh = renumbered(reached.shapes.filter((s) => !known.has(shapeKey(s))))
    const items = airingItems(repos, playlistId)
    for (const name of reached.unchecked) unchecked.add(name)
    if (fresh.length === 0 || !items) continue
    shapes.push(...fresh)
    const name = repos.playlists.find(playlistId)?.name ?? playlistId
    for (const f of playlistFindings(items, fresh, shownDatasets(repos)))
      findings.push({ ...f, playlistId, playlistName: name })
  }
  return { shapes, planned: false, unchecked: [...unchecked].sort(), findings }
}

/** Each playlist's screens now, under their live layouts. */
function placementsNow(repos: Repositories, publisher: Publisher, playlistIds: Iterable<string>): Placements {
  const now: Placements = new Map()
  for (const id of new Set(playlistIds)) {
    now.set(
      id,
      publisher.screensShowing(id).map((s) => reachedScreen(repos, s)),
    )
  }
  return now
}

/**
 * A schedule entry's version: its playlist on the screens its target aims at, beside those it
 * shows on already. A withdrawal brings nothing.
 */
export function scheduleLegibility(
  repos: Repositories,
  publisher: Publisher,
  body: ScheduleBody | null,
): LegibilityReport {
  if (body === null) return { shapes: [], planned: false, unchecked: [], findings: [] }
  const before = placementsNow(repos, publisher, [body.playlistId])
  const showing = new Set(publisher.screensShowing(body.playlistId))
  const added = repos.screens
    .idsForTarget(body.target)
    .filter((id) => !showing.has(id))
    .map((id) => reachedScreen(repos, id))
  const after: Placements = new Map([[body.playlistId, [...(before.get(body.playlistId) ?? []), ...added]]])
  return introducedReport(repos, before, after)
}

/**
 * A layout's version: every playlist its screens play (their default, the zones' own, the live
 * schedule entries aimed at them) in the zones the new version gives it, where the live version
 * gave others. A zone made smaller, or a playlist given a new zone, is checked.
 */
export function layoutLegibility(
  repos: Repositories,
  publisher: Publisher,
  layoutId: string,
  body: LayoutInput | null,
): LegibilityReport {
  const screenIds = repos.screens.idsUsingLayout(layoutId)
  if (body === null || screenIds.length === 0)
    return { shapes: [], planned: false, unchecked: [], findings: [] }
  const onScreen = new Map<string, Set<string>>()
  for (const id of screenIds) {
    const screen = repos.screens.get(id)
    const playing = new Set<string>()
    if (screen.defaultPlaylistId) playing.add(screen.defaultPlaylistId)
    for (const z of body.zones) if (z.playlistId) playing.add(z.playlistId)
    for (const s of repos.schedules.liveForScreen(screen)) playing.add(s.playlistId)
    onScreen.set(id, playing)
  }
  const playlists = new Set([...onScreen.values()].flatMap((p) => [...p]))
  const before = placementsNow(repos, publisher, playlists)
  const ours = new Set(screenIds)
  const after: Placements = new Map()
  for (const playlistId of playlists) {
    const elsewhere = (before.get(playlistId) ?? []).filter((s) => !ours.has(s.id))
    const here = screenIds
      .filter((id) => onScreen.get(id)?.has(playlistId))
      .map((id) => reachedScreen(repos, id, body.zones))
    after.set(playlistId, [...elsewhere, ...here])
  }
  return introducedReport(repos, before, after)
}
