import {
  type CodeOf,
  ERROR_CODES,
  type ErrorCode,
  type ErrorKind,
  type ErrorParams,
} from '@playlists/schemas/error-codes'

export interface DomainErrorExtra {
  /** The field at fault, as the request names it (`items/0/url`, `siteId`). */
  field?: string
  /** Values the message names, for a client to build its own sentence. */
  params?: ErrorParams
  /** Anything more a client may act on (the objects in the way, what a file was found to be). */
  details?: unknown
}

/**
 * A refusal in the domain's words: a code from the catalogue, the English sentence a person can
 * act on, and the values it names. Repositories and services throw these; whether it becomes a
 * 404 or a 409 is the HTTP layer's business (server/errors.ts), decided by the code's kind.
 */
export class DomainError extends Error {
  readonly field?: string
  readonly params?: ErrorParams
  readonly details?: unknown

  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: DomainErrorExtra = {},
  ) {
    super(message)
    this.name = 'DomainError'
    this.field = extra.field ?? fieldOf(extra.details)
    if (extra.params !== undefined) this.params = extra.params
    if (extra.details !== undefined) this.details = extra.details
  }

  get kind(): ErrorKind {
    return ERROR_CODES[this.code]
  }
}

/**
 * Checks that name their field in `details` (`{ field }`, or a list whose first entry has one)
 * need not say it twice.
 */
function fieldOf(details: unknown): string | undefined {
  const first = Array.isArray(details) ? details[0] : details
  const field = first && typeof first === 'object' ? (first as { field?: unknown }).field : undefined
  return typeof field === 'string' ? field : undefined
}

export const refuse = (code: ErrorCode, message: string, extra?: DomainErrorExtra) =>
  new DomainError(code, message, extra)

/** `Playlist "lobby" does not exist.`, with the id as a parameter. */
export const notFound = (code: CodeOf<'not-found'>, what: string, id: string) =>
  new DomainError(code, `${what} "${id}" does not exist.`, { params: { id } })
