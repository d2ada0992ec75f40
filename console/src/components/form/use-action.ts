import { useCallback, useRef, useState } from 'preact/hooks'
import type { ApiError } from '../../api'
import { type ActionState, IDLE, runGuarded } from './action'

export interface Action<A extends unknown[], T> {
  /** Starts the action; a call while it runs is ignored (answers undefined), as is a failure. */
  run: (...args: A) => Promise<T | undefined>
  busy: boolean
  /** The last failure as an ApiError, cleared when the action runs again. */
  error: ApiError | null
  /** Shows a refusal found before the action ran (a check of the form's own), or clears it. */
  setError: (error: ApiError | null) => void
}

/**
 * A form's submit or a button's action: busy while it runs (to disable the button and say
 * "Saving…"), one run at a time however fast the clicks come, and any failure normalised into
 * the ApiError that ErrorMessage shows. The latest `work` is always the one run, so it may read
 * the form's current fields without being memoised.
 */
export function useAction<A extends unknown[], T>(work: (...args: A) => Promise<T>): Action<A, T> {
  const [state, setState] = useState<ActionState>(IDLE)
  const guard = useRef({ running: false })
  const latest = useRef(work)
  latest.current = work
  const run = useCallback(
    (...args: A) => runGuarded(guard.current, () => latest.current(...args), setState),
    [],
  )
  const setError = useCallback((error: ApiError | null) => setState((s) => ({ ...s, error })), [])
  return { run, busy: state.busy, error: state.error, setError }
}
