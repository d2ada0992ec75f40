import type { ApprovableType } from '@playlists/schemas/approval'
import { signal } from '@preact/signals'
import type { AnswerAt, Args, PathOf, SentOptions } from './api-types'

/** What the server says about a refusal for a program to read: see playlists/schemas/error-codes.ts. */
export interface Reason {
  /** The catalogue's code (`approval.own-change`); the console translates it, never the message. */
  code?: string
  /** The field at fault, where there is one. */
  field?: string
  /** Values the message names, for the translated sentence. */
  params?: Record<string, string | number | boolean>
}

/**
 * The console's one way to the REST API. The session cookie travels with every request (same
 * origin); an answer that is not 2xx becomes an ApiError carrying the server's `{ error, message,
 * code, field, params, details }`, and a 401 also clears the signed-in account so the shell shows
 * the sign-in page.
 */
export class ApiError extends Error {
  readonly code?: string
  readonly field?: string
  readonly params?: Record<string, string | number | boolean>

  constructor(
    readonly status: number,
    /** The HTTP status text, or what the console itself ran into (`Network`, a cancelled upload). */
    readonly kind: string,
    message: string,
    readonly details?: unknown,
    reason: Reason = {},
  ) {
    super(message)
    this.code = reason.code
    this.field = reason.field
    this.params = reason.params
  }
}

/** The reason of a refusal's body, keeping only what has the catalogue's shape. */
function reasonOf(body: Record<string, unknown>): Reason {
  const params = body.params
  return {
    code: typeof body.code === 'string' ? body.code : undefined,
    field: typeof body.field === 'string' ? body.field : undefined,
    params:
      params && typeof params === 'object' && !Array.isArray(params)
        ? (params as Record<string, string | number | boolean>)
        : undefined,
  }
}

/** Set when any request answers 401: the session ended (signed out elsewhere, expired, revoked). */
export const sessionLost = signal(0)

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'Network', 'The server cannot be reached.')
  }
  return answer<T>(res)
}

/** The body of a response, or the ApiError it stands for. */
export async function answer<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T
  const text = await res.text()
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // Not JSON: a proxy's error page, say. The status still says what happened.
  }
  if (res.ok) return parsed as T
  if (res.status === 401) sessionLost.value++
  const body = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown> & {
    error?: string
    message?: string
    details?: unknown
  }
  throw new ApiError(
    res.status,
    body.error ?? res.statusText,
    body.message ?? res.statusText,
    body.details,
    reasonOf(body),
  )
}

/** The URL of a call: the pattern's `:name` segments filled in (encoded), then the query. */
export function urlOf(pattern: string, options: SentOptions = {}): string {
  const path = pattern.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = options.params?.[name]
    // The types require every parameter; this guards a call that went around them.
    if (value === undefined) throw new Error(`${pattern}: no value for :${name}`)
    return encodeURIComponent(String(value))
  })
  return options.query ? withQuery(path, options.query) : path
}

/** A call typed from the route contract (see api-types.ts); a write sends `{}` when it has no body. */
function call(method: Method, path: string, options: SentOptions = {}, write = false) {
  return request<never>(method, urlOf(path, options), write ? (options.body ?? {}) : undefined)
}

export const api = {
  get: <P extends PathOf<'GET'>>(path: P, ...[options]: Args<'GET', P>) =>
    call('GET', path, options as SentOptions) as Promise<AnswerAt<'GET', P>>,
  post: <P extends PathOf<'POST'>>(path: P, ...[options]: Args<'POST', P>) =>
    call('POST', path, options as SentOptions, true) as Promise<AnswerAt<'POST', P>>,
  put: <P extends PathOf<'PUT'>>(path: P, ...[options]: Args<'PUT', P>) =>
    call('PUT', path, options as SentOptions, true) as Promise<AnswerAt<'PUT', P>>,
  patch: <P extends PathOf<'PATCH'>>(path: P, ...[options]: Args<'PATCH', P>) =>
    call('PATCH', path, options as SentOptions, true) as Promise<AnswerAt<'PATCH', P>>,
  delete: <P extends PathOf<'DELETE'>>(path: P, ...[options]: Args<'DELETE', P>) =>
    call('DELETE', path, options as SentOptions) as Promise<AnswerAt<'DELETE', P>>,
}

/** A GET to send later (useResource reads it): its URL, and, for the compiler only, its answer. */
export interface Read<T> {
  readonly url: string
  readonly answer?: T
}

export const read = <P extends PathOf<'GET'>>(
  path: P,
  ...[options]: Args<'GET', P>
): Read<AnswerAt<'GET', P>> => ({
  url: urlOf(path, options as SentOptions),
})

/** The address of a GET for a link (a CSV download), its path and query checked like a call's. */
export const hrefOf = <P extends PathOf<'GET'>>(path: P, ...[options]: Args<'GET', P>): string =>
  urlOf(path, options as SentOptions)

/** `/api/x?a=1&b=2`, leaving out empty values. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | undefined | null>,
): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/** Where each approvable kind's routes live; its version routes are the same under each. */
const APPROVABLE_BASE = {
  playlist: '/api/playlists',
  schedule: '/api/schedules',
  layout: '/api/layouts',
  feed: '/api/feeds',
  dataset: '/api/datasets',
} as const satisfies Record<ApprovableType, string>

/** A route pattern of one approvable kind: `kindPath(type, '/:id/versions/:n')`, checked against the contract. */
export const kindPath = <const S extends string>(type: ApprovableType, rest: S) =>
  `${APPROVABLE_BASE[type]}${rest}` as `${(typeof APPROVABLE_BASE)[ApprovableType]}${S}`
