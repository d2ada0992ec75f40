import { createHmac } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { OutboundRefused } from '../outbound/policy'
import type { Outbound } from '../outbound/request'

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

/**
 * Characters of a refusing receiver's answer kept with the attempt: its reason, usually, and
 * little else. The admin reads it in the console; an answer is the receiver's words, so it is
 * kept short and without control or formatting characters (which could make a line read as
 * something else), and no more than ANSWER_BYTES_READ is downloaded to find them.
 */
export const ANSWER_CHARS_KEPT = 200
/** 200 characters of UTF-8 are at most 800 bytes. */
const ANSWER_BYTES_READ = 1024

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

const isOk = (status: number) => status >= 200 && status < 300

/**
 * POSTs `body` as JSON through the outbound module, which refuses private destinations unless
 * allowed (server/outbound/). Redirects are not followed (a receiver that moved is reported, not
 * chased to wherever it points). `stop` aborts it when the server closes.
 */
export async function postJson(
  outbound: Outbound,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<PostResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const res = await outbound.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Gatecast-Alerts', ...headers },
      body,
      timeoutMs,
      signal: stop,
      maxRedirects: 0,
      maxBytes: ANSWER_BYTES_READ,
      readBody: (status) => !isOk(status),
    })
    const ok = isOk(res.status)
    const answer = ok ? '' : answerText(res.body)
    return {
      ok,
      statusCode: res.status,
      error: ok ? null : `HTTP ${res.status}${answer ? `: ${answer}` : ''}`,
      durationMs: elapsed(),
    }
  } catch (error) {
    const refused = error instanceof OutboundRefused ? 'refused: ' : ''
    return {
      ok: false,
      statusCode: null,
      error: `${refused}${describe(error)}`.slice(0, 500),
      durationMs: elapsed(),
    }
  }
}

/** The start of an answer as one line of plain text. */
function answerText(bytes: Buffer): string {
  const text = new TextDecoder().decode(bytes)
  const plain = text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  // By code points, so a cut never splits a character in two.
  return [...plain].slice(0, ANSWER_CHARS_KEPT).join('')
}

/** A network error's code (ECONNREFUSED, ENOTFOUND…) with its message. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code
  // Trying each of a host's addresses in turn fails with one error per address.
  const message =
    error instanceof AggregateError && error.errors.length > 0
      ? error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ')
      : error instanceof Error
        ? error.message
        : String(error)
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
}
