import type {
  PlaysReport,
  ReportGrouping,
  ReportNames,
  ScreenUptime,
  UptimeReport,
} from '@playlists/schemas/reports'
import { REPORT_PAGE_SIZE_MAX, UPTIME_PAGE_SIZE_MAX } from '@playlists/schemas/reports'
import { useEffect, useState } from 'preact/hooks'
import { type ApiError, api, read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { tc } from '../../i18n/common'
import { formatDate, formatDateTime, formatDuration, formatNumber } from '../../i18n/i18n'
import { href } from '../../router'
import { useResource } from '../../use-resource'
import { GroupTable } from './group-table'
import { tr } from './messages'
import { screenLabel, siteLabel } from './names'
import { currentYear, FIRST_YEAR, type Period, yearPeriod } from './period'
import { PlaysChart } from './plays-chart'
import { Totals } from './totals'
import { percentText, share } from './uptime-view'

const TOP_ITEMS = 20

/** Every screen's uptime for the period, page after page (a province may have hundreds). */
function useAllUptime(period: Period | null): { data?: UptimeReport; error: ApiError | null } {
  const [state, setState] = useState<{ data?: UptimeReport; error: ApiError | null }>({ error: null })
  const key = period ? `${period.from}/${period.to}` : null
  useEffect(() => {
    if (!period) return
    let cancelled = false
    const load = async () => {
      const first = await api.get('/api/reports/uptime', {
        query: { ...period, page: 1, pageSize: UPTIME_PAGE_SIZE_MAX },
      })
      const all: UptimeReport = { ...first, screens: [...first.screens], names: mergeNames(first.names) }
      for (let page = 2; (page - 1) * UPTIME_PAGE_SIZE_MAX < first.total; page++) {
        const next = await api.get('/api/reports/uptime', {
          query: { ...period, page, pageSize: UPTIME_PAGE_SIZE_MAX },
        })
        all.screens.push(...next.screens)
        all.names = mergeNames(all.names, next.names)
      }
      if (!cancelled) setState({ data: all, error: null })
    }
    load().catch((error: unknown) => {
      if (!cancelled) setState({ error: toApiError(error) })
    })
    return () => {
      cancelled = true
    }
  }, [key])
  return state
}

function mergeNames(...all: ReportNames[]): ReportNames {
  const out: ReportNames = { sites: {}, screens: {}, playlists: {}, items: {} }
  for (const n of all) {
    Object.assign(out.sites, n.sites)
    Object.assign(out.screens, n.screens)
    Object.assign(out.playlists, n.playlists)
    Object.assign(out.items, n.items)
  }
  return out
}

interface Line {
  key: string
  siteId: string | null
  screenId?: string
  plays: number
  seconds: number
  online: number
  observed: number
}

/** Plays and uptime side by side, per site or per screen (either may be missing for a row). */
function lines(
  plays: PlaysReport,
  screens: readonly ScreenUptime[],
  keyOf: (s: { siteId: string | null; screenId?: string }) => string,
): Line[] {
  const byKey = new Map<string, Line>()
  const line = (key: string, siteId: string | null, screenId?: string) => {
    let l = byKey.get(key)
    if (!l) {
      l = { key, siteId, ...(screenId ? { screenId } : {}), plays: 0, seconds: 0, online: 0, observed: 0 }
      byKey.set(key, l)
    }
    return l
  }
  for (const r of plays.rows) {
    const l = line(keyOf({ siteId: r.siteId ?? null, screenId: r.screenId }), r.siteId ?? null, r.screenId)
    l.plays += r.plays
    l.seconds += r.seconds
  }
  for (const s of screens) {
    const l = line(keyOf(s), s.siteId, s.screenId)
    l.online += s.onlineSeconds
    l.observed += s.observedSeconds
  }
  return [...byKey.values()]
}

/**
 * The yearly report laid out for A4 paper: totals, plays per month, per border gate and per
 * screen with their uptime, and the most played items. The console's navigation and these
 * buttons are left off the printout (print CSS).
 */
export function PrintReport({ yearText }: { yearText: string }) {
  const year = Number(yearText)
  const last = currentYear()
  const valid = /^\d{4}$/.test(yearText) && year >= FIRST_YEAR && year <= last
  const period = valid ? yearPeriod(year) : null
  const query = (by: ReportGrouping, pageSize: number) =>
    period ? read('/api/reports/plays', { query: { ...period, by, pageSize } }) : null
  const months = useResource(query('month', REPORT_PAGE_SIZE_MAX))
  const sites = useResource(query('site', REPORT_PAGE_SIZE_MAX))
  const screens = useResource(query('screen', REPORT_PAGE_SIZE_MAX))
  const top = useResource(query('item', TOP_ITEMS))
  const uptime = useAllUptime(period)

  if (!period) {
    return (
      <div class="report-print">
        <h1>{tr('print.title', { year: yearText })}</h1>
        <p class="field-error" role="alert">
          {tr('print.bad-year', { year: yearText, first: FIRST_YEAR, last })}
        </p>
        <a href={href('reports')}>{tr('print.back')}</a>
      </div>
    )
  }
  const error = months.error ?? sites.error ?? screens.error ?? top.error ?? uptime.error
  return (
    <article class="report-print">
      <div class="toolbar no-print">
        <button type="button" class="primary" onClick={() => window.print()}>
          {tr('print.print')}
        </button>
        <a href={href('reports')}>{tr('print.back')}</a>
      </div>
      <header class="report-print-header">
        <h1>{tr('print.title', { year })}</h1>
        <p>{tr('print.subtitle')}</p>
        <p class="muted">{tr('print.generated', { at: formatDateTime(Date.now()) })}</p>
      </header>
      <ErrorMessage error={error} />
      {months.data && sites.data && screens.data && top.data && uptime.data ? (
        <PrintBody
          period={period}
          months={months.data}
          sites={sites.data}
          screens={screens.data}
          top={top.data}
          uptime={uptime.data}
        />
      ) : (
        !error && <p class="loading">{tc('loading')}</p>
      )}
    </article>
  )
}

function PrintBody(props: {
  period: Period
  months: PlaysReport
  sites: PlaysReport
  screens: PlaysReport
  top: PlaysReport
  uptime: UptimeReport
}) {
  const { months, sites, screens, top, uptime } = props
  return (
    <>
      <section aria-labelledby="print-summary">
        <h2 id="print-summary">{tr('print.summary')}</h2>
        <Totals plays={months} uptime={uptime} />
        <p class="muted">
          {uptime.recordedSince
            ? tr('uptime.recorded', { date: formatDate(uptime.recordedSince) })
            : tr('uptime.none')}{' '}
          {tr('print.uptime-note')}
        </p>
      </section>
      <section aria-labelledby="print-months" class="keep-together">
        <h2 id="print-months">{tr('print.months')}</h2>
        <PlaysChart report={months} period={props.period} metric="plays" step="month" />
        <GroupTable report={months} />
      </section>
      <section aria-labelledby="print-sites" class="keep-together">
        <h2 id="print-sites">{tr('print.sites')}</h2>
        <LinesTable
          lines={lines(sites, uptime.screens, (s) => s.siteId ?? '')}
          names={mergeNames(sites.names, uptime.names)}
          withScreen={false}
        />
      </section>
      <section aria-labelledby="print-screens" class="page-break">
        <h2 id="print-screens">{tr('print.screens')}</h2>
        <LinesTable
          lines={lines(screens, uptime.screens, (s) => s.screenId ?? '')}
          names={mergeNames(screens.names, uptime.names)}
          withScreen
        />
      </section>
      <section aria-labelledby="print-top" class="keep-together">
        <h2 id="print-top">{tr('print.top', { count: top.rows.length || TOP_ITEMS })}</h2>
        <GroupTable report={top} rank />
      </section>
    </>
  )
}

function LinesTable({
  lines,
  names,
  withScreen,
}: {
  lines: Line[]
  names: ReportNames
  withScreen: boolean
}) {
  const sorted = [...lines].sort(
    (a, b) =>
      siteLabel(names, a.siteId).localeCompare(siteLabel(names, b.siteId)) ||
      (a.screenId ?? '').localeCompare(b.screenId ?? ''),
  )
  if (sorted.length === 0) return <p class="empty">{tr('table.empty')}</p>
  return (
    <table class="report-table">
      <thead>
        <tr>
          {withScreen && <th scope="col">{tr('uptime.screen')}</th>}
          <th scope="col">{tr('uptime.site')}</th>
          <th scope="col" class="number">
            {tr('table.plays')}
          </th>
          <th scope="col" class="number">
            {tr('table.airtime')}
          </th>
          <th scope="col" class="number">
            {tr('uptime.percent')}
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((l) => (
          <tr key={l.key}>
            {withScreen && <th scope="row">{screenLabel(names, l.screenId ?? l.key)}</th>}
            {withScreen ? (
              <td>{siteLabel(names, l.siteId)}</td>
            ) : (
              <th scope="row">{siteLabel(names, l.siteId)}</th>
            )}
            <td class="number">{formatNumber(l.plays)}</td>
            <td class="number">{formatDuration(l.seconds * 1000)}</td>
            <td class="number">{percentText(share(l.online, l.observed))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
