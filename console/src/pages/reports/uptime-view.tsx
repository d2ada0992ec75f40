import type { ReportNames, ScreenUptime, UptimeReport } from '@playlists/schemas/reports'
import { formatDuration, formatNumber } from '../../i18n/i18n'
import { RowChart } from './charts'
import { tr } from './messages'
import { screenLabel, siteLabel } from './names'

/** Online ÷ observed, or null when nothing was observed (no data is not 0 %). */
export const share = (online: number, observed: number): number | null =>
  observed > 0 ? online / observed : null

export const percentText = (value: number | null): string =>
  value === null ? tr('totals.none') : formatNumber(value, { style: 'percent', maximumFractionDigits: 1 })

const screenAndSite = (names: ReportNames, s: ScreenUptime) =>
  `${screenLabel(names, s.screenId)} — ${siteLabel(names, s.siteId)}`

/** Uptime per screen as horizontal bars, lowest first so the screens needing attention lead. */
export function UptimeChart({ report }: { report: UptimeReport }) {
  const observed = report.screens.filter((s) => s.observedSeconds > 0)
  if (observed.length === 0) return null
  const rows = observed
    .map((s) => ({ s, value: share(s.onlineSeconds, s.observedSeconds) ?? 0 }))
    .sort((a, b) => a.value - b.value || a.s.screenId.localeCompare(b.s.screenId))
  const lowest = rows[0]
  return (
    <RowChart
      id="uptime-chart"
      title={tr('uptime.chart')}
      description={tr('uptime.chart-desc', {
        count: rows.length,
        min: percentText(lowest?.value ?? null),
        screen: lowest ? screenLabel(report.names, lowest.s.screenId) : '',
      })}
      rows={rows.map(({ s, value }) => ({
        key: s.screenId,
        label: screenLabel(report.names, s.screenId),
        detail: screenAndSite(report.names, s),
        value,
        valueText: percentText(value),
      }))}
      headers={[tr('uptime.screen'), tr('uptime.percent')]}
      formatAxis={(v) => formatNumber(v, { style: 'percent' })}
    />
  )
}

export function UptimeTable({ report }: { report: UptimeReport }) {
  return (
    <table class="report-table" data-grouping="uptime">
      <thead>
        <tr>
          <th scope="col">{tr('uptime.screen')}</th>
          <th scope="col">{tr('uptime.site')}</th>
          <th scope="col" class="number">
            {tr('uptime.percent')}
          </th>
          <th scope="col" class="number">
            {tr('uptime.online')}
          </th>
          <th scope="col" class="number">
            {tr('uptime.observed')}
          </th>
        </tr>
      </thead>
      <tbody>
        {report.screens.map((s) => (
          <tr key={s.screenId}>
            <th scope="row">{screenLabel(report.names, s.screenId)}</th>
            <td>{siteLabel(report.names, s.siteId)}</td>
            <td class="number">{percentText(share(s.onlineSeconds, s.observedSeconds))}</td>
            <td class="number">{formatDuration(s.onlineSeconds * 1000)}</td>
            <td class="number">{formatDuration(s.observedSeconds * 1000)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
