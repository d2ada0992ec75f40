import type { ApprovableType, Version } from '@playlists/schemas/approval'
import type { LayoutInput } from '@playlists/schemas/layout'
import type { LegibilityFinding, LegibilityReport } from '@playlists/schemas/legibility'
import { conflict } from '../errors'
import { layoutLegibility, scheduleLegibility } from '../legibility/introduced'
import { legibilityReport } from '../legibility/report'
import type { Publisher } from '../publishing/publisher'
import type { Repositories } from '../repositories'
import type { PlaylistBody } from '../repositories/playlists'
import type { ScheduleBody } from '../repositories/schedules'
import type { VersionReach } from './reach'

/** How many findings the refusal's message names; `details.findings` holds them all. */
const NAMED_FINDINGS_MAX = 5

const LABEL: Record<ApprovableType, string> = {
  playlist: 'playlist',
  schedule: 'schedule entry',
  layout: 'layout',
  feed: 'feed',
  dataset: 'dataset',
}

/** One finding in words, for the refusal's message (the console builds its own, translated, from the data). */
function describe(f: LegibilityFinding): string {
  const playlist = f.playlistId ? `playlist "${f.playlistName ?? f.playlistId}", ` : ''
  const where = `${playlist}item ${f.itemIndex + 1} (${f.itemId}) on ${f.shapeId}${f.screens.length ? ` (${f.screens.join(', ')})` : ''}, ${f.lang} (${f.script})`
  return f.problem === 'text-too-small'
    ? `${where}: text ${f.value} mm high where ${f.minimum} mm is the least legible`
    : `${where}: on screen ${f.value} s where reading takes ${f.minimum} s`
}

/**
 * The legibility check of a version as its approval runs it:
 *  - a playlist's slides on every screen it reaches now, or will with the schedule entries
 *    waiting to play it; on the programme's planned panels (as advice) when none;
 *  - a schedule entry: its playlist on the screens its target brings it to;
 *  - a layout: the playlists of its screens in the zones it gives them.
 * The latter two are asked only about panels and zones the change brings (introduced.ts).
 */
export function versionLegibility(
  repos: Repositories,
  publisher: Publisher,
  reach: VersionReach,
  type: ApprovableType,
  id: string,
  body: unknown,
): LegibilityReport {
  switch (type) {
    case 'playlist': {
      const items = (body as PlaylistBody | null)?.items
      if (!items) return { shapes: [], planned: false, unchecked: [], findings: [] }
      return legibilityReport(repos, publisher, id, items, reach.waitingScheduleScreens(id))
    }
    case 'schedule':
      return scheduleLegibility(repos, publisher, body as ScheduleBody | null)
    case 'layout':
      return layoutLegibility(repos, publisher, id, body as LayoutInput | null)
    case 'feed':
    case 'dataset':
      // A feed or a dataset brings no slides of its own: what it shows is checked with the item
      // that shows it, when its playlist is approved.
      return { shapes: [], planned: false, unchecked: [], findings: [] }
  }
}

/**
 * What the approval of a version does about legibility: nothing when it passes (or the check was
 * only advice, on planned panels); the override to keep with the decision when the approver gave
 * a reason; otherwise a 409 naming each slide, shape and script that fails (all of them in
 * `details.findings`).
 */
export function legibilityBlock(
  report: LegibilityReport,
  type: ApprovableType,
  version: Version,
  reason: string | undefined,
): { reason: string; findings: LegibilityFinding[] } | null {
  const { findings, planned } = report
  if (planned || findings.length === 0) return null
  if (reason !== undefined) return { reason, findings }
  const named = findings.slice(0, NAMED_FINDINGS_MAX).map(describe)
  const more = findings.length > named.length ? `; and ${findings.length - named.length} more` : ''
  const fix =
    type === 'playlist'
      ? 'Fix the items (slides: shorter text, longer duration; datasets: fewer rows per page or columns) and submit again'
      : 'Fix the items of the playlist it brings there (slides: shorter text, longer duration; datasets: fewer rows per page or columns) and publish them first, or aim it elsewhere'
  throw conflict(
    'approval.legibility',
    `Version ${version.number} of ${LABEL[type]} "${version.objectId}" fails the legibility check: ${named.join('; ')}${more}. ` +
      `${fix}, or approve with a legibilityOverride saying why.`,
    { code: 'legibility', findings },
    { type, id: version.objectId, version: version.number, count: findings.length },
  )
}
