/**
 * The suite's one hand-written wait: resolves as soon as `predicate` holds, checking every 10 ms
 * (a predicate may ask the server, so it may be async); rejects after `ms`, naming `what` it waited
 * for. It waits on state (a socket's messages, a process's exit, a file), never for a time. Tests
 * that can use vitest's own `expect.poll` or `vi.waitFor` do; this one also serves helpers that run
 * outside vitest (the Playwright tests').
 */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  ms = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/**
 * Gives what must NOT happen `ms` to happen anyway, for the few checks with no later event to wait
 * on instead (an event that would come after it, which is how every other test proves an absence).
 * Each caller says why none exists. A pass proves only that it did not happen within `ms`.
 */
export const nothingHappensWithin = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))
