import { signal } from '@preact/signals'

/**
 * The console's one way to the REST API. The session cookie travels with every request (same
 * origin); an answer that is not 2xx becomes an ApiError carrying the server's `{ error, message,
 * details }`, and a 401 also clears the signed-in account so the shell shows the sign-in page.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
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
  const body = (parsed ?? {}) as { error?: string; message?: string; details?: unknown }
  throw new ApiError(res.status, body.error ?? res.statusText, body.message ?? res.statusText, body.details)
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
