import type { Heartbeat } from '@playlists/events'
import type { AlertKind, AlertRules } from '@playlists/schemas/alerts'
import type { ScreenStatus } from '@playlists/schemas/status'
import {
  checkErrors,
  checkOffline,
  checkStale,
  checkStorage,
  evaluateScreen,
  RECOVERY_HOLD_MS,
  reconcile,
  rulesFor,
  type Verdict,
} from '@server/alerts/evaluate'
import { describe, expect, it } from 'vitest'

/** The alert rules as pure functions of (status, rules, now): thresholds, holds, recovery, overrides. */

const MIN = 60_000
const T0 = Date.UTC(2026, 10, 26, 3, 0, 0)
const iso = (ms: number) => new Date(ms).toISOString()

const RULES: AlertRules = {
  offline: { enabled: true, afterMinutes: 15 },
  stale: { enabled: true, afterMinutes: 60 },
  errors: { enabled: true, count: 5, withinMinutes: 10 },
  storage: { enabled: true, percent: 90 },
}

const report = (extra: Partial<Heartbeat> = {}): Heartbeat => ({
  version: 3,
  zones: [],
  uptimeMs: 1_000,
  memory: null,
  resolution: { width: 1920, height: 960, pixelRatio: 1 },
  errors: [],
  clockOffsetMs: 0,
  ...extra,
})

/** An online screen, heard from just now, playing the latest version (3). */
const status = (extra: Partial<ScreenStatus> = {}): ScreenStatus => ({
  screenId: 'led',
  online: true,
  since: iso(T0 - 60 * MIN),
  lastSeenAt: iso(T0),
  appliedVersion: 3,
  publishedVersion: 3,
  report: report(),
  clockDisagrees: false,
  ...extra,
})

/** Offline since `since`. */
const offline = (since: number) => status({ online: false, since: iso(since), lastSeenAt: iso(since) })

const errorsAt = (...ats: number[]) => ats.map((atMs, i) => ({ atMs, message: `failure ${i + 1}` }))
const storage = (usageBytes: number, quotaBytes = 1_000) =>
  status({ report: report({ storage: { usageBytes, quotaBytes } }) })
const state = (v: Verdict) => v.state

describe('offline rule', () => {
  const rule = RULES.offline

  it('holds while offline for less than the threshold and fires at it, to the millisecond', () => {
    const s = offline(T0)
    expect(state(checkOffline(s, rule, T0))).toBe('hold')
    expect(state(checkOffline(s, rule, T0 + 15 * MIN - 1))).toBe('hold')
    expect(checkOffline(s, rule, T0 + 15 * MIN)).toEqual({
      state: 'firing',
      detail: { offlineSince: iso(T0), lastSeenAt: iso(T0) },
    })
    expect(state(checkOffline(s, rule, T0 + 3 * 24 * 60 * MIN))).toBe('firing')
  })

  it('uses the site’s threshold: 2 minutes fires where 15 would not', () => {
    const s = offline(T0)
    expect(state(checkOffline(s, { enabled: true, afterMinutes: 2 }, T0 + 2 * MIN))).toBe('firing')
    expect(state(checkOffline(s, rule, T0 + 2 * MIN))).toBe('hold')
  })

  it('clears only after the player has stayed online for the recovery hold', () => {
    const back = T0 + 30 * MIN
    const s = status({ online: true, since: iso(back), lastSeenAt: iso(back) })
    expect(state(checkOffline(s, rule, back))).toBe('hold')
    expect(state(checkOffline(s, rule, back + RECOVERY_HOLD_MS - 1))).toBe('hold')
    expect(state(checkOffline(s, rule, back + RECOVERY_HOLD_MS))).toBe('clear')
  })

  it('raises nothing for a screen whose player was never heard from (still being installed)', () => {
    const s = status({ online: false, since: iso(T0 - 30 * 24 * 60 * MIN), lastSeenAt: null, report: null })
    expect(state(checkOffline(s, rule, T0))).toBe('clear')
  })

  it('clears when the rule is switched off, whatever the screen does', () => {
    expect(state(checkOffline(offline(T0), { ...rule, enabled: false }, T0 + 60 * MIN))).toBe('clear')
  })
})

describe('stale document rule', () => {
  const published = (minutesAgo: number, now = T0) => now - minutesAgo * MIN
  const behind = (extra: Partial<ScreenStatus> = {}) =>
    status({ appliedVersion: 2, publishedVersion: 3, ...extra })

  it('fires when the latest version was published the threshold ago and is still not applied', () => {
    expect(state(checkStale({ status: behind(), publishedAtMs: published(59) }, RULES, T0))).toBe('hold')
    expect(checkStale({ status: behind(), publishedAtMs: published(60) }, RULES, T0)).toEqual({
      state: 'firing',
      detail: { appliedVersion: 2, publishedVersion: 3, publishedAt: iso(published(60)) },
    })
  })

  it('fires for a player that holds nothing yet (applied null) once it has reported', () => {
    const s = behind({ appliedVersion: null })
    expect(checkStale({ status: s, publishedAtMs: published(90) }, RULES, T0)).toMatchObject({
      state: 'firing',
      detail: { appliedVersion: null, publishedVersion: 3 },
    })
  })

  it('clears as soon as the player applies the latest version (or a newer one it was told of)', () => {
    expect(state(checkStale({ status: status(), publishedAtMs: published(600) }, RULES, T0))).toBe('clear')
    const ahead = status({ appliedVersion: 4, publishedVersion: 3 })
    expect(state(checkStale({ status: ahead, publishedAtMs: published(600) }, RULES, T0))).toBe('clear')
  })

  it('clears when nothing is published and for a screen never heard from', () => {
    const none = status({ appliedVersion: null, publishedVersion: null })
    expect(state(checkStale({ status: none, publishedAtMs: null }, RULES, T0))).toBe('clear')
    const never = behind({ lastSeenAt: null, online: false })
    expect(state(checkStale({ status: never, publishedAtMs: published(600) }, RULES, T0))).toBe('clear')
  })

  it('leaves an offline screen to the offline rule, unless that rule is off', () => {
    const dark = behind({ online: false, since: iso(T0 - 120 * MIN) })
    expect(state(checkStale({ status: dark, publishedAtMs: published(600) }, RULES, T0))).toBe('hold')
    const noOffline = { ...RULES, offline: { ...RULES.offline, enabled: false } }
    expect(state(checkStale({ status: dark, publishedAtMs: published(600) }, noOffline, T0))).toBe('firing')
  })

  it('a newer publication while still behind keeps the incident (hold), it does not resolve it', () => {
    // v4 published a minute ago; the player still plays v2.
    const s = behind({ publishedVersion: 4 })
    expect(state(checkStale({ status: s, publishedAtMs: published(1) }, RULES, T0))).toBe('hold')
  })
})

describe('errors rule', () => {
  const rule = RULES.errors
  const withErrors = (...ats: number[]) => status({ report: report({ errors: errorsAt(...ats) }) })

  it('fires at count errors within the window, naming the newest', () => {
    const four = withErrors(T0 - 9 * MIN, T0 - 5 * MIN, T0 - 2 * MIN, T0 - 1 * MIN)
    expect(state(checkErrors(four, rule, T0))).toBe('hold')
    const five = withErrors(T0 - 9 * MIN, T0 - 5 * MIN, T0 - 2 * MIN, T0 - MIN, T0 - 1_000)
    expect(checkErrors(five, rule, T0)).toEqual({
      state: 'firing',
      detail: { errorCount: 5, lastError: 'failure 5' },
    })
  })

  it('counts only errors inside the window (the boundary is inside)', () => {
    const s = withErrors(T0 - 10 * MIN - 1, T0 - 10 * MIN, T0 - 3 * MIN, T0 - 2 * MIN, T0 - MIN)
    expect(checkErrors(s, rule, T0)).toMatchObject({ state: 'hold' })
    expect(checkErrors(s, { ...rule, count: 4 }, T0)).toMatchObject({ detail: { errorCount: 4 } })
  })

  it('clears once fewer than half the count remain, holds in between (no flapping at the edge)', () => {
    const s = withErrors(T0 - 8 * MIN, T0 - 7 * MIN, T0 - 6 * MIN, T0 - 2 * MIN, T0 - MIN)
    expect(state(checkErrors(s, rule, T0))).toBe('firing')
    // Two minutes on the oldest has aged out: 4 left, still above half of 5.
    expect(state(checkErrors(s, rule, T0 + 2 * MIN + 1))).toBe('hold')
    // Three gone: 2 left (< 3): clear.
    expect(state(checkErrors(s, rule, T0 + 4 * MIN + 1))).toBe('clear')
  })

  it('a count of one fires on a single error and clears when it ages out', () => {
    const s = withErrors(T0 - MIN)
    const one = { ...rule, count: 1 }
    expect(state(checkErrors(s, one, T0))).toBe('firing')
    expect(state(checkErrors(s, one, T0 + 10 * MIN))).toBe('clear')
  })

  it('ignores errors stamped in the future (a player clock gone wrong)', () => {
    const s = withErrors(T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN, T0 + 5 * MIN)
    expect(state(checkErrors(s, rule, T0))).toBe('clear')
  })

  it('holds with no report, clears when switched off', () => {
    expect(state(checkErrors(status({ report: null }), rule, T0))).toBe('hold')
    const many = withErrors(T0, T0, T0, T0, T0, T0)
    expect(state(checkErrors(many, { ...rule, enabled: false }, T0))).toBe('clear')
  })
})

describe('storage rule', () => {
  const rule = RULES.storage

  it('fires at the percent, holds within 5 points below, clears under that', () => {
    expect(checkStorage(storage(900), rule)).toEqual({
      state: 'firing',
      detail: { usageBytes: 900, quotaBytes: 1_000, usedPercent: 90 },
    })
    expect(state(checkStorage(storage(899), rule))).toBe('hold')
    expect(state(checkStorage(storage(850), rule))).toBe('hold')
    expect(state(checkStorage(storage(849), rule))).toBe('clear')
  })

  it('holds when the player gives no figures (older player, no quota), clears when off', () => {
    expect(state(checkStorage(status(), rule))).toBe('hold')
    expect(state(checkStorage(status({ report: report({ storage: null }) }), rule))).toBe('hold')
    expect(state(checkStorage(storage(0, 0), rule))).toBe('hold')
    expect(state(checkStorage(storage(990), { ...rule, enabled: false }))).toBe('clear')
  })
})

describe('reconcile: once per incident', () => {
  const verdicts = (v: Partial<Record<AlertKind, Verdict>>): Record<AlertKind, Verdict> => ({
    offline: { state: 'clear' },
    stale: { state: 'clear' },
    errors: { state: 'clear' },
    storage: { state: 'clear' },
    healing: { state: 'hold' },
    screenshot: { state: 'hold' },
    ...v,
  })
  const firing: Verdict = { state: 'firing', detail: { errorCount: 5 } }

  it('opens a firing kind that is not open, and never a second one while it is', () => {
    expect(reconcile(verdicts({ errors: firing }), new Set())).toEqual({
      open: [{ kind: 'errors', detail: { errorCount: 5 } }],
      resolve: [],
    })
    expect(reconcile(verdicts({ errors: firing }), new Set(['errors']))).toEqual({ open: [], resolve: [] })
  })

  it('resolves an open kind that cleared; hold changes nothing either way', () => {
    expect(reconcile(verdicts({}), new Set<AlertKind>(['offline', 'storage']))).toEqual({
      open: [],
      resolve: ['offline', 'storage'],
    })
    const hold = verdicts({ offline: { state: 'hold' } })
    expect(reconcile(hold, new Set<AlertKind>(['offline']))).toEqual({ open: [], resolve: [] })
    expect(reconcile(hold, new Set())).toEqual({ open: [], resolve: [] })
  })
})

describe('a flapping screen, minute by minute', () => {
  /** Runs the rules over a sequence of (minute, status) and records opens and resolves. */
  function replay(steps: [number, ScreenStatus][]): string[] {
    const open = new Set<AlertKind>()
    const events: string[] = []
    for (const [minute, s] of steps) {
      const now = T0 + minute * MIN
      const changes = reconcile(
        evaluateScreen({ status: s, publishedAtMs: T0 - 600 * MIN }, RULES, now),
        open,
      )
      for (const { kind } of changes.open) {
        open.add(kind)
        events.push(`${minute}: open ${kind}`)
      }
      for (const kind of changes.resolve) {
        open.delete(kind)
        events.push(`${minute}: resolve ${kind}`)
      }
    }
    return events
  }
  const online = (sinceMinute: number) =>
    status({ online: true, since: iso(T0 + sinceMinute * MIN), lastSeenAt: iso(T0 + sinceMinute * MIN) })
  const down = (sinceMinute: number) => offline(T0 + sinceMinute * MIN)

  it('a link dropping for a few minutes at a time raises nothing', () => {
    expect(
      replay([
        [0, down(0)],
        [5, online(5)],
        [8, down(8)],
        [20, online(20)],
        [30, online(20)],
      ]),
    ).toEqual([])
  })

  it('a long outage opens once, brief reconnects do not resolve it, a stable return does', () => {
    const steps: [number, ScreenStatus][] = [
      [0, down(0)],
      [15, down(0)],
      [16, down(0)],
      // Up for a few seconds, then down again: still the same incident.
      [20, online(20)],
      [20.5, down(20.5)],
      [40, down(20.5)],
      [50, online(50)],
      [50.5, online(50)],
      [51, online(50)],
      [60, online(50)],
    ]
    expect(replay(steps)).toEqual(['15: open offline', '51: resolve offline'])
  })

  it('a second outage after a recovery is a second incident', () => {
    const steps: [number, ScreenStatus][] = [
      [0, down(0)],
      [15, down(0)],
      [30, online(30)],
      [32, online(30)],
      [40, down(40)],
      [55, down(40)],
    ]
    expect(replay(steps)).toEqual(['15: open offline', '32: resolve offline', '55: open offline'])
  })
})

describe('rules per site', () => {
  const strict: AlertRules = { ...RULES, offline: { enabled: true, afterMinutes: 2 } }
  const bySite = new Map([['chi-ma', strict]])

  it('a site with its own rules follows them; every other site the default', () => {
    expect(rulesFor('chi-ma', bySite, RULES)).toBe(strict)
    expect(rulesFor('tan-thanh', bySite, RULES)).toBe(RULES)
  })

  it('the same dark screen fires at Chi Ma after 2 minutes and not under the default', () => {
    const s = offline(T0)
    const at = T0 + 5 * MIN
    const health = { status: s, publishedAtMs: null }
    expect(evaluateScreen(health, rulesFor('chi-ma', bySite, RULES), at).offline.state).toBe('firing')
    expect(evaluateScreen(health, rulesFor('tan-thanh', bySite, RULES), at).offline.state).toBe('hold')
  })

  it('a site that switches a rule off resolves what that rule opened', () => {
    const quiet: AlertRules = { ...RULES, storage: { enabled: false, percent: 90 } }
    const s = storage(990)
    const open = new Set<AlertKind>(['storage'])
    expect(reconcile(evaluateScreen({ status: s, publishedAtMs: null }, RULES, T0), open).resolve).toEqual([])
    expect(reconcile(evaluateScreen({ status: s, publishedAtMs: null }, quiet, T0), open).resolve).toEqual([
      'storage',
    ])
  })
})
