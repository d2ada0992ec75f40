import { signal } from '@preact/signals'

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

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
}

/** `/api/x?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}
