import Type, { type Static } from 'typebox'
import { APPROVABLE_TYPES, type ApprovableType, ApprovableTypeSchema, VersionState } from './approval'
import { Timestamp } from './common'

/**
 * The officials' remote preview (issue 7 item 2): a screen's published document as it plays now,
 * the document as it will stand at another instant, or as it would be if versions waiting for
 * approval were on air. Shared by the server's routes, the player's preview mode and the console.
 */

/** One version to preview as if it were on air: `playlist:welcome:3`. */
export interface DraftRef {
  type: ApprovableType
  id: string
  number: number
}

/**
 * Versions previewed together at most. One change rarely spans more than a playlist, the schedule
 * entry that plays it and a layout; ten is generous and keeps each preview one cheap compile.
 */
export const PREVIEW_DRAFTS_MAX = 10

const REF = `(${APPROVABLE_TYPES.join('|')}):[a-z0-9][a-z0-9-]{0,62}:[1-9][0-9]{0,8}`

/** `<kind>:<id>:<version>`, several separated by commas (the console's `?draft=` and the API's). */
export const DRAFT_REFS_PATTERN = `^${REF}(,${REF}){0,${PREVIEW_DRAFTS_MAX - 1}}$`

export const formatDraftRefs = (refs: readonly DraftRef[]): string =>
  refs.map((r) => `${r.type}:${r.id}:${r.number}`).join(',')

/**
 * The refs a `draft=` text names, or null when it is not one (wrong shape, too many, or one
 * object named twice: a screen cannot have two versions of one playlist on air).
 */
export function parseDraftRefs(text: string): DraftRef[] | null {
  if (!new RegExp(DRAFT_REFS_PATTERN).test(text)) return null
  const refs = text.split(',').map((part) => {
    const [type, id, number] = part.split(':') as [ApprovableType, string, string]
    return { type, id, number: Number(number) }
  })
  const objects = new Set(refs.map((r) => `${r.type}:${r.id}`))
  return objects.size === refs.length ? refs : null
}

export const PreviewQuery = Type.Object(
  {
    version: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]{0,8}$',
        description: 'A published version of the screen’s document (what a player that reported it plays)',
      }),
    ),
    at: Type.Optional(Timestamp),
    draft: Type.Optional(
      Type.String({
        pattern: DRAFT_REFS_PATTERN,
        description: `Versions to preview as if on air: <kind>:<id>:<version>, comma-separated, at most ${PREVIEW_DRAFTS_MAX}`,
      }),
    ),
  },
  { additionalProperties: false },
)
export type PreviewQuery = Static<typeof PreviewQuery>

/** A version that is not on air yet and would change what this screen shows. */
export const PendingVersion = Type.Object({
  objectType: ApprovableTypeSchema,
  objectId: Type.String(),
  number: Type.Integer({ minimum: 1 }),
  /** Submitted (waiting for a decision), or approved and not on air yet. */
  state: VersionState,
  /** The object's name in this version (its id for a withdrawal). */
  name: Type.String(),
  withdrawal: Type.Boolean(),
  /** The submitter's display name. */
  submittedBy: Type.String(),
  submittedAt: Timestamp,
  comment: Type.Union([Type.String(), Type.Null()]),
})
export type PendingVersion = Static<typeof PendingVersion>

/** The server's clock, for previews that run on server time as screens do. */
export const ServerTime = Type.Object({ nowMs: Type.Number({ description: 'ms since the Unix epoch' }) })
export type ServerTime = Static<typeof ServerTime>
