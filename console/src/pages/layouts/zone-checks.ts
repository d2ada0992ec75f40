import { LAYOUT_ZONES_MAX, ZONE_FRACTION_MIN } from '@playlists/limits'
import { ID_PATTERN } from '@playlists/schemas/common'
import { MAIN_ZONE, type Zone } from '@playlists/schemas/layout'
import { t } from './messages'

/** Sums of typed fractions (0.7 + 0.3) land a float step past 1: far below a pixel. */
const EPSILON = 1e-6
const ID = new RegExp(ID_PATTERN)

export interface ZoneProblem {
  /** The zone's position in the list, or null for the layout as a whole (`name` is then its name). */
  index: number | null
  field: 'id' | 'name' | 'x' | 'y' | 'width' | 'height' | null
  text: string
}

const round = (n: number) => Math.round(n * 10_000) / 10_000

/**
 * What the server would refuse (the schema's ranges and zoneProblems in schemas/layout.ts), in
 * the reader's language and by field, so the editor can mark the input before anything is sent.
 */
export function zoneChecks(name: string, zones: readonly Zone[]): ZoneProblem[] {
  const out: ZoneProblem[] = []
  if (!name.trim()) out.push({ index: null, field: 'name', text: t('problem.name') })
  if (zones.length > LAYOUT_ZONES_MAX)
    out.push({ index: null, field: null, text: t('problem.too-many', { max: LAYOUT_ZONES_MAX }) })
  if (!zones.some((z) => z.id === MAIN_ZONE))
    out.push({ index: null, field: null, text: t('problem.no-main') })
  const seen = new Set<string>()
  zones.forEach((z, index) => {
    const label = z.name || z.id
    const add = (field: ZoneProblem['field'], key: Parameters<typeof t>[0], params = {}) =>
      out.push({ index, field, text: t(key, { zone: label, ...params }) })
    if (!ID.test(z.id)) add('id', 'problem.id')
    else if (seen.has(z.id)) add('id', 'problem.id-taken', { id: z.id })
    seen.add(z.id)
    if (!z.name.trim()) add('name', 'problem.zone-name')
    for (const field of ['x', 'y'] as const) {
      if (!Number.isFinite(z[field]) || z[field] < 0 || z[field] > 1)
        add(field, 'problem.fraction', { field })
    }
    for (const field of ['width', 'height'] as const) {
      if (!Number.isFinite(z[field]) || z[field] < ZONE_FRACTION_MIN || z[field] > 1)
        add(field, 'problem.side', { field, min: ZONE_FRACTION_MIN })
    }
    if (z.x + z.width > 1 + EPSILON) add('width', 'problem.right', { sum: round(z.x + z.width) })
    if (z.y + z.height > 1 + EPSILON) add('height', 'problem.bottom', { sum: round(z.y + z.height) })
  })
  return out
}

/** The id of the problem at `position` in the list the editor shows (LayoutProblems). */
export const problemId = (listId: string, position: number) => `${listId}-${position}`

/**
 * The ids of the shown problems of one field (of zone `index`, or of the layout when null), for
 * the field's aria-describedby: a screen reader reads why the field is marked invalid.
 */
export function problemIdsOf(
  problems: readonly ZoneProblem[],
  listId: string,
  index: number | null,
  field: string,
): string[] {
  return problems.flatMap((p, position) =>
    p.index === index && p.field === field ? [problemId(listId, position)] : [],
  )
}
