import { ApiError } from '../../api'

/**
 * The logic under useAction, free of Preact so it is tested as plain functions: what a failure
 * becomes for the person, and the guard that lets one run of an action through at a time.
 */

/**
 * Any failure as the console's ApiError. `request` already turns HTTP and network failures into
 * one; anything else thrown (a bug in the page's own code, a browser API refusing) becomes status
 * 0, which the error display words as "could not be done" rather than blaming the server.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError(0, 'Error', error instanceof Error ? error.message : String(error))
}

/** What a form shows about its action: whether it runs, and its last refusal. */
export interface ActionState {
  busy: boolean
  error: ApiError | null
}

export const IDLE: ActionState = { busy: false, error: null }

/**
 * Runs `work` unless a run is already under way, reporting each state change to `report`.
 * The flag lives in `guard` (a ref in the hook), not in rendered state: a double click delivers
 * both clicks before Preact renders the disabled button, so only a synchronous flag stops the
 * second submit. Answers the work's value, or undefined when it failed or was refused as a repeat.
 */
export async function runGuarded<T>(
  guard: { running: boolean },
  work: () => Promise<T>,
  report: (state: ActionState) => void,
): Promise<T | undefined> {
  if (guard.running) return undefined
  guard.running = true
  report({ busy: true, error: null })
  try {
    const value = await work()
    report(IDLE)
    return value
  } catch (error) {
    report({ busy: false, error: toApiError(error) })
    return undefined
  } finally {
    guard.running = false
  }
}
