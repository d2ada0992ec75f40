import type { HealingStep } from '@playlists/agent'

/**
 * The healing ladder (issue 20 part 4) as a pure function of what happened and `now`: which step
 * to take for a failing player, or none. The player's own watchdog reloads first (at most three
 * an hour, player/src/watchdog.ts); its reloads count here with the agent's. When reloads do not
 * help the agent restarts the browser; when that does not help it reboots the PC (if the screen
 * allows it); as the last resort it shows the last good frame instead of an error page. After an
 * hour without a step the ladder starts again from the bottom.
 */

/** The window the ladder counts in: the watchdog's own rate limit. */
export const LADDER_WINDOW_MS = 60 * 60_000

/** Reloads in the window (the watchdog's and the agent's) before the browser is restarted. */
export const RELOADS_BEFORE_RESTART = 3

/**
 * How long a step is given to work before a failure counts against it: a reload shows the
 * player in seconds, a browser restart in ten or so, a reboot in a minute or two.
 */
export const STEP_GRACE_MS: Record<HealingStep, number> = {
  reload: 30_000,
  'restart-browser': 60_000,
  reboot: 5 * 60_000,
  'last-good-frame': 0,
}

export interface LadderStep {
  step: HealingStep
  atMs: number
}

export interface LadderInput {
  /** The agent's own steps, newest last (kept on disk: a reboot must not forget the reboot). */
  steps: readonly LadderStep[]
  /** The instants of the player watchdog's reloads. */
  watchdogReloads: readonly number[]
  allowReboot: boolean
  /** Every step's grace instead of STEP_GRACE_MS's (LADDER_GRACE_SECONDS: a slow PC needs longer). */
  graceMs?: number
}

/** The step for a failure seen at `now`; null: wait (a step is still taking effect, or the last resort holds). */
export function nextStep(
  { steps, watchdogReloads, allowReboot, graceMs }: LadderInput,
  now: number,
): HealingStep | null {
  const recent = steps.filter((s) => now - s.atMs < LADDER_WINDOW_MS && s.atMs <= now)
  const last = recent.at(-1)
  if (last && now - last.atMs < (graceMs ?? STEP_GRACE_MS[last.step])) return null
  if (last?.step === 'last-good-frame') return null
  const took = (step: HealingStep) => recent.some((s) => s.step === step)
  const reloads =
    recent.filter((s) => s.step === 'reload').length +
    watchdogReloads.filter((at) => now - at < LADDER_WINDOW_MS && at <= now).length
  if (!took('restart-browser') && !took('reboot') && reloads < RELOADS_BEFORE_RESTART) return 'reload'
  if (!took('restart-browser') && !took('reboot')) return 'restart-browser'
  if (allowReboot && !took('reboot')) return 'reboot'
  return 'last-good-frame'
}

/** The steps still worth keeping at `now` (older ones no longer count). */
export const keptSteps = (steps: readonly LadderStep[], now: number): LadderStep[] =>
  steps.filter((s) => now - s.atMs < LADDER_WINDOW_MS)
