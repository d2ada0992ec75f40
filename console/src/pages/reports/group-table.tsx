import type { PlaysReport, ReportGrouping } from '@playlists/schemas/reports'
import { formatDuration, formatNumber } from '../../i18n/i18n'
import { tr } from './messages'
import { itemLabel, kindLabel, playlistLabel, rowLabel, siteLabel } from './names'

/** The column naming each grouping's rows. */
const HEAD: Record<ReportGrouping, Parameters<typeof tr>[0]> = {
  day: 'group.day',
  month: 'group.month',
  site: 'group.site',
  screen: 'group.screen',
  playlist: 'group.playlist',
  item: 'group.item',
}

/**
 * One page of a grouping: the name (and what it belongs to), plays, time on air and the share of
 * all plays of the period. `rank` numbers the rows from the page's first (the top items).
 */
export function GroupTable({
  report,
  rank = false,
  firstRank = 1,
}: {
  report: PlaysReport
  rank?: boolean
  firstRank?: number
}) {
  const { by, names, totals } = report
  if (report.rows.length === 0) return <p class="empty">{tr('table.empty')}</p>
  const item = by === 'item'
  return (
    <table class="report-table" data-grouping={by}>
      <thead>
        <tr>
          {rank && (
            <th scope="col" class="number">
              {tr('table.rank')}
            </th>
          )}
          <th scope="col">{tr(HEAD[by])}</th>
          {by === 'screen' && <th scope="col">{tr('group.site')}</th>}
          {item && <th scope="col">{tr('table.kind')}</th>}
          {item && <th scope="col">{tr('group.playlist')}</th>}
          <th scope="col" class="number">
            {tr('table.plays')}
          </th>
          <th scope="col" class="number">
            {tr('table.airtime')}
          </th>
          <th scope="col" class="number">
            {tr('table.share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {report.rows.map((r, i) => (
          <tr key={r.key}>
            {rank && <td class="number">{formatNumber(firstRank + i)}</td>}
            <th scope="row">
              {item ? itemLabel(names, r.playlistId ?? '', r.itemId ?? '') : rowLabel(by, r, names)}
            </th>
            {by === 'screen' && <td>{siteLabel(names, r.siteId)}</td>}
            {item && <td>{kindLabel(names.items[r.key]?.kind ?? '')}</td>}
            {item && <td>{playlistLabel(names, r.playlistId ?? '')}</td>}
            <td class="number" data-plays={r.plays}>
              {formatNumber(r.plays)}
            </td>
            <td class="number">{formatDuration(r.seconds * 1000)}</td>
            <td class="number">
              {formatNumber(totals.plays > 0 ? r.plays / totals.plays : 0, {
                style: 'percent',
                maximumFractionDigits: 1,
              })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
