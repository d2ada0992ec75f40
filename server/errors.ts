/**
 * Errors a person can act on. Repositories and services throw these; the error handler turns
 * them into `{ statusCode, error, message, details? }` with the matching 4xx status.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, message, details)
export const notFound = (what: string, id: string) => new HttpError(404, `${what} "${id}" does not exist.`)
export const conflict = (message: string, details?: unknown) => new HttpError(409, message, details)
export const gone = (message: string, details?: unknown) => new HttpError(410, message, details)
export const payloadTooLarge = (message: string, details?: unknown) => new HttpError(413, message, details)
export const unsupportedMedia = (message: string, details?: unknown) => new HttpError(415, message, details)
export const unauthorized = (message: string) => new HttpError(401, message)
export const forbidden = (message: string, details?: unknown) => new HttpError(403, message, details)
export const tooManyRequests = (message: string, retryAfterMs: number) =>
  new HttpError(429, message, { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) })
/** Refused for now, not for good: the answer says when to try again (Retry-After), when that would help. */
export const serviceUnavailable = (message: string, retryAfterMs?: number) =>
  new HttpError(
    503,
    message,
    retryAfterMs === undefined ? undefined : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) },
  )
