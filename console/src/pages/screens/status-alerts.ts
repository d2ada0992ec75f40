import type { ScreenStatus } from '@playlists/schemas/status'

/**
 * Errors a player reported within this window count as "recent": a player keeps its last twenty
 * errors for as long as it runs, and one skipped item last week is no reason to look today.
 */
export const RECENT_ERRORS_MS = 30 * 60_000

/** What an operator should look at on a screen, read from its live status alone. */
export type ScreenAlert =
  | { kind: 'offline'; since: string; lastSeenAt: string | null }
  | { kind: 'stale'; applied: number | null; published: number }
  | { kind: 'downloading'; applied: number | null; pending: number }
  | { kind: 'errors'; count: number; last: string }
  | { kind: 'clock'; offsetMs: number }
  | { kind: 'unpublished' }

/** The worst first: a dark screen, then one showing old content, then the softer warnings. */
export function alertsOf(status: ScreenStatus | undefined, now: number): ScreenAlert[] {
  if (!status) return []
  const alerts: ScreenAlert[] = []
  const report = status.report
  if (!status.online) alerts.push({ kind: 'offline', since: status.since, lastSeenAt: status.lastSeenAt })
  const { appliedVersion: applied, publishedVersion: published } = status
  if (published === null) alerts.push({ kind: 'unpublished' })
  else if (applied !== published) {
    // A player still downloading the newest version's files is on its way, not stuck.
    if (status.online && report?.pendingVersion === published)
      alerts.push({ kind: 'downloading', applied, pending: published })
    else alerts.push({ kind: 'stale', applied, published })
  }
  const recent = (report?.errors ?? []).filter((e) => e.atMs >= now - RECENT_ERRORS_MS)
  const last = recent.at(-1)
  if (last) alerts.push({ kind: 'errors', count: recent.length, last: last.message })
  if (status.clockDisagrees && report) alerts.push({ kind: 'clock', offsetMs: report.clockOffsetMs })
  return alerts
}

export const SEVERITY: Record<ScreenAlert['kind'], 'danger' | 'warn'> = {
  offline: 'danger',
  stale: 'danger',
  downloading: 'warn',
  errors: 'warn',
  clock: 'warn',
  unpublished: 'warn',
}
