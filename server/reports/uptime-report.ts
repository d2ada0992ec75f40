import { operatingIntervals } from '@playlists/power/plan'
import { ALWAYS_ON, type PowerPlan } from '@playlists/schemas/power'
import type { ScreenUptime, UptimeReport } from '@playlists/schemas/reports'
import { addDays, midnightOf } from '@playlists/time/zone'
import { isoAt } from '../clock'
import type { ReportFilter, ReportsRepository } from '../repositories/reports'
import type { UptimeRepository } from '../repositories/uptime'
import type { Period } from './period'
import { dayText, uptimeByDay } from './uptime'

/**
 * Uptime per screen and local day for every existing screen of the filter, from the recorded
 * changes (server/reports/uptime.ts says what counts as online). Screens deleted since are not
 * reported: their zone and lifetime are gone with them.
 */
export function screensUptime(
  repos: { reports: ReportsRepository; uptime: UptimeRepository },
  filter: Pick<ReportFilter, 'siteId' | 'screenId'>,
  period: Period,
  nowMs: number,
): { screens: ScreenUptime[]; recordedSince: number | null } {
  const recordedSince = repos.uptime.recordedSince()
  const screens = repos.reports.screens(filter).map((s): ScreenUptime => {
    const base = { screenId: s.id, siteId: s.site_id, timeZone: s.time_zone }
    if (recordedSince === null) return { ...base, onlineSeconds: 0, observedSeconds: 0, days: [] }
    const fromMs = midnightOf(s.time_zone, period.from)
    const toMs = midnightOf(s.time_zone, addDays(period.to, 1))
    // The plan in force now stands for the whole period: plans keep no history (their changes
    // are in the audit log). Off-hours are neither uptime nor outage.
    const plan: PowerPlan = s.power_plan === null ? ALWAYS_ON : JSON.parse(s.power_plan)
    const days = uptimeByDay({
      transitions: repos.uptime.transitions(s.id, fromMs, toMs),
      timeZone: s.time_zone,
      from: period.from,
      to: period.to,
      nowMs,
      observedFromMs: Math.max(recordedSince, Date.parse(s.created_at)),
      operating: operatingIntervals(plan.hours, s.time_zone, fromMs, toMs),
    })
    // Summed in whole ms, divided once: seconds stay exact to the millisecond.
    return {
      ...base,
      onlineSeconds: days.reduce((sum, d) => sum + d.onlineMs, 0) / 1000,
      observedSeconds: days.reduce((sum, d) => sum + d.observedMs, 0) / 1000,
      days: days.map((d) => ({
        day: d.day,
        onlineSeconds: d.onlineMs / 1000,
        observedSeconds: d.observedMs / 1000,
      })),
    }
  })
  return { screens, recordedSince }
}

/** One page of screens, totals over all of them, and the names of the page's screens and sites. */
export function uptimeReport(
  repos: { reports: ReportsRepository; uptime: UptimeRepository },
  filter: Pick<ReportFilter, 'siteId' | 'screenId'>,
  period: Period,
  nowMs: number,
  page: { page: number; pageSize: number; offset: number },
): UptimeReport {
  const { screens, recordedSince } = screensUptime(repos, filter, period, nowMs)
  const shown = screens.slice(page.offset, page.offset + page.pageSize)
  return {
    from: dayText(period.from),
    to: dayText(period.to),
    recordedSince: recordedSince === null ? null : isoAt(recordedSince),
    screens: shown,
    total: screens.length,
    page: page.page,
    pageSize: page.pageSize,
    totals: {
      onlineSeconds: screens.reduce((sum, s) => sum + Math.round(s.onlineSeconds * 1000), 0) / 1000,
      observedSeconds: screens.reduce((sum, s) => sum + Math.round(s.observedSeconds * 1000), 0) / 1000,
    },
    names: repos.reports.names(shown),
  }
}
