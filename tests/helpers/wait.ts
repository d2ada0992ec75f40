/** How often to ask a process over the network whether it is up: a tighter loop only slows its start. */
export const PROBE_EVERY_MS = 100

/**
 * The suite's one hand-written wait: resolves as soon as `predicate` holds, checking every
 * `everyMs` (a predicate may ask a server, so it may be async); rejects after `ms`, naming `what`
 * it waited for. It waits on state (a socket's messages, a process's exit, a file), never for a
 * time. A predicate that throws ends the wait at once (a process that exited will never answer).
 * `what` may be a function, to name what was seen by the time it failed (a process's log). Tests
 * that can use vitest's own `expect.poll` or `vi.waitFor` do; this one also serves helpers that run
 * outside vitest (the Playwright tests').
 */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  ms = 5_000,
  what: string | (() => string) = 'condition',
  everyMs = 10,
): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`)
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/**
 * Gives what must NOT happen `ms` to happen anyway, for the few checks with no later event to wait
 * on instead (an event that would come after it, which is how every other test proves an absence).
 * Each caller says why none exists. A pass proves only that it did not happen within `ms`.
 */
export const nothingHappensWithin = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))
