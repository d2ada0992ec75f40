import { describe, expect, it } from 'vitest'
import {
  LADDER_WINDOW_MS,
  type LadderStep,
  nextStep,
  STEP_GRACE_MS,
} from '../../../player/kiosk/agent/ladder'

/** The healing ladder's decision (player/kiosk/agent/ladder.ts): a pure function of what happened and `now`. */

const T = Date.UTC(2026, 11, 5, 3, 0)
const MIN = 60_000
const decide = (steps: LadderStep[], now: number, watchdogReloads: number[] = [], allowReboot = true) =>
  nextStep({ steps, watchdogReloads, allowReboot }, now)

describe('the healing ladder', () => {
  it('reloads a failing player first', () => {
    expect(decide([], T)).toBe('reload')
  })

  it('waits while a step is still taking effect', () => {
    expect(decide([{ step: 'reload', atMs: T }], T + STEP_GRACE_MS.reload - 1)).toBeNull()
    expect(decide([{ step: 'reload', atMs: T }], T + STEP_GRACE_MS.reload)).toBe('reload')
    expect(decide([{ step: 'restart-browser', atMs: T }], T + 30_000)).toBeNull()
  })

  it('restarts the browser after three reloads in an hour, counting the watchdog’s', () => {
    const reloads = [0, 2, 4].map((m) => ({ step: 'reload' as const, atMs: T + m * MIN }))
    expect(decide(reloads, T + 5 * MIN)).toBe('restart-browser')
    // Two of the watchdog's and one of the agent's make three as well.
    expect(decide([{ step: 'reload', atMs: T }], T + 5 * MIN, [T - 10 * MIN, T - 5 * MIN])).toBe(
      'restart-browser',
    )
    // Reloads older than the hour no longer count.
    expect(decide(reloads, T + 4 * MIN + LADDER_WINDOW_MS)).toBe('reload')
    expect(decide([], T, [T - LADDER_WINDOW_MS - 1, T - 10 * MIN, T - 5 * MIN])).toBe('reload')
  })

  it('reboots when the restart did not help, and only where the screen allows it', () => {
    const steps: LadderStep[] = [
      ...[0, 1, 2].map((m) => ({ step: 'reload' as const, atMs: T + m * MIN })),
      { step: 'restart-browser', atMs: T + 3 * MIN },
    ]
    expect(decide(steps, T + 5 * MIN)).toBe('reboot')
    expect(decide(steps, T + 5 * MIN, [], false)).toBe('last-good-frame')
  })

  it('shows the last good frame when the reboot did not help, and holds it until the hour has passed', () => {
    const steps: LadderStep[] = [
      { step: 'restart-browser', atMs: T },
      { step: 'reboot', atMs: T + 2 * MIN },
    ]
    expect(decide(steps, T + 2 * MIN + STEP_GRACE_MS.reboot)).toBe('last-good-frame')
    const held = [...steps, { step: 'last-good-frame' as const, atMs: T + 8 * MIN }]
    expect(decide(held, T + 30 * MIN)).toBeNull()
    // An hour without a step: the ladder starts again from the bottom (back to the player).
    expect(decide(held, T + 8 * MIN + LADDER_WINDOW_MS)).toBe('reload')
  })

  it('gives every step the configured grace instead of its own', () => {
    const input = { steps: [{ step: 'reboot' as const, atMs: T }], watchdogReloads: [], allowReboot: true }
    expect(nextStep(input, T + 2_000)).toBeNull()
    expect(nextStep({ ...input, graceMs: 1_000 }, T + 2_000)).toBe('last-good-frame')
  })

  it('ignores steps dated in the future (a clock set back)', () => {
    expect(decide([{ step: 'reboot', atMs: T + 10 * MIN }], T)).toBe('reload')
  })
})
