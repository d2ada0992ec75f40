import type { ErrorBody } from '@playlists/schemas/common'
import type { CodeOf, ErrorCode, ErrorKind, ErrorParams } from '@playlists/schemas/error-codes'
import { DomainError, type DomainErrorExtra } from './domain-error'

export { DomainError, notFound, refuse } from './domain-error'

/**
 * The one mapping from a refusal's kind to its HTTP status. Everything below the routes throws
 * DomainErrors naming a code; the error handler answers with `statusOf` and the code's details.
 */
export const KIND_STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  timeout: 408,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  'url-too-long': 414,
  unsupported: 415,
  unprocessable: 422,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
}

export const statusOf = (error: DomainError): number => KIND_STATUS[error.kind]

/*
 * Shorthands for the routes and services, named for the answer they give; each accepts only codes
 * of its kind, so a call site cannot say "conflict" with the code of a missing object. `params`
 * carries the values the English message names (an id, a count, a limit), for a client's own
 * sentence: a console in another language must be able to say as much as the English does.
 */
const shorthand =
  <K extends ErrorKind>() =>
  (code: CodeOf<K>, message: string, details?: unknown, params?: ErrorParams) =>
    new DomainError(code, message, { details, ...(params === undefined ? {} : { params }) })

export const badRequest = shorthand<'invalid'>()
export const conflict = shorthand<'conflict'>()
export const gone = shorthand<'gone'>()
export const payloadTooLarge = shorthand<'too-large'>()
export const unsupportedMedia = shorthand<'unsupported'>()
export const unprocessable = shorthand<'unprocessable'>()
export const forbidden = shorthand<'forbidden'>()
export const unauthorized = (code: CodeOf<'unauthenticated'>, message: string, params?: ErrorParams) =>
  new DomainError(code, message, params === undefined ? {} : { params })
/** The wait is both a detail (Retry-After) and a value the sentence names. */
export const tooManyRequests = (
  code: CodeOf<'rate-limited'>,
  message: string,
  retryAfterMs: number,
  params?: ErrorParams,
) => {
  const retryAfterSeconds = Math.ceil(retryAfterMs / 1000)
  return new DomainError(code, message, {
    details: { retryAfterSeconds },
    params: { retryAfterSeconds, ...params },
  })
}
/** Refused for now, not for good: the answer says when to try again (Retry-After), when that would help. */
export const serviceUnavailable = (
  code: CodeOf<'unavailable'>,
  message: string,
  retryAfterMs?: number,
  params?: ErrorParams,
) => {
  if (retryAfterMs === undefined)
    return new DomainError(code, message, params === undefined ? {} : { params })
  const retryAfterSeconds = Math.ceil(retryAfterMs / 1000)
  return new DomainError(code, message, {
    details: { retryAfterSeconds },
    params: { retryAfterSeconds, ...params },
  })
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export const statusText = (status: number): string => STATUS_TEXT[status] ?? 'Error'

/**
 * The body of every refusal, whoever sends it (the error handler, the auth hook, the rate limits,
 * a bare socket): the English sentence beside the catalogue's code, the field and the values.
 */
export function errorBody(
  status: number,
  code: ErrorCode,
  message: string,
  extra: DomainErrorExtra = {},
): ErrorBody {
  return {
    statusCode: status,
    error: statusText(status),
    message,
    code,
    ...(extra.field === undefined ? {} : { field: extra.field }),
    ...(extra.params === undefined ? {} : { params: extra.params }),
    ...(extra.details === undefined ? {} : { details: extra.details }),
  }
}
