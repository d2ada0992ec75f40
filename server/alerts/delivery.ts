import { createHmac } from 'node:crypto'
import { performance } from 'node:perf_hooks'

/**
 * One webhook POST and the retry schedule. Nothing here reads the server's clock: the caller
 * says when an attempt happens; only the request's own timeout and duration are wall time,
 * since a network cannot be time-travelled.
 */

/** A receiver that has not answered in this long is hanging: the attempt fails and is retried later. */
export const WEBHOOK_TIMEOUT_MS = 10_000

/**
 * Waits after the 1st, 2nd, … failed attempt. Six attempts over about an hour and three quarters
 * ride out a receiver's restart or a gate link's outage without hammering either.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000] as const
export const WEBHOOK_ATTEMPTS_MAX = WEBHOOK_RETRY_DELAYS_MS.length + 1

/** What a receiver checks the body against: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export const SIGNATURE_HEADER = 'x-gatecast-signature-256'
export const EVENT_HEADER = 'x-gatecast-event'
export const DELIVERY_HEADER = 'x-gatecast-delivery'

/** Bytes of a refusing receiver's answer kept with the attempt (its reason, usually). */
const ANSWER_CHARS_KEPT = 300

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/** The wait before the next attempt after `attemptsMade` attempts failed; null: give up. */
export function retryDelay(attemptsMade: number): number | null {
  return WEBHOOK_RETRY_DELAYS_MS[attemptsMade - 1] ?? null
}

export interface PostResult {
  ok: boolean
  statusCode: number | null
  error: string | null
  durationMs: number
}

/**
 * POSTs `body` as JSON. Redirects are not followed (a receiver that moved is reported, not
 * chased to wherever it points). `stop` aborts it when the server closes.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<PostResult> {
  const started = performance.now()
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = AbortSignal.any([timeout, stop])
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Gatecast-Alerts', ...headers },
      body,
      redirect: 'manual',
      signal,
    })
    const ok = res.status >= 200 && res.status < 300
    const answer = ok ? '' : await readSome(res)
    if (ok) await res.body?.cancel()
    return {
      ok,
      statusCode: res.status,
      error: ok ? null : `HTTP ${res.status}${answer ? `: ${answer}` : ''}`,
      durationMs: elapsed(),
    }
  } catch (error) {
    const message = timeout.aborted ? `no answer within ${timeoutMs} ms` : describe(error)
    return { ok: false, statusCode: null, error: message.slice(0, 500), durationMs: elapsed() }
  }
}

/** The start of an answer's text, without reading a large or endless body whole. */
async function readSome(res: Response): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return ''
  const decoder = new TextDecoder()
  let text = ''
  try {
    while (text.length < ANSWER_CHARS_KEPT) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } catch {
    // The answer's status is what matters; a body cut off is fine.
  } finally {
    void reader.cancel().catch(() => undefined)
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, ANSWER_CHARS_KEPT)
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`
  if (cause?.message) return cause.message
  return error instanceof Error ? error.message : String(error)
}
