import { RequestBudget } from '../auth/request-budget'
import { systemClock } from '../clock'

/**
 * What one socket may send in a minute. A player sends a heartbeat every 15 s, its plays every
 * 10 s and a few clock samples every 10 minutes: a dozen messages a minute. 240 leaves room for
 * a backlog of plays after an outage, and keeps a stolen screen token (or a broken player in a
 * loop) from filling the database and the event loop with heartbeats, each one a write.
 */
export const SOCKET_MESSAGES_PER_MINUTE = 240

/**
 * A batch of plays weighs one message plus one per hundred plays in it: a full batch of 500
 * counts 6, so a backlog of a million plays (a day offline at a busy screen) goes through in
 * about 50 minutes, and invented plays go no faster than 20,000 a minute per socket.
 */
export const PLAYS_PER_MESSAGE_UNIT = 100

/** What a message costs against its socket's budget. */
export function messageCost(event: unknown, args: readonly unknown[]): number {
  const batch = args[0]
  if (event === 'plays' && Array.isArray(batch)) return 1 + Math.floor(batch.length / PLAYS_PER_MESSAGE_UNIT)
  return 1
}

/** Messages per socket per minute (on the wall clock: a test's frozen app clock must not hold a window open). */
export const messageBudget = (perMinute: number): RequestBudget | null =>
  perMinute > 0 ? new RequestBudget(systemClock, perMinute, 60_000) : null
