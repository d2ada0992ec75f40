/**
 * The suite's one hand-written wait: resolves as soon as `predicate` holds, checking every 10 ms;
 * rejects after `ms`, naming `what` it waited for. It waits on state (a socket's messages, a
 * process's exit, a file), never for a time. Tests that can use vitest's own `expect.poll` or
 * `vi.waitFor` do; this one also serves helpers that run outside vitest (the Playwright tests').
 */
export async function until(predicate: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
