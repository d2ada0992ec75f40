import { operatingSince } from '@playlists/power/plan'
import { ALERT_KINDS, type AlertKind, type AlertRules, type IncidentDetail } from '@playlists/schemas/alerts'
import type { OperatingHours } from '@playlists/schemas/power'
import type { ScreenStatus } from '@playlists/schemas/status'

/**
 * Alert rules as pure functions of (a screen's status, its site's rules, now): no clock, no
 * database. Each rule gives one of three verdicts:
 *  - firing: the trouble is there (an incident opens if none is open);
 *  - clear: it is gone (an open incident resolves, with a recovery notice);
 *  - hold: in between, or not known: whatever is open stays open, nothing new opens.
 * The band between firing and clear keeps a screen hovering at a threshold (a player that
 * reconnects for a few seconds, storage at 90 % ± a file) from sending a notice each minute.
 */

const MINUTE = 60_000

/**
 * An offline incident closes only once the player has stayed online this long: a gate's link
 * that comes up for ten seconds between drops is still down for the people there.
 */
export const RECOVERY_HOLD_MS = MINUTE

/** Storage clears once this many points below the rule's percent (90 % fires, under 85 % clears). */
export const STORAGE_CLEAR_MARGIN_PERCENT = 5

export type Verdict = { state: 'firing'; detail: IncidentDetail } | { state: 'clear' } | { state: 'hold' }

const CLEAR: Verdict = { state: 'clear' }
const HOLD: Verdict = { state: 'hold' }

/** What the rules look at for one screen. */
export interface ScreenHealth {
  status: ScreenStatus
  /** When the newest version for the screen was published (ms); null when nothing is. */
  publishedAtMs: number | null
  /** The screen's operating hours in its time zone; absent: always on. */
  operating?: { hours: OperatingHours; timeZone: string }
}

const ms = (iso: string) => Date.parse(iso)
const iso = (at: number) => new Date(at).toISOString()

/**
 * Offline for at least the rule's minutes of operating hours. A screen never heard from is being
 * installed, not broken: it raises nothing until its first player has reported. Off-hours are no
 * outage: a screen switched off at closing raises nothing overnight (an incident already open
 * stays open), and one still dark at opening counts its minutes from the opening.
 */
export function checkOffline(
  status: ScreenStatus,
  rule: AlertRules['offline'],
  now: number,
  operating?: ScreenHealth['operating'],
): Verdict {
  if (!rule.enabled || status.lastSeenAt === null) return CLEAR
  if (status.online) return now - ms(status.since) >= RECOVERY_HOLD_MS ? CLEAR : HOLD
  let darkSince = ms(status.since)
  if (operating) {
    const opened = operatingSince(operating.hours, operating.timeZone, now, now - darkSince + 1)
    if (opened === null) return HOLD // off-hours now
    darkSince = Math.max(darkSince, opened)
  }
  if (now - darkSince < rule.afterMinutes * MINUTE) return HOLD
  return { state: 'firing', detail: { offlineSince: status.since, lastSeenAt: status.lastSeenAt } }
}

/**
 * The newest version was published at least the rule's minutes ago and the player still has
 * not applied it. While the screen is offline that is the offline rule's business (when on):
 * one incident for one dark screen, not two.
 */
export function checkStale(
  health: ScreenHealth,
  rules: Pick<AlertRules, 'stale' | 'offline'>,
  now: number,
): Verdict {
  const { status, publishedAtMs } = health
  const rule = rules.stale
  if (!rule.enabled || status.lastSeenAt === null || status.publishedVersion === null) return CLEAR
  if (status.appliedVersion !== null && status.appliedVersion >= status.publishedVersion) return CLEAR
  if (!status.online && rules.offline.enabled) return HOLD
  if (publishedAtMs === null || now - publishedAtMs < rule.afterMinutes * MINUTE) return HOLD
  return {
    state: 'firing',
    detail: {
      appliedVersion: status.appliedVersion,
      publishedVersion: status.publishedVersion,
      publishedAt: iso(publishedAtMs),
    },
  }
}

/**
 * At least `count` errors reported within the last `withinMinutes` (player errors carry
 * server-clock instants). Clears when fewer than half the count remain in the window.
 */
export function checkErrors(status: ScreenStatus, rule: AlertRules['errors'], now: number): Verdict {
  if (!rule.enabled) return CLEAR
  if (!status.report) return HOLD
  const since = now - rule.withinMinutes * MINUTE
  const recent = status.report.errors.filter((e) => e.atMs >= since && e.atMs <= now)
  if (recent.length >= rule.count) {
    const newest = recent.reduce((a, b) => (b.atMs >= a.atMs ? b : a))
    return { state: 'firing', detail: { errorCount: recent.length, lastError: newest.message } }
  }
  return recent.length < Math.ceil(rule.count / 2) ? CLEAR : HOLD
}

/** Storage at or above the rule's percent of the browser's quota; unknown storage holds. */
export function checkStorage(status: ScreenStatus, rule: AlertRules['storage']): Verdict {
  if (!rule.enabled) return CLEAR
  const storage = status.report?.storage
  if (!storage || storage.quotaBytes <= 0) return HOLD
  const usedPercent = (storage.usageBytes / storage.quotaBytes) * 100
  if (usedPercent >= rule.percent) {
    return {
      state: 'firing',
      detail: {
        usageBytes: storage.usageBytes,
        quotaBytes: storage.quotaBytes,
        usedPercent: Math.round(usedPercent * 10) / 10,
      },
    }
  }
  return usedPercent < rule.percent - STORAGE_CLEAR_MARGIN_PERCENT ? CLEAR : HOLD
}

/** Every rule's verdict for one screen. */
export function evaluateScreen(
  health: ScreenHealth,
  rules: AlertRules,
  now: number,
): Record<AlertKind, Verdict> {
  return {
    offline: checkOffline(health.status, rules.offline, now, health.operating),
    stale: checkStale(health, rules, now),
    errors: checkErrors(health.status, rules.errors, now),
    storage: checkStorage(health.status, rules.storage),
    // Decided by each capture as it arrives (AlertService.screenshotChecked), never by the status.
    screenshot: HOLD,
    // Decided by the kiosk agent's reports (AlertService.agentHealing).
    healing: HOLD,
  }
}

export interface Changes {
  /** Kinds to open an incident for, with what to record. */
  open: { kind: AlertKind; detail: IncidentDetail }[]
  /** Kinds whose open incident is over. */
  resolve: AlertKind[]
}

/** From the verdicts and the kinds already open: what opens and what resolves. At most one per kind. */
export function reconcile(verdicts: Record<AlertKind, Verdict>, open: ReadonlySet<AlertKind>): Changes {
  const changes: Changes = { open: [], resolve: [] }
  for (const kind of ALERT_KINDS) {
    const verdict = verdicts[kind]
    if (verdict.state === 'firing' && !open.has(kind)) changes.open.push({ kind, detail: verdict.detail })
    if (verdict.state === 'clear' && open.has(kind)) changes.resolve.push(kind)
  }
  return changes
}

/** The rules a site follows: its own, else the default. */
export function rulesFor(
  siteId: string,
  bySite: ReadonlyMap<string, AlertRules>,
  fallback: AlertRules,
): AlertRules {
  return bySite.get(siteId) ?? fallback
}
