import type { PlaysReport, UptimeReport } from '@playlists/schemas/reports'
import { formatDuration, formatNumber } from '../../i18n/i18n'
import { tr } from './messages'
import { percentText, share } from './uptime-view'

/** The period's figures at a glance; raw values ride along for tests and tools. */
export function Totals({ plays, uptime }: { plays: PlaysReport; uptime: UptimeReport }) {
  const average = share(uptime.totals.onlineSeconds, uptime.totals.observedSeconds)
  return (
    <dl class="report-totals">
      <div>
        <dt>{tr('totals.plays')}</dt>
        <dd data-total="plays" data-value={plays.totals.plays}>
          {formatNumber(plays.totals.plays)}
        </dd>
      </div>
      <div>
        <dt>{tr('totals.airtime')}</dt>
        <dd data-total="seconds" data-value={plays.totals.seconds}>
          {formatDuration(plays.totals.seconds * 1000)}
        </dd>
      </div>
      <div>
        <dt>{tr('totals.uptime')}</dt>
        <dd data-total="uptime" data-value={average ?? ''}>
          {percentText(average)}
        </dd>
      </div>
    </dl>
  )
}
