import type { Version } from '../../playlists/schemas/approval'
import type { LegibilityFinding } from '../../playlists/schemas/legibility'
import { conflict } from '../errors'
import { legibilityReport } from '../legibility/report'
import type { Publisher } from '../publishing/publisher'
import type { Repositories } from '../repositories'

type Items = readonly { id: string; kind: string; durationMs: number }[]

/** How many findings the refusal's message names; `details.findings` holds them all. */
const NAMED_FINDINGS_MAX = 5

/** One finding in words, for the refusal's message (the console builds its own, translated, from the data). */
function describe(f: LegibilityFinding): string {
  const where = `item ${f.itemIndex + 1} (${f.itemId}) on ${f.shapeId}${f.screens.length ? ` (${f.screens.join(', ')})` : ''}, ${f.lang} (${f.script})`
  return f.problem === 'text-too-small'
    ? `${where}: text ${f.value} mm high where ${f.minimum} mm is the least legible`
    : `${where}: on screen ${f.value} s where reading takes ${f.minimum} s`
}

/**
 * The legibility check of a playlist version being approved, on the screens it reaches now:
 * nothing when it passes; the
 * override to keep with the decision when the approver gave a reason; otherwise a 409 naming
 * each slide, shape and script that fails (all of them in `details.findings`).
 */
export function legibilityBlock(
  repos: Repositories,
  publisher: Publisher,
  version: Version,
  reason: string | undefined,
): { reason: string; findings: LegibilityFinding[] } | null {
  const body = version.body as { items?: Items } | null
  if (!body?.items) return null
  const { findings, planned } = legibilityReport(repos, publisher, version.objectId, body.items)
  // A playlist no screen shows yet is checked on the planned panels as advice (the editor and
  // the approval page show it), not as a bar: the screens it will reach may differ from the plan.
  if (planned || findings.length === 0) return null
  if (reason !== undefined) return { reason, findings }
  const named = findings.slice(0, NAMED_FINDINGS_MAX).map(describe)
  const more = findings.length > named.length ? `; and ${findings.length - named.length} more` : ''
  throw conflict(
    `Version ${version.number} of playlist "${version.objectId}" fails the legibility check: ${named.join('; ')}${more}. ` +
      'Fix the slides (shorter text, longer duration) and submit again, or approve with a legibilityOverride saying why.',
    { code: 'legibility', findings },
  )
}
