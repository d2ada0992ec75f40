import type { ErrorCode } from '@playlists/schemas/error-codes'
import type { FastifyBaseLogger } from 'fastify'
import { isBusy } from './db/errors'

/**
 * The one guard around everything that runs outside a request: every socket event handler,
 * socket middleware and connection handler (server/realtime/access.ts), and every background
 * job (server/plugins/jobs.ts, the backup schedule). An error there has no Fastify error
 * handler above it; before this guard, one heartbeat whose value the database refused ended the
 * process, and with it publishing and emergency messages for every screen. Now the error is
 * logged with where it happened and who sent it, the sender is told where it can be told, and
 * the server goes on.
 */

/** Where a failure happened, for its log line: the namespace, event or job, and who. */
export type GuardContext = Record<string, string | number | null | undefined>

/** Told to a client whose message met a busy database: nothing is wrong with what it sent. */
export const BUSY_MESSAGE = "The server's database is busy; send it again in a moment."

/** Told to a client for a failure it did not cause; the log has the details. */
export const FAILED_MESSAGE =
  'The server could not handle this message; it has been logged. Send it again later.'

/** What the sender of a message reads about a failure: never the internals. */
export const failureMessage = (error: unknown): string => (isBusy(error) ? BUSY_MESSAGE : FAILED_MESSAGE)

/** The catalogue's code for the same failure. */
export const failureCode = (error: unknown): ErrorCode => (isBusy(error) ? 'server.busy' : 'socket.failed')

/**
 * Runs `work` so that nothing it throws, now or through the promise it returns, escapes: each
 * failure is logged with `context` and passed to `onFailure` (to answer the sender) as the
 * message the sender may read.
 */
export function runGuarded(
  log: FastifyBaseLogger,
  context: GuardContext,
  work: () => unknown,
  onFailure?: (message: string, error: unknown) => void,
): void {
  const fail = (error: unknown) => {
    // A busy database is another writer holding the lock, not a fault in this code.
    if (isBusy(error)) log.warn({ err: error, ...context }, 'database busy: refused')
    else log.error({ err: error, ...context }, 'failed (the server carries on)')
    if (!onFailure) return
    try {
      onFailure(failureMessage(error), error)
    } catch (second) {
      log.error({ err: second, ...context }, 'could not tell the sender about a failure')
    }
  }
  try {
    const result = work()
    if (isThenable(result)) result.then(undefined, fail)
  } catch (error) {
    fail(error)
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function'
